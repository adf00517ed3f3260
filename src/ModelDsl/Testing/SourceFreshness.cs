using System.Globalization;
using System.Data.Common;
using ModelDsl.Catalog;
using ModelDsl.Runtime;

namespace ModelDsl.Testing;

public enum FreshnessStatus
{
    Pass,
    Warn,
    Error,
}

/// <summary>How old a source's newest row is at the run time, against its limits.</summary>
public sealed record FreshnessResult(Node Source, FreshnessStatus Status, DateTime? MaxLoadedAt, TimeSpan? Age, string Message);

/// <summary>
/// <c>source freshness</c>: for each source with a loaded-at column, the age of its latest value at the logical run
/// time (the mock data lives on a fictional calendar, so the wall clock would say nothing), compared with the
/// source's warn and error limits. An empty or missing table is an error.
/// </summary>
public static class SourceFreshness
{
    public static bool Applies(Node node) => node.Kind == NodeKind.Source && node.Config.Source?.LoadedAt is not null;

    public static FreshnessResult Check(Warehouse warehouse, Node source, DateTime runTime)
    {
        var config = source.Config.Source!;
        if (warehouse.FindRelation(source.Schema, source.Name) == RelationType.None)
            return new(source, FreshnessStatus.Error, null, null, $"{source.Relation} does not exist");

        DateTime? latest;
        try
        {
            latest = warehouse.Scalar<DateTime?>(
                $"SELECT CAST(max({SqlIdentifier.Quote(config.LoadedAt!)}) AS TIMESTAMP) FROM {source.QuotedRelation}");
        }
        catch (DbException e)
        {
            // A table of another shape (no such column, not a time) is this source's result, not the end of the command.
            return new(source, FreshnessStatus.Error, null, null, $"cannot read max({config.LoadedAt}) of {source.Relation}: {Warehouse.FirstLine(e.Message)}");
        }
        if (latest is not { } maxLoadedAt)
            return new(source, FreshnessStatus.Error, null, null, $"{source.Relation} has no rows with {config.LoadedAt}");

        var age = runTime - maxLoadedAt;
        // Rows newer than the run time do not make the source fresh: a loaded-at column in local time, or a run time
        // before the data, would pass every limit unseen.
        if (age < TimeSpan.Zero)
            return new(source, FreshnessStatus.Warn, maxLoadedAt, age,
                $"max({config.LoadedAt}) {Time(maxLoadedAt)} is in the future: {Hours(-age)}h after the run time {Time(runTime)}");

        var status = Over(age, config.ErrorAfterHours) ? FreshnessStatus.Error
            : Over(age, config.WarnAfterHours) ? FreshnessStatus.Warn
            : FreshnessStatus.Pass;
        var limits = string.Join(", ", new[] { ("warn", config.WarnAfterHours), ("error", config.ErrorAfterHours) }
            .Where(l => l.Item2 > 0).Select(l => $"{l.Item1} after {l.Item2}h"));
        var message = $"max({config.LoadedAt}) {Time(maxLoadedAt)}, {Hours(age)}h old" + (limits.Length > 0 ? $" ({limits})" : " (no limits)");
        return new(source, status, maxLoadedAt, age, message);
    }

    private static string Time(DateTime time) => time.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    private static string Hours(TimeSpan age) => age.TotalHours.ToString("0.0", CultureInfo.InvariantCulture);

    private static bool Over(TimeSpan age, int hours) => hours > 0 && age > TimeSpan.FromHours(hours);
}
