using System.Globalization;
using ModelDsl.Catalog;

namespace ModelDsl.Runtime.Reporting;

/// <summary>
/// Plain lines: one as each node starts and finishes (<c>3 of 21 OK created table staging.stg_users [1 204 rows in
/// 0.04s]</c>), then a summary with the counts per status and the details of every failure and warning, sample
/// rows included. <paramref name="quiet"/> keeps only the failure details.
/// </summary>
public sealed class TextReporter(Action<string> writeLine, bool quiet = false) : IBuildReporter
{
    private static readonly NumberFormatInfo Grouped = new() { NumberGroupSeparator = " ", NumberGroupSizes = [3] };

    private static readonly NodeStatus[] SummaryOrder =
        [NodeStatus.Success, NodeStatus.Pass, NodeStatus.Warn, NodeStatus.Fail, NodeStatus.Error, NodeStatus.Skipped];

    public TextReporter(TextWriter output, bool quiet = false) : this(output.WriteLine, quiet)
    {
    }

    public void Started(int index, int total, Node node)
    {
        if (!quiet)
            writeLine($"{index} of {total} START {What(node)} {ProjectBuilder.Display(node)}");
    }

    public void Finished(int index, int total, NodeResult result)
    {
        if (!quiet)
            writeLine($"{index} of {total} {Line(result)}");
    }

    public void Progress(Node node, int done, int total)
    {
        if (!quiet)
            writeLine($"  {ProjectBuilder.Display(node)}: {Number(done)} of {Number(total)} days processed");
    }

    // Shown even with --quiet: a warning is never noise.
    public void Warning(string message) => writeLine($"WARNING: {message}");

    public void Completed(BuildResult result)
    {
        if (!quiet)
        {
            writeLine($"Done in {Seconds(result.Elapsed)}: " +
                      string.Join(", ", SummaryOrder.Select(s => $"{result.Count(s)} {Label(s)}")) + $", {result.Nodes.Count} total");
        }
        foreach (var node in result.Nodes.Where(n => n.Failed || (n.Status == NodeStatus.Warn && !quiet)))
        {
            writeLine($"{Label(node.Status)} {node.Message}");
            foreach (var row in node.SampleRows)
                writeLine("  " + string.Join(", ", row.Select(c => $"{c.Key}={c.Value ?? "NULL"}")));
            if (node.Failures > node.SampleRows.Count && node.SampleRows.Count > 0)
                writeLine($"  ... {node.Failures - node.SampleRows.Count} more");
        }
    }

    /// <summary>The finish line of a node, without its position.</summary>
    public static string Line(NodeResult result)
    {
        var name = ProjectBuilder.Display(result.Node);
        return result.Status switch
        {
            NodeStatus.Success => $"OK {result.Message} {name} [{Detail(result)}]",
            NodeStatus.Pass => $"PASS {name} [in {Seconds(result.Elapsed)}]",
            NodeStatus.Warn or NodeStatus.Fail =>
                $"{Label(result.Status)} {Number(result.Failures ?? 0)} {name} [{Number(result.Failures ?? 0)} failing rows in {Seconds(result.Elapsed)}]",
            NodeStatus.Error => $"ERROR {name} [in {Seconds(result.Elapsed)}]",
            _ => $"SKIP {name} ({result.Message})",
        };
    }

    private static string What(Node node) =>
        node.Kind == NodeKind.Test ? "test" : Names.Lower(node.Materialization);

    private static string Label(NodeStatus status) => status switch
    {
        NodeStatus.Success => "OK",
        NodeStatus.Skipped => "SKIP",
        _ => status.ToString().ToUpperInvariant(),
    };

    private static string Detail(NodeResult result) =>
        result.Note is { } note ? note
        : result.Rows is { } rows ? $"{Number(rows)} rows in {Seconds(result.Elapsed)}"
        : $"in {Seconds(result.Elapsed)}";

    /// <summary>A count with space-grouped thousands: <c>1 204</c>.</summary>
    public static string Number(long n) => n.ToString("#,0", Grouped);

    internal static string Seconds(TimeSpan elapsed) =>
        elapsed.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture) + "s";
}
