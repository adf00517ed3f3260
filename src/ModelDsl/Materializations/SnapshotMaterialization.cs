using System.Globalization;
using ModelDsl.Catalog;
using ModelDsl.Runtime;
using ModelDsl.State;

namespace ModelDsl.Materializations;

/// <summary>
/// An SCD2 snapshot of the model's SELECT (dbt's snapshot, without its known gaps). Each row version carries
/// <c>scd_id</c>, a half-open interval <c>[valid_from, valid_to)</c> and <c>is_deleted</c>; the current version of a
/// key has <c>valid_to</c> = the configured far-future marker (or NULL).
/// <list type="bullet">
/// <item>Timestamp strategy: a key changed when its <c>updated_at</c> is later than the current version's
/// <c>valid_from</c>; the old version closes there and the new one opens there. A change that keeps
/// <c>updated_at</c> equal is not captured (use the check strategy for sources that do that).</item>
/// <item>Check strategy: a key changed when a checked column differs (NULL-safe); both times are the run time.</item>
/// <item>Hard deletes: a vanished key's current version closes at the run time (<c>Invalidate</c>), and with
/// <c>NewRecord</c> a copy with <c>is_deleted = true</c> opens there. A key that comes back opens its new
/// version at its <c>updated_at</c> if that is later than the deletion, else at the run time: intervals never
/// overlap or run backwards. (With <c>Invalidate</c> a deleted key has no current version until it returns.)</item>
/// </list>
/// Duplicate or NULL keys and NULL <c>updated_at</c> are refused before anything is written. The whole run is one
/// transaction; an unchanged input adds nothing. New input columns are added to the table; vanished ones stay.
/// </summary>
public sealed class SnapshotMaterialization : IMaterialization
{
    public static readonly IReadOnlyList<string> MetaColumns = ["scd_id", "valid_from", "valid_to", "is_deleted"];

    // Temporary tables of one run, private to the connection and dropped with the transaction's end.
    private const string Input = "\"__scd2_input\"";
    private const string Current = "\"__scd2_current\"";
    private const string Changes = "\"__scd2_changes\"";
    private const string Gone = "\"__scd2_gone\"";

    public NodeOutcome Build(BuildContext context, Node node)
    {
        var warehouse = context.Warehouse;
        var state = new RunState(warehouse);
        var wipe = context.Refresh.WipeSnapshotHistory;
        if (wipe)
            context.Warn($"--wipe-snapshot-history: dropping the whole history of snapshot {node.Relation}");

        warehouse.CreateSchema(node.Schema);
        Scd2Run run;
        try
        {
            run = new Scd2Run(warehouse, node);
            Transaction.Run(warehouse, () =>
            {
                if (wipe)
                    warehouse.DropTableIfExists(node.QuotedRelation);
                warehouse.CreateTempTable(Input, node.Sql);
                run.CheckInput();
                run.EnsureTable();
                run.Merge();
                state.RecordSnapshotRun(node, context.RunTime, run.Added, run.Closed, wipe);
                foreach (var temp in new[] { Input, Current, Changes, Gone })
                    warehouse.DropTempTable(temp);
            });
        }
        catch (SnapshotInputException e)
        {
            return NodeOutcome.Failed(e.Message);
        }
        var action = wipe ? "rebuilt snapshot, history wiped" : "snapshotted";
        return NodeOutcome.Done(action, run.Added, run.Added == 0 ? "no changes" : null);
    }

    /// <summary>Bad snapshot input: reported as the node's error; the transaction rolls back.</summary>
    private sealed class SnapshotInputException(string message) : Exception(message);

    /// <summary>The SQL of one snapshot run, built from the node's <see cref="Scd2Config"/>.</summary>
    private sealed class Scd2Run
    {
        private readonly Warehouse _warehouse;
        private readonly Node _node;
        private readonly Scd2Config _config;
        private readonly KeyColumns _keys;
        private readonly string _relation;
        private readonly string _validToMarker;
        private readonly string _runTime;

        public Scd2Run(Warehouse warehouse, Node node)
        {
            _warehouse = warehouse;
            _node = node;
            _config = node.Config.Scd2!;
            _keys = new KeyColumns(_config.UniqueKey);
            _relation = node.QuotedRelation;
            _runTime = warehouse.Dialect.Render(Narrowing.RunTime);
            _validToMarker = _config.CurrentValidTo is null ? "CAST(NULL AS TIMESTAMP)" : TimestampLiteral(_config.CurrentValidTo);
        }

        public long Added { get; private set; }
        public long Closed { get; private set; }

        private bool IsTimestamp => _config.Strategy == Scd2Strategy.Timestamp;

        private string UpdatedAt(string alias) => $"CAST({alias}.{SqlIdentifier.Quote(_config.UpdatedAt!)} AS TIMESTAMP)";

        private string IsCurrent(string alias) =>
            _config.CurrentValidTo is null ? $"{alias}.\"valid_to\" IS NULL" : $"{alias}.\"valid_to\" = {_validToMarker}";

        private string ScdId(string alias, string validFrom, bool deleted) =>
            $"md5(concat_ws('|', {_keys.Text(alias)}, CAST({validFrom} AS VARCHAR), '{(deleted ? "deleted" : "live")}'))";

        public void CheckInput()
        {
            var what = $"the input of snapshot {_node.Relation}";
            var metaClash = _warehouse.Describe(Input).Select(c => c.Name).Intersect(MetaColumns, StringComparer.OrdinalIgnoreCase).ToList();
            if (metaClash.Count > 0)
                throw new SnapshotInputException($"{what} has column(s) {string.Join(", ", metaClash)}, which are snapshot meta columns; rename them");

            var keys = _keys.List("i");
            RefuseIf($"SELECT {keys} FROM {Input} i WHERE {_keys.AnyNull("i")}", $"{what} has NULL in its unique key ({_config.UniqueKey})");
            RefuseIf(
                $"SELECT {keys} FROM {Input} i GROUP BY {keys} HAVING count(*) > 1",
                $"{what} has duplicate unique keys ({_config.UniqueKey})");
            if (IsTimestamp)
                RefuseIf($"SELECT {keys} FROM {Input} i WHERE {UpdatedAt("i")} IS NULL", $"{what} has NULL {_config.UpdatedAt}");
        }

        // Names up to five offending keys and how many there are in all. The keys are made text only for the examples:
        // over every group of a large input that costs more than the check.
        private void RefuseIf(string offendingKeysSql, string problem)
        {
            var count = _warehouse.Scalar<long>($"SELECT count(*) FROM ({offendingKeysSql}) AS offending");
            if (count == 0)
                return;
            var examples = _warehouse.Rows($"SELECT {_keys.Text()} FROM ({offendingKeysSql}) AS offending ORDER BY 1 LIMIT 5")
                .Select(r => r[0]?.ToString() ?? "NULL");
            throw new SnapshotInputException(
                $"{problem}: {count} key(s), e.g. {string.Join("; ", examples)}; the snapshot was left unchanged");
        }

        /// <summary>Creates the table on the first run; adds input columns it does not have yet.</summary>
        public void EnsureTable()
        {
            if (_warehouse.FindRelation(_node.Schema, _node.Name) == RelationType.None)
            {
                _warehouse.CreateTable(_relation,
                    $"""
                    SELECT *, CAST(NULL AS VARCHAR) AS "scd_id", CAST(NULL AS TIMESTAMP) AS "valid_from",
                           CAST(NULL AS TIMESTAMP) AS "valid_to", CAST(NULL AS BOOLEAN) AS "is_deleted"
                    FROM {Input} LIMIT 0
                    """);
                return;
            }
            _warehouse.AddColumns(_relation, ColumnDiff.Between(_warehouse.Describe(_relation), _warehouse.Describe(Input)).Added);
        }

        public void Merge()
        {
            // The current versions, with only the columns the comparison reads: the copy costs what the keys cost.
            var compared = string.Concat(CheckedColumns().Select(c => $", t.{SqlIdentifier.Quote(c)}"));
            _warehouse.CreateTempTable(Current,
                $"SELECT {_keys.List("t")}, t.\"scd_id\", t.\"valid_from\", t.\"is_deleted\"{compared} FROM {_relation} t WHERE {IsCurrent("t")}");

            // One row per input key that needs a new version: when it opens, and which current version it closes; a key
            // without a current version (new, or closed by an Invalidate delete) opens after the end of its history (h).
            var boundary = "coalesce(c.\"valid_from\", h.\"last_to\")";
            var opensAt = IsTimestamp
                ? $"CASE WHEN {boundary} IS NULL OR {UpdatedAt("i")} > {boundary} THEN {UpdatedAt("i")} ELSE {_runTime} END"
                : _runTime;
            _warehouse.CreateTempTable(Changes,
                $"""
                SELECT {_keys.List("i")}, c."scd_id" AS closes, {opensAt} AS opens_at
                FROM {Input} i
                LEFT JOIN {Current} c ON {_keys.Match("c", "i")}
                LEFT JOIN (
                    SELECT {_keys.List("t")}, max(t."valid_to") AS last_to FROM {_relation} t WHERE NOT ({IsCurrent("t")}) GROUP BY {_keys.List("t")}
                ) h ON {_keys.Match("h", "i")}
                WHERE c."scd_id" IS NULL OR c."is_deleted" OR {Changed("i", "c")}
                """);

            Closed = _warehouse.Execute(
                $"UPDATE {_relation} AS t SET \"valid_to\" = ch.opens_at FROM {Changes} ch WHERE t.\"scd_id\" = ch.closes");
            Added = _warehouse.InsertByName(_relation,
                $"""
                SELECT i.*, {ScdId("i", "ch.opens_at", deleted: false)} AS "scd_id", ch.opens_at AS "valid_from",
                       {_validToMarker} AS "valid_to", false AS "is_deleted"
                FROM {Input} i JOIN {Changes} ch ON {_keys.Match("ch", "i")}
                """);

            if (_config.HardDeletes != HardDeletes.Ignore)
                InvalidateDeleted();
        }

        private string Changed(string input, string current) =>
            IsTimestamp
                ? $"{UpdatedAt(input)} > {current}.\"valid_from\""
                : "(" + string.Join(" OR ", CheckedColumns().Select(SqlIdentifier.Quote).Select(c => $"{input}.{c} IS DISTINCT FROM {current}.{c}")) + ")";

        // The check strategy's columns: the configured ones, else every input column but the key.
        private IReadOnlyList<string> CheckedColumns() =>
            IsTimestamp ? []
            : _config.CheckColumns.Count > 0 ? _config.CheckColumns
            : _warehouse.Describe(Input).Select(c => c.Name).Where(n => !_keys.Names.Contains(n, StringComparer.OrdinalIgnoreCase)).ToList();

        // Keys whose live current version has no input row: close it at the run time, and for NewRecord open a
        // deletion version there. NOT IN (the input's keys are not NULL) plans as a hash anti join, where DuckDB runs
        // NOT EXISTS several times slower.
        private void InvalidateDeleted()
        {
            _warehouse.CreateTempTable(Gone,
                $"""
                SELECT c."scd_id" FROM {Current} c
                WHERE NOT c."is_deleted" AND NOT ({_keys.In(Input)})
                """);
            Closed += _warehouse.Execute(
                $"UPDATE {_relation} SET \"valid_to\" = {_runTime} WHERE \"scd_id\" IN (SELECT \"scd_id\" FROM {Gone})");
            if (_config.HardDeletes != HardDeletes.NewRecord)
                return;
            var kept = _warehouse.Describe(_relation).Select(c => c.Name).Except(MetaColumns, StringComparer.OrdinalIgnoreCase)
                .Select(name => $"t.{SqlIdentifier.Quote(name)}");
            Added += _warehouse.InsertByName(_relation,
                $"""
                SELECT {string.Join(", ", kept)}, {ScdId("t", _runTime, deleted: true)} AS "scd_id", {_runTime} AS "valid_from",
                       {_validToMarker} AS "valid_to", true AS "is_deleted"
                FROM {_relation} t WHERE t."scd_id" IN (SELECT "scd_id" FROM {Gone})
                """);
        }

        private static string TimestampLiteral(string text) =>
            DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var value)
                ? SqlIdentifier.Timestamp(value)
                : throw new SnapshotInputException($"CurrentValidTo '{text}' is not a timestamp");
    }
}
