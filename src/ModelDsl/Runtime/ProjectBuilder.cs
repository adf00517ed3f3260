using System.Diagnostics;
using System.Data.Common;
using ModelDsl.Catalog;
using ModelDsl.Materializations;
using ModelDsl.Runtime.Reporting;
using ModelDsl.State;
using ModelDsl.Testing;

namespace ModelDsl.Runtime;

/// <summary>
/// Builds the selected nodes and runs the selected tests in DAG order, up to <see cref="BuildOptions.Threads"/> at a
/// time. A node waits for its parents and for their tests; a failed node, or an error-severity test failure on a
/// node, skips everything downstream of it while independent branches go on.
/// </summary>
public static class ProjectBuilder
{
    public static BuildResult Build(Warehouse warehouse, ModelCatalog catalog, BuildOptions options, TextWriter output) =>
        Build(warehouse, catalog, options, new TextReporter(output));

    public static BuildResult Build(Warehouse warehouse, ModelCatalog catalog, BuildOptions options, IBuildReporter reporter)
    {
        catalog = catalog.For(warehouse.Dialect);
        var plan = BuildPlan.Create(catalog, options.Selected);
        StartSession(warehouse, options);
        PrepareDatabase(warehouse, plan, options);

        // Materializations may warn from a worker thread while the scheduler reports on its own.
        reporter = new SynchronizedReporter(reporter);
        var context = BuildContext.For(warehouse, catalog, options, reporter.Warning) with { Progress = reporter.Progress };
        context = context with { ProcessedDays = ProcessedDays(context, plan) };
        return reporter.Run(plan.Nodes.Count, () =>
        {
            var total = Stopwatch.StartNew();
            var connections = Connections(warehouse, options, Math.Min(Math.Max(1, options.Threads), Math.Max(1, plan.Nodes.Count)));
            // One connection sees every statement of the build: it reads the relations once instead of once per node.
            using var relations = connections.Count == 1 ? warehouse.CacheRelations() : null;
            try
            {
                // The running statements stop at once; each node's transaction (or new table) is then rolled back. Inside
                // the try: unregistered before the connections are disposed.
                using var interrupt = options.Cancellation.Register(() => connections.ForEach(c => c.Interrupt()));
                var results = new Scheduler(plan, catalog, options, reporter).Run(connections.Select(w => context with { Warehouse = w }).ToList());
                var result = new BuildResult(results, total.Elapsed);
                reporter.Completed(result);
                return result;
            }
            finally
            {
                foreach (var extra in connections.Skip(1))
                    extra.Dispose();
            }
        });
    }

    // All DDL the nodes need, on one connection before any worker starts: concurrent CREATE SCHEMA / CREATE TABLE
    // statements on several connections conflict in an engine like DuckDB.
    private static void PrepareDatabase(Warehouse warehouse, BuildPlan plan, BuildOptions options)
    {
        var schemas = plan.Nodes
            .Where(n => n.Kind != NodeKind.Test || options.StoreFailures)
            .Select(n => n.Schema)
            .Distinct(StringComparer.OrdinalIgnoreCase);
        foreach (var schema in schemas)
            warehouse.CreateSchema(schema);
        if (plan.Nodes.Any(n => n.Materialization is Materialization.Incremental or Materialization.Snapshot))
            new RunState(warehouse).Ensure();
    }

    // Every variable compiled SQL reads is set before any statement: a model's columns are described before its
    // materialization sets the window, and a window's start minus an interval does not bind on an unset variable.
    private static void StartSession(Warehouse warehouse, BuildOptions options)
    {
        warehouse.SetRunTime(options.RunTime);
        PartitionWindow.SetUnbounded(warehouse);
    }

    // From the earliest day an incremental model of the plan processes to the end of time; null (every day) when one
    // is rebuilt from scratch or none processes a day.
    private static (DateOnly First, DateOnly EndExclusive)? ProcessedDays(BuildContext context, BuildPlan plan)
    {
        DateOnly? first = null;
        foreach (var node in plan.Nodes.Where(n => n.Kind == NodeKind.Model && n.Materialization == Materialization.Incremental))
        {
            if (IncrementalMaterialization.PlannedDays(context, node) is not { } days)
                return null;
            if (days.Count > 0 && (first is null || days.Min() < first))
                first = days.Min();
        }
        return first is { } day ? (day, DateOnly.MaxValue) : null;
    }

    // The first worker uses the caller's connection; each other one its own connection to the same database.
    private static List<Warehouse> Connections(Warehouse warehouse, BuildOptions options, int count)
    {
        var connections = new List<Warehouse> { warehouse };
        for (var i = 1; i < count; i++)
        {
            var duplicate = warehouse.Duplicate();
            StartSession(duplicate, options);
            connections.Add(duplicate);
        }
        return connections;
    }

    /// <summary>
    /// Builds one model or runs one test on the given connection. Any exception becomes a failed node, so one
    /// node's trouble (an engine error or a bug) never stops the other branches of the build.
    /// </summary>
    internal static NodeResult Execute(BuildContext context, Node node, bool storeFailures)
    {
        var watch = Stopwatch.StartNew();
        var startedAt = DateTime.UtcNow;
        try
        {
            if (node.Kind == NodeKind.Test)
            {
                SetTestedDays(context, node);
                return TestRunner.Run(context.Warehouse, node, storeFailures) with { StartedAt = startedAt };
            }

            if (Contract.Applies(node) && Contract.Differences(context.Warehouse, node) is { Count: > 0 } differences)
                return Failed(node, $"contract broken: {string.Join("; ", differences)}", watch, startedAt);

            var outcome = MaterializationFor.Node(node).Build(context, node);
            return outcome.Succeeded
                ? new NodeResult(node, NodeStatus.Success, outcome.Action, outcome.Rows, watch.Elapsed, outcome.Note) { StartedAt = startedAt }
                : Failed(node, outcome.Error!, watch, startedAt);
        }
        catch (Exception e) when (DiskFull.Is(e))
        {
            return Failed(node, DiskFull.Describe(e), watch, startedAt) with { DiskFull = true };
        }
        catch (DbException e)
        {
            return Failed(node, e.Message, watch, startedAt);
        }
        catch (Exception e)
        {
            return Failed(node, $"{e.GetType().Name}: {e.Message}", watch, startedAt);
        }
    }

    // A test reads the window (see GenericTests): a test of an incremental model the days the model's build just
    // wrote, a test of a source with an event time and an incremental data test the days the build processes; else
    // (and when there are none) every day.
    private static void SetTestedDays(BuildContext context, Node test)
    {
        var config = test.Config.Test;
        var attachedTo = config?.AttachedTo is { } name ? context.Catalog?.Find(name) : null;
        var days = attachedTo switch
        {
            { Materialization: Materialization.Incremental } => context.WrittenDays.TryGetValue(attachedTo.Name, out var written) ? written : null,
            { Kind: NodeKind.Source, Config.EventTime: not null } => context.ProcessedDays,
            null when config?.Incremental == true => context.ProcessedDays,
            _ => ((DateOnly, DateOnly)?)null,
        };
        if (days is { } window)
            PartitionWindow.Set(context.Warehouse, window.Item1, window.Item2);
        else
            PartitionWindow.SetUnbounded(context.Warehouse);
    }

    private static NodeResult Failed(Node node, string error, Stopwatch watch, DateTime startedAt) =>
        new(node, NodeStatus.Error, $"{Display(node)} ({node.Location}) failed: {error.Trim()}", null, watch.Elapsed) { StartedAt = startedAt };

    /// <summary>How a node is named in messages: its relation, or a test's or an analysis' name (they have no relation).</summary>
    public static string Display(Node node) => Names.Relation(node) ?? node.Name;
}
