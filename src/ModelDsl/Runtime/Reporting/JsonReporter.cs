using System.Text.Json;
using ModelDsl.Artifacts;
using ModelDsl.Catalog;

namespace ModelDsl.Runtime.Reporting;

/// <summary>
/// <c>--log-format json</c>: one JSON object per line and event (<c>node_started</c>, <c>node_finished</c>,
/// <c>build_finished</c>), for log collectors. <paramref name="quiet"/> keeps only failed nodes and the final event.
/// </summary>
public sealed class JsonReporter(TextWriter output, bool quiet = false) : IBuildReporter
{
    public void Started(int index, int total, Node node)
    {
        if (!quiet)
            Write(new { Event = "node_started", Index = index, Total = total, Name = node.Name, ResourceType = Names.ResourceType(node), At = DateTime.UtcNow });
    }

    public void Finished(int index, int total, NodeResult result)
    {
        if (quiet && !result.Failed)
            return;
        Write(new
        {
            Event = "node_finished",
            Index = index,
            Total = total,
            Name = result.Node.Name,
            ResourceType = Names.ResourceType(result.Node),
            Status = Names.Status(result.Status),
            result.Message,
            RowsAffected = result.Rows,
            result.Failures,
            SampleRows = result.SampleRows.Count == 0 ? null : result.SampleRows,
            ExecutionTime = Math.Round(result.Elapsed.TotalSeconds, 3),
            Line = TextReporter.Line(result),
        });
    }

    public void Progress(Node node, int done, int total)
    {
        if (!quiet)
            Write(new { Event = "node_progress", Name = node.Name, Done = done, Total = total, At = DateTime.UtcNow });
    }

    public void Warning(string message) => Write(new { Event = "warning", Message = message, At = DateTime.UtcNow });

    public void Completed(BuildResult result) =>
        Write(new
        {
            Event = "build_finished",
            Success = result.Succeeded,
            ElapsedSeconds = Math.Round(result.Elapsed.TotalSeconds, 3),
            Counts = Enum.GetValues<NodeStatus>().ToDictionary(Names.Status, result.Count),
            Total = result.Nodes.Count,
        });

    private void Write(object value) => output.WriteLine(JsonSerializer.Serialize(value, ArtifactJson.OneLine));
}
