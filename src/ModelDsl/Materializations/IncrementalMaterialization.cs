using ModelDsl.Catalog;
using ModelDsl.Runtime;
using ModelDsl.State;

namespace ModelDsl.Materializations;

/// <summary>
/// An incremental model, processed per day of its event time. Day grain replaces each processed day's rows;
/// event grain adds only rows whose unique key is not there yet. The days processed are the ones not yet
/// recorded in <see cref="RunState"/> from the first day of input to the run's day, plus the look-back days
/// before the first new day (late data), or exactly <c>--from</c>..<c>--to</c>; each day is one transaction that
/// also records it. The first build, a <c>--full-refresh</c>, or a table without recorded days is rebuilt
/// from scratch and swapped in atomically. Output columns that changed since the table was built fail the
/// build (or, with <c>OnSchemaChange.AppendNewColumns</c>, new ones are added).
/// </summary>
public sealed class IncrementalMaterialization : IMaterialization
{
    private const string OutputAlias = "\"__output\"";

    public NodeOutcome Build(BuildContext context, Node node)
    {
        var config = node.Config.Incremental!;
        var warehouse = context.Warehouse;
        var state = new RunState(warehouse);
        var processed = state.ProcessedDays(node);
        var exists = warehouse.FindRelation(node.Schema, node.Name) == RelationType.Table;
        var firstDay = FirstDayOfInput(context, node);

        if (context.Refresh.FullRefresh || !exists || (config.EventTime is not null && processed.Count == 0))
            return Rebuild(context, node, state, firstDay);

        if (SchemaChange(warehouse, node, out var newColumns) is { } problem)
            return NodeOutcome.Failed(problem);

        // New columns are added in the transaction of the first write, so a build that fails there leaves the table
        // as it was.
        void AddNewColumns()
        {
            foreach (var (name, type) in newColumns)
                warehouse.Execute($"ALTER TABLE {node.QuotedRelation} ADD COLUMN {SqlIdentifier.Quote(name)} {type}");
            newColumns = [];
        }

        if (config.EventTime is null)
        {
            PartitionWindow.SetUnbounded(warehouse);
            long added = 0;
            Transaction.Run(warehouse, () =>
            {
                AddNewColumns();
                added = warehouse.Execute(Insert(node, node.QuotedRelation));
            });
            return NodeOutcome.Done("added new rows", added);
        }

        var days = DaysToProcess(context, config, firstDay, processed);
        if (days.Count == 0 && newColumns.Count > 0)
            Transaction.Run(warehouse, AddNewColumns);
        long rows = 0;
        foreach (var day in days)
        {
            Transaction.Run(warehouse, () =>
            {
                AddNewColumns();
                var written = ProcessDay(warehouse, node, node.QuotedRelation, day);
                state.MarkDay(node, day, written, context.RunTime);
                rows += written;
            });
        }
        return NodeOutcome.Done($"processed {days.Count} day(s)", rows, days.Count == 0 ? "up to date" : null);
    }

    /// <summary>Writes one day of the model into <paramref name="target"/>; returns the rows written.</summary>
    private static long ProcessDay(Warehouse warehouse, Node node, string target, DateOnly day)
    {
        var config = node.Config.Incremental!;
        PartitionWindow.SetDay(warehouse, day);
        if (config.Grain == "day")
            warehouse.Execute($"DELETE FROM {target} WHERE {PartitionWindow.Contains(config.EventTime!)}");
        return warehouse.Execute(Insert(node, target));
    }

    /// <summary>The model's rows inside the current window (all of them if it has no event time).</summary>
    private static string Output(Node node) =>
        node.Config.Incremental!.EventTime is { } eventTime
            ? $"SELECT * FROM (\n{node.Sql}\n) AS {OutputAlias} WHERE {PartitionWindow.Contains(eventTime)}"
            : node.Sql;

    /// <summary>Day grain: every output row; event grain: the rows whose key <paramref name="target"/> lacks.</summary>
    private static string Insert(Node node, string target)
    {
        var config = node.Config.Incremental!;
        if (config.Grain == "day")
            return $"INSERT INTO {target} BY NAME\n{Output(node)}";
        var key = new KeyColumns(config.UniqueKey!);
        return $"""
            INSERT INTO {target} BY NAME
            SELECT * FROM (
            {Output(node)}
            ) AS n WHERE NOT EXISTS (SELECT 1 FROM {target} AS t WHERE {key.Match("t", "n")})
            """;
    }

    // Day by day into a new table, swapped in at the end: the same work as the daily builds, so the result is
    // the same even for SQL that is not day-local, and a failure leaves the previous table and state.
    private static NodeOutcome Rebuild(BuildContext context, Node node, RunState state, DateOnly? firstDay)
    {
        var warehouse = context.Warehouse;
        var end = context.RunDay.AddDays(1);
        var perDay = new Dictionary<DateOnly, long>();
        var rows = TableMaterialization.Replace(warehouse, node, temp =>
        {
            if (node.Config.Incremental!.EventTime is null)
            {
                PartitionWindow.SetUnbounded(warehouse);
                warehouse.Execute($"CREATE TABLE {temp} AS\n{node.Sql}");
                return;
            }
            PartitionWindow.Set(warehouse, end, end); // an empty window: the table's shape
            warehouse.Execute($"CREATE TABLE {temp} AS\n{Output(node)}");
            if (firstDay is { } first)
                foreach (var day in PartitionWindow.Days(first, context.RunDay))
                    perDay[day] = ProcessDay(warehouse, node, temp, day);
        }, () =>
        {
            state.Forget(node);
            foreach (var (day, written) in perDay)
                state.MarkDay(node, day, written, context.RunTime);
        });
        return NodeOutcome.Done(context.Refresh.FullRefresh ? "rebuilt incremental (full refresh)" : "built incremental from scratch", rows);
    }

    private static List<DateOnly> DaysToProcess(BuildContext context, IncrementalConfig config, DateOnly? firstDay, IReadOnlySet<DateOnly> processed)
    {
        var runDay = context.RunDay;
        if (context.Refresh.HasRange)
            return PartitionWindow.Days(context.Refresh.From ?? firstDay ?? runDay, context.Refresh.To ?? runDay).ToList();
        if (firstDay is not { } first)
            return [];
        // The look-back is counted back from the first new day (after the latest processed one), so late data
        // is caught even when builds skipped days.
        var firstNew = processed.Count > 0 && processed.Max() < runDay ? processed.Max().AddDays(1) : runDay;
        var lookbackStart = firstNew.AddDays(-config.LookbackDays);
        return PartitionWindow.Days(first, runDay)
            .Where(day => !processed.Contains(day) || day >= lookbackStart)
            .ToList();
    }

    /// <summary>
    /// The earliest day of the inputs the model is narrowed by (or of its own output if it has none);
    /// null when there is no input yet.
    /// </summary>
    private static DateOnly? FirstDayOfInput(BuildContext context, Node node)
    {
        var config = node.Config.Incremental!;
        if (config.EventTime is null)
            return null;
        var inputs = (config.NarrowedInputs ?? [])
            .Select(name => context.Catalog?.Find(name))
            .Where(input => input?.Config.EventTime is not null)
            .Select(input => (Relation: input!.Materialization == Materialization.Ephemeral ? $"(\n{input.Sql}\n)" : input.QuotedRelation,
                EventTime: input.Config.EventTime!))
            .ToList();
        if (inputs.Count == 0)
        {
            PartitionWindow.SetUnbounded(context.Warehouse);
            inputs.Add(($"(\n{node.Sql}\n)", config.EventTime));
        }
        var days = inputs
            .Select(i => context.Warehouse.Scalar<object>($"SELECT min(CAST({SqlIdentifier.Quote(i.EventTime)} AS DATE)) FROM {i.Relation}"))
            .OfType<object>()
            .Select(Warehouse.AsDate)
            .ToList();
        return days.Count == 0 ? null : days.Min();
    }

    /// <summary>
    /// Compares the model's output columns with the table's: the problem, or null with the columns to add (new ones,
    /// if the model allows it).
    /// </summary>
    private static string? SchemaChange(Warehouse warehouse, Node node, out List<(string Name, string Type)> newColumns)
    {
        newColumns = [];
        PartitionWindow.SetUnbounded(warehouse);
        var output = warehouse.Describe($"SELECT * FROM (\n{node.Sql}\n)");
        var table = warehouse.Describe(node.QuotedRelation).ToDictionary(c => c.Name, c => c.Type, StringComparer.OrdinalIgnoreCase);
        var outputNames = output.Select(c => c.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);

        var added = output.Where(c => !table.ContainsKey(c.Name)).ToList();
        var removed = table.Keys.Where(name => !outputNames.Contains(name)).ToList();
        var retyped = output.Where(c => table.TryGetValue(c.Name, out var type) && type != c.Type)
            .Select(c => $"{c.Name} {table[c.Name]} -> {c.Type}").ToList();

        var appendNew = node.Config.Incremental!.OnSchemaChange == "append_new_columns";
        if (appendNew && retyped.Count == 0)
        {
            newColumns = added;
            return null; // vanished columns stay, NULL in new rows
        }
        if (added.Count == 0 && removed.Count == 0 && retyped.Count == 0)
            return null;

        var changes = new[]
        {
            added.Count > 0 ? "added: " + string.Join(", ", added.Select(c => c.Name)) : null,
            removed.Count > 0 ? "removed: " + string.Join(", ", removed) : null,
            retyped.Count > 0 ? "retyped: " + string.Join(", ", retyped) : null,
        };
        return $"the output columns of {node.Relation} changed since it was built ({string.Join("; ", changes.OfType<string>())}); " +
               "run with --full-refresh to rebuild it";
    }
}
