using ModelDsl.Catalog;
using ModelDsl.Runtime;

namespace ModelDsl.Artifacts;

/// <summary>
/// <c>target/run_results.json</c>: one entry per node a command ran, in build order, with its status (success, error,
/// skipped for models; pass, warn, fail, error, skipped for tests), timings, rows affected, failing-row count and
/// message, plus the run's logical time.
/// </summary>
public static class RunResults
{
    public const string FileName = "run_results.json";

    public static void Write(string targetDirectory, string command, DateTime runTime, BuildResult result)
    {
        var entries = result.Nodes.Select(n => new Entry(
            n.Node.Name,
            Names.ResourceType(n.Node),
            Names.Relation(n.Node),
            Names.Status(n.Status),
            n.Message,
            n.StartedAt,
            n.StartedAt + n.Elapsed,
            Math.Round(n.Elapsed.TotalSeconds, 3),
            n.Rows,
            n.Failures,
            n.SampleRows)).ToList();
        var file = new RunResultsFile(
            new Metadata(DateTime.UtcNow, command, DateTime.SpecifyKind(runTime, DateTimeKind.Utc)),
            result.Succeeded,
            Math.Round(result.Elapsed.TotalSeconds, 3),
            entries);
        ArtifactJson.Write(Path.Combine(targetDirectory, FileName), file);
    }

    private sealed record RunResultsFile(Metadata Metadata, bool Success, double ElapsedTime, IReadOnlyList<Entry> Results);

    private sealed record Metadata(DateTime GeneratedAt, string Command, DateTime RunTime);

    private sealed record Entry(
        string Name,
        string ResourceType,
        string? Relation,
        string Status,
        string Message,
        DateTime? StartedAt,
        DateTime? CompletedAt,
        double ExecutionTime,
        long? RowsAffected,
        long? Failures,
        IReadOnlyList<IReadOnlyDictionary<string, string?>> SampleRows);
}
