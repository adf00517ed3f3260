using System.Globalization;

namespace ModelDsl.Runtime;

/// <summary>Console output of a build: one line per node, then a summary and the full error messages.</summary>
internal sealed class BuildReporter(TextWriter output)
{
    public void NodeDone(int index, int count, NodeResult result)
    {
        var prefix = $"{index} of {count}";
        var relation = result.Node.Relation;
        var line = result.Status switch
        {
            NodeStatus.Success => $"{prefix} OK {result.Message} {relation} [{Detail(result)}]",
            NodeStatus.Error => $"{prefix} ERROR {relation} [in {Seconds(result.Elapsed)}]",
            _ => $"{prefix} SKIP {relation} ({result.Message})",
        };
        output.WriteLine(line);
    }

    public void Summary(BuildResult result)
    {
        output.WriteLine(
            $"Done in {Seconds(result.Elapsed)}: {result.Count(NodeStatus.Success)} OK, " +
            $"{result.Count(NodeStatus.Error)} error, {result.Count(NodeStatus.Skipped)} skipped, {result.Nodes.Count} total");
        foreach (var failure in result.Nodes.Where(n => n.Status == NodeStatus.Error))
            output.WriteLine($"ERROR {failure.Message}");
    }

    private static string Detail(NodeResult result) =>
        result.Note is { } note ? note
        : result.Rows is { } rows
            ? $"{rows.ToString(CultureInfo.InvariantCulture)} rows in {Seconds(result.Elapsed)}"
            : $"in {Seconds(result.Elapsed)}";

    private static string Seconds(TimeSpan elapsed) =>
        elapsed.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture) + "s";
}
