using ModelDsl.Catalog;
using ModelDsl.Runtime;

namespace ModelDsl.State;

/// <summary>
/// The build's own bookkeeping, in schema <see cref="Schema"/> of the warehouse itself, so that it commits in
/// the same transaction as the data it describes: the day partitions each incremental model has processed and
/// one row per snapshot run.
/// </summary>
public sealed class RunState(Warehouse warehouse)
{
    public const string Schema = "_modeldsl";

    private static readonly string Partitions = $"{SqlIdentifier.Quote(Schema)}.{SqlIdentifier.Quote("partitions")}";
    private static readonly string SnapshotRuns = $"{SqlIdentifier.Quote(Schema)}.{SqlIdentifier.Quote("snapshot_runs")}";

    /// <summary>
    /// Creates the state tables when missing. Call it outside any transaction, before workers start: the builder
    /// does so once per build that has incremental models or snapshots.
    /// </summary>
    public RunState Ensure()
    {
        warehouse.CreateSchema(Schema);
        warehouse.Execute($"CREATE TABLE IF NOT EXISTS {Partitions} (model VARCHAR, day DATE, row_count BIGINT, run_time TIMESTAMP)");
        warehouse.Execute(
            $"CREATE TABLE IF NOT EXISTS {SnapshotRuns} (model VARCHAR, run_time TIMESTAMP, rows_added BIGINT, rows_closed BIGINT, history_wiped BOOLEAN)");
        return this;
    }

    public IReadOnlySet<DateOnly> ProcessedDays(Node node) =>
        warehouse.Rows($"SELECT day FROM {Partitions} WHERE model = $1", node.Relation)
            .Select(r => Warehouse.AsDate(r[0]!))
            .ToHashSet();

    /// <summary>The first day recorded for <paramref name="node"/>; null if none.</summary>
    public DateOnly? FirstDay(Node node) =>
        warehouse.Scalar<object>($"SELECT min(day) FROM {Partitions} WHERE model = $1", node.Relation) is { } day ? Warehouse.AsDate(day) : null;

    /// <summary>Records <paramref name="day"/> as processed with its row count (replacing an earlier mark).</summary>
    public void MarkDay(Node node, DateOnly day, long rows, DateTime runTime)
    {
        var date = day.ToDateTime(TimeOnly.MinValue);
        warehouse.Execute($"DELETE FROM {Partitions} WHERE model = $1 AND day = $2", node.Relation, date);
        warehouse.Execute($"INSERT INTO {Partitions} VALUES ($1, $2, $3, $4)", node.Relation, date, rows, runTime);
    }

    /// <summary>Forgets every processed day of <paramref name="node"/> (before a rebuild from scratch).</summary>
    public void Forget(Node node) => warehouse.Execute($"DELETE FROM {Partitions} WHERE model = $1", node.Relation);

    /// <summary>
    /// The snapshot tables (schema.name) that have run and still exist: their history cannot be rebuilt from the sources,
    /// so only an option that says so may drop it.
    /// </summary>
    public IReadOnlyList<string> SnapshotsWithHistory()
    {
        if (warehouse.FindRelation(Schema, "snapshot_runs") == RelationType.None)
            return [];
        return warehouse.Rows($"SELECT DISTINCT model FROM {SnapshotRuns} ORDER BY model")
            .Select(r => (string)r[0]!)
            .Where(relation => relation.Split('.', 2) is [var schema, var name] && warehouse.FindRelation(schema, name) != RelationType.None)
            .ToList();
    }

    public void RecordSnapshotRun(Node node, DateTime runTime, long added, long closed, bool historyWiped) =>
        warehouse.Execute($"INSERT INTO {SnapshotRuns} VALUES ($1, $2, $3, $4, $5)", node.Relation, runTime, added, closed, historyWiped);
}
