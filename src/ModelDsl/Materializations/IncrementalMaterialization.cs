using ModelDsl.Catalog;
using ModelDsl.Runtime;
using ModelDsl.State;

namespace ModelDsl.Materializations;

/// <summary>
/// An incremental model, processed per day of its event time. Day grain replaces each processed day's rows;
/// event grain adds only rows whose unique key is not there yet; key grain replaces the rows of the keys the model
/// outputs for the day (the keys its narrowed inputs changed that day). The days processed are the ones after the latest
/// recorded in <see cref="RunState"/> up to the run's day, plus the look-back days before the first new day (late
/// data), or exactly <c>--from</c>..<c>--to</c>; each day is one transaction that also records it. The first build,
/// a <c>--full-refresh</c>, or a table without recorded days is rebuilt from scratch, from the first day of input,
/// and swapped in atomically: with one statement over all the days (the model's SQL must be day-local: a day's
/// rows depend only on that day's input), or day by day for a model reading windows wider than a day. Output
/// columns that changed since the table was built fail the build (or, with <c>OnSchemaChange.AppendNewColumns</c>,
/// new ones are added).
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

        if (Rebuilds(context, node, processed))
            return Rebuild(context, node, state);

        if (SchemaChange(warehouse, node, out var newColumns) is { } problem)
            return NodeOutcome.Failed(problem);

        // New columns are added in the transaction of the first write, so a build that fails there leaves the table
        // as it was.
        void AddNewColumns()
        {
            warehouse.AddColumns(node.QuotedRelation, newColumns);
            newColumns = [];
        }

        if (!HasDays(config))
        {
            PartitionWindow.SetUnbounded(warehouse);
            long added = 0;
            Transaction.Run(warehouse, () =>
            {
                AddNewColumns();
                added = Insert(warehouse, node, node.QuotedRelation);
            });
            return NodeOutcome.Done("added new rows", added);
        }

        var days = DaysToProcess(context, node, state, processed);
        if (days.Count == 0 && newColumns.Count > 0)
            Transaction.Run(warehouse, AddNewColumns);
        long rows = 0;
        foreach (var (index, day) in days.Index())
        {
            Transaction.Run(warehouse, () =>
            {
                AddNewColumns();
                var written = ProcessDay(warehouse, node, node.QuotedRelation, day);
                state.MarkDay(node, day, written, context.RunTime);
                rows += written;
            });
            DayDone(context, node, index + 1, days.Count);
        }
        // A key-grain model rewrites rows of any age, so its tests check the whole table.
        if (days.Count > 0 && config.Grain != Grain.Key)
            context.WrittenDays[node.Name] = (days.Min(), PartitionWindow.Plus(days.Max(), 1));
        return NodeOutcome.Done($"processed {days.Count} day(s)", rows, days.Count == 0 ? "up to date" : null);
    }

    // The first build, a --full-refresh, or a table without recorded days is rebuilt from scratch.
    private static bool Rebuilds(BuildContext context, Node node, IReadOnlySet<DateOnly> processed) =>
        context.Refresh.FullRefresh
        || context.Warehouse.FindRelation(node.Schema, node.Name) != RelationType.Table
        || (HasDays(node.Config.Incremental!) && processed.Count == 0);

    // Processed per day: a model with an event time, and a key-grain one (its days are its inputs' days).
    private static bool HasDays(IncrementalConfig config) => config.EventTime is not null || config.Grain == Grain.Key;

    /// <summary>
    /// The days a build of <paramref name="node"/> will process, decided as <see cref="Build"/> decides them; null
    /// when it rebuilds every day (or has no event time).
    /// </summary>
    public static IReadOnlyList<DateOnly>? PlannedDays(BuildContext context, Node node)
    {
        var state = new RunState(context.Warehouse);
        var processed = state.ProcessedDays(node);
        return !HasDays(node.Config.Incremental!) || Rebuilds(context, node, processed)
            ? null
            : DaysToProcess(context, node, state, processed);
    }

    /// <summary>Writes one day of the model into <paramref name="target"/>; returns the rows written.</summary>
    private static long ProcessDay(Warehouse warehouse, Node node, string target, DateOnly day)
    {
        var config = node.Config.Incremental!;
        PartitionWindow.SetDay(warehouse, day);
        if (config.Grain == Grain.Key)
            return Merge(warehouse, node, target);
        if (config.Grain == Grain.Day)
            warehouse.DeleteWhere(target, PartitionWindow.Contains(warehouse.Dialect, config.EventTime!));
        return Insert(warehouse, node, target);
    }

    private const string Batch = "\"__key_batch\"";

    /// <summary>
    /// Key grain: replaces the rows of the keys the model outputs in the current window with its rows (dbt's
    /// delete+insert by unique key). Returns the rows merged.
    /// </summary>
    private static long Merge(Warehouse warehouse, Node node, string target)
    {
        var key = new KeyColumns(node.Config.Incremental!.UniqueKey!);
        warehouse.CreateTempTable(Batch, node.Sql);
        warehouse.DeleteWhere(target, key.In(Batch));
        var merged = warehouse.InsertByName(target, $"SELECT * FROM {Batch}");
        warehouse.DropTempTable(Batch);
        return merged;
    }

    /// <summary>The model's rows inside the current window (all of them if it has no event time).</summary>
    private static string Output(Warehouse warehouse, Node node) =>
        node.Config.Incremental!.EventTime is { } eventTime
            ? $"SELECT * FROM (\n{node.Sql}\n) AS {OutputAlias} WHERE {PartitionWindow.Contains(warehouse.Dialect, eventTime)}"
            : node.Sql;

    /// <summary>Day grain: every output row; event grain: the rows whose key <paramref name="target"/> lacks. Returns the rows added.</summary>
    private static long Insert(Warehouse warehouse, Node node, string target)
    {
        var config = node.Config.Incremental!;
        if (config.Grain == Grain.Day)
            return warehouse.InsertByName(target, Output(warehouse, node));
        var key = new KeyColumns(config.UniqueKey!);
        return warehouse.InsertByName(target, $"""
            SELECT * FROM (
            {Output(warehouse, node)}
            ) AS n WHERE NOT EXISTS (SELECT 1 FROM {target} AS t WHERE {key.Match("t", "n")})
            """);
    }

    /// <summary>
    /// Event grain over many days at once: the rows day-by-day builds would keep, those of each key's first day (a
    /// NULL key never matches, so its rows are all kept). The output's columns are listed to leave the key's first day out.
    /// </summary>
    private static string FirstRowsPerKey(Warehouse warehouse, Node node)
    {
        var config = node.Config.Incremental!;
        var key = new KeyColumns(config.UniqueKey!);
        var day = PartitionWindow.Day(config.EventTime!);
        var output = Output(warehouse, node);
        var columns = string.Join(", ", warehouse.Describe(output).Select(c => SqlIdentifier.Quote(c.Name)));
        return $"""
            SELECT {columns} FROM (
            SELECT *, min({day}) OVER (PARTITION BY {key.List()}) AS {FirstDayAlias} FROM (
            {output}
            ) AS n
            ) AS ranked WHERE {key.AnyNull()} OR {day} = {FirstDayAlias}
            """;
    }

    private const string FirstDayAlias = "\"__key_first_day\"";

    // Into a new table, swapped in at the end, so a failure leaves the previous table and state.
    private static NodeOutcome Rebuild(BuildContext context, Node node, RunState state)
    {
        var warehouse = context.Warehouse;
        var config = node.Config.Incremental!;
        var perDay = new Dictionary<DateOnly, long>();
        var rows = TableMaterialization.Replace(warehouse, node, temp =>
        {
            if (!HasDays(config))
            {
                PartitionWindow.SetUnbounded(warehouse);
                warehouse.CreateTable(temp, node.Sql);
                return;
            }
            var first = FirstDayOfInput(context, node, state) ?? PartitionWindow.Plus(context.RunDay, 1); // no input yet: no days
            perDay = config.Grain == Grain.Key
                ? AllKeys(warehouse, node, temp, first, context.RunDay)
                : BuiltDayByDay(warehouse, node)
                ? DayByDay(context, node, temp, first, context.RunDay)
                : AllAtOnce(warehouse, node, temp, first, context.RunDay);
        }, () =>
        {
            state.Forget(node);
            foreach (var (day, written) in perDay)
                state.MarkDay(node, day, written, context.RunTime);
        });
        return NodeOutcome.Done(context.Refresh.FullRefresh ? "rebuilt incremental (full refresh)" : "built incremental from scratch", rows);
    }

    // A model reading a window wider than the day it builds, or naming that day ({PartitionDay}), is only right
    // built one day at a time.
    private static bool BuiltDayByDay(Warehouse warehouse, Node node) =>
        node.Config.Incremental!.WindowDays > 1 || node.Sql.Contains(warehouse.Dialect.Render(Narrowing.PartitionDay), StringComparison.Ordinal);

    /// <summary>
    /// Creates <paramref name="temp"/> with one statement over the days <paramref name="first"/>..<paramref name="last"/>:
    /// for day-local SQL, what day-by-day builds give. Returns the rows per day (one GROUP BY).
    /// </summary>
    private static Dictionary<DateOnly, long> AllAtOnce(Warehouse warehouse, Node node, string temp, DateOnly first, DateOnly last)
    {
        var config = node.Config.Incremental!;
        PartitionWindow.Set(warehouse, first, PartitionWindow.Plus(last, 1));
        warehouse.CreateTable(temp, config.Grain == Grain.Day ? Output(warehouse, node) : FirstRowsPerKey(warehouse, node));
        var written = warehouse.Rows($"SELECT {PartitionWindow.Day(config.EventTime!)}, count(*) FROM {temp} GROUP BY 1")
            .ToDictionary(r => Warehouse.AsDate(r[0]!), r => (long)r[1]!);
        return PartitionWindow.Days(first, last).ToDictionary(day => day, written.GetValueOrDefault);
    }

    /// <summary>
    /// Key grain: creates <paramref name="temp"/> with one statement over the days <paramref name="first"/>..<paramref name="last"/>
    /// (every key changed in them: all of them). The rows are recorded on the last day, as they are one merge.
    /// </summary>
    private static Dictionary<DateOnly, long> AllKeys(Warehouse warehouse, Node node, string temp, DateOnly first, DateOnly last)
    {
        PartitionWindow.Set(warehouse, first, PartitionWindow.Plus(last, 1));
        warehouse.CreateTable(temp, node.Sql);
        var rows = warehouse.Scalar<long>($"SELECT count(*) FROM {temp}");
        return PartitionWindow.Days(first, last).ToDictionary(day => day, day => day == last ? rows : 0);
    }

    /// <summary>
    /// Creates <paramref name="temp"/> one day at a time, as the daily builds do: for a model reading windows wider
    /// than the day it builds. Returns the rows per day.
    /// </summary>
    private static Dictionary<DateOnly, long> DayByDay(BuildContext context, Node node, string temp, DateOnly first, DateOnly last)
    {
        var warehouse = context.Warehouse;
        var end = PartitionWindow.Plus(last, 1);
        PartitionWindow.Set(warehouse, end, end); // an empty window: the table's shape
        warehouse.CreateTable(temp, Output(warehouse, node));
        var written = new Dictionary<DateOnly, long>();
        var days = PartitionWindow.Days(first, last).ToList();
        foreach (var (index, day) in days.Index())
        {
            written[day] = ProcessDay(warehouse, node, temp, day);
            DayDone(context, node, index + 1, days.Count);
        }
        return written;
    }

    private const int ProgressEveryDays = 7;

    // After each day: a build over more than a week of days says where it is every week of them (and at the end), so that
    // it is seen to move, and a cancelled build stops before the next day (the days done stay recorded).
    private static void DayDone(BuildContext context, Node node, int done, int total)
    {
        if (total > ProgressEveryDays && (done % ProgressEveryDays == 0 || done == total))
            context.Progress(node, done, total);
        context.Cancellation.ThrowIfCancellationRequested();
    }

    /// <summary>
    /// A range: its days. Else the days after the latest processed one up to the run's day, the run's day again if
    /// already processed (it may still be receiving rows), and the look-back days before the first of them (late
    /// data), counted from the first new day so that it holds even when builds skipped days.
    /// </summary>
    private static List<DateOnly> DaysToProcess(BuildContext context, Node node, RunState state, IReadOnlySet<DateOnly> processed)
    {
        var runDay = context.RunDay;
        if (context.Refresh.HasRange)
            return PartitionWindow.Days(context.Refresh.From ?? FirstDayOfInput(context, node, state) ?? runDay, context.Refresh.To ?? runDay).ToList();
        var latest = processed.Max();
        var firstNew = latest < runDay ? PartitionWindow.Plus(latest, 1) : runDay;
        var lookbackStart = PartitionWindow.Plus(firstNew, -node.Config.Incremental!.LookbackDays);
        return PartitionWindow.Days(processed.Min(), runDay)
            .Where(day => !processed.Contains(day) || day >= lookbackStart)
            .ToList();
    }

    /// <summary>
    /// The earliest day of the tables the model is narrowed by (an incremental one's first recorded day, without
    /// reading it), or of its own output if it has none; null when there is no input yet.
    /// </summary>
    private static DateOnly? FirstDayOfInput(BuildContext context, Node node, RunState state)
    {
        var warehouse = context.Warehouse;
        var inputs = (node.Config.Incremental!.NarrowedInputs ?? [])
            .Select(name => context.Catalog?.Find(name))
            .OfType<Node>()
            .Where(input => input.Config.EventTime is not null)
            .ToList();
        if (inputs.Count == 0 && node.Config.EventTime is null)
            return context.RunDay; // a key-grain model with nothing to narrow: each build merges all of its output
        if (inputs.Count == 0)
        {
            PartitionWindow.SetUnbounded(warehouse);
            return FirstDay(warehouse, $"(\n{node.Sql}\n)", node.Config.EventTime!);
        }
        return inputs.Select(input => state.FirstDay(input) ?? FirstDay(warehouse, input.QuotedRelation, input.Config.EventTime!)).Min();
    }

    private static DateOnly? FirstDay(Warehouse warehouse, string relation, string eventTime) =>
        warehouse.Scalar<object>($"SELECT min({PartitionWindow.Day(eventTime)}) FROM {relation}") is { } day ? Warehouse.AsDate(day) : null;

    /// <summary>
    /// Compares the model's output columns with the table's: the problem, or null with the columns to add (new ones,
    /// if the model allows it).
    /// </summary>
    private static string? SchemaChange(Warehouse warehouse, Node node, out List<(string Name, string Type)> newColumns)
    {
        newColumns = [];
        PartitionWindow.SetUnbounded(warehouse);
        var diff = ColumnDiff.Between(warehouse.Describe(node.QuotedRelation), warehouse.Describe($"SELECT * FROM (\n{node.Sql}\n) AS {OutputAlias}"));

        if (node.Config.Incremental!.OnSchemaChange == OnSchemaChange.AppendNewColumns && diff.Retyped.Count == 0)
        {
            newColumns = diff.Added.ToList();
            return null; // vanished columns stay, NULL in new rows
        }
        if (diff.IsEmpty)
            return null;

        var changes = new[]
        {
            diff.Added.Count > 0 ? "added: " + string.Join(", ", diff.Added.Select(c => c.Name)) : null,
            diff.Removed.Count > 0 ? "removed: " + string.Join(", ", diff.Removed.Select(c => c.Name)) : null,
            diff.Retyped.Count > 0 ? "retyped: " + string.Join(", ", diff.Retyped.Select(c => $"{c.Name} {c.Before} -> {c.After}")) : null,
        };
        return $"the output columns of {node.Relation} changed since it was built ({string.Join("; ", changes.OfType<string>())}); " +
               "run with --full-refresh to rebuild it";
    }
}
