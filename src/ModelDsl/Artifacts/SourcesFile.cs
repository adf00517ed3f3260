using ModelDsl.Testing;

namespace ModelDsl.Artifacts;

/// <summary>
/// <c>target/sources.json</c>, dbt's shape: one entry per source checked by <c>source freshness</c> with its newest
/// loaded-at value, the run time it was measured at (<c>snapshotted_at</c>), the age in seconds, the limits
/// (<c>criteria</c>) and the status; a source whose age cannot be read has status <c>runtime error</c> and the
/// <c>error</c>.
/// </summary>
public static class SourcesFile
{
    public const string FileName = "sources.json";

    /// <summary>The document (<c>source freshness --output json</c> prints it too).</summary>
    public static object Document(DateTime runTime, TimeSpan elapsed, IEnumerable<(FreshnessResult Result, TimeSpan Elapsed)> checks) => new File(
        new Metadata(DateTime.UtcNow, "source freshness", DateTime.SpecifyKind(runTime, DateTimeKind.Utc)),
        Math.Round(elapsed.TotalSeconds, 3),
        checks.Select(c => Entry(c.Result, runTime, c.Elapsed)).ToList());

    public static void Write(string targetDirectory, object document) => ArtifactJson.Write(Path.Combine(targetDirectory, FileName), document);

    private static Result Entry(FreshnessResult result, DateTime runTime, TimeSpan elapsed)
    {
        var config = result.Source.Config.Source!;
        var measured = result.MaxLoadedAt is not null;
        return new Result(
            result.Source.Name,
            result.Source.Relation,
            result.MaxLoadedAt is { } max ? DateTime.SpecifyKind(max, DateTimeKind.Utc) : null,
            DateTime.SpecifyKind(runTime, DateTimeKind.Utc),
            result.Age is { } age ? Math.Round(age.TotalSeconds, 3) : null,
            new Criteria(After(config.WarnAfterHours), After(config.ErrorAfterHours)),
            measured ? result.Status.ToString().ToLowerInvariant() : "runtime error",
            Math.Round(elapsed.TotalSeconds, 3),
            result.Message,
            measured ? null : result.Message);
    }

    private static Limit? After(int hours) => hours > 0 ? new Limit(hours, "hour") : null;

    private sealed record File(Metadata Metadata, double ElapsedTime, IReadOnlyList<Result> Results);

    private sealed record Metadata(DateTime GeneratedAt, string Command, DateTime RunTime);

    private sealed record Result(
        string UniqueId,
        string Relation,
        DateTime? MaxLoadedAt,
        DateTime SnapshottedAt,
        double? MaxLoadedAtTimeAgoInS,
        Criteria Criteria,
        string Status,
        double ExecutionTime,
        string Message,
        string? Error);

    private sealed record Criteria(Limit? WarnAfter, Limit? ErrorAfter);

    private sealed record Limit(int Count, string Period);
}
