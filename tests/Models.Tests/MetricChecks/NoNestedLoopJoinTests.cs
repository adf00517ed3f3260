using EventStream.Ingestion;
using ModelDsl.Catalog;
using ModelDsl.Materializations;
using ModelDsl.Runtime;

namespace EventStream.Models.Tests.MetricChecks;

/// <summary>
/// No model, snapshot, test or analysis plans a nested-loop join or a cross product: their cost grows with the product of
/// the inputs' sizes, which a day's volume of events makes unaffordable. Each node's compiled SQL is explained on
/// a built warehouse, with the variables the runtime sets (a one-day partition window and the run time).
/// </summary>
public sealed class NoNestedLoopJoinTests : IDisposable
{
    private static readonly string[] Forbidden = ["NESTED_LOOP_JOIN", "BLOCKWISE_NL_JOIN", "CROSS_PRODUCT"];

    private readonly string _folder = Directory.CreateTempSubdirectory("explain-").FullName;

    private string Database => Path.Combine(_folder, "event_stream.duckdb");

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void No_model_snapshot_test_or_analysis_plans_a_nested_loop_join_or_a_cross_product()
    {
        var output = new StringWriter();
        Assert.True(EventStreamProject.Run(["daily", "--days", "3", "--scale", "0.3", "--seed", "1", "--db", Database], output, output) == 0,
            output.ToString());

        using var warehouse = DuckDbWarehouse.Open(Database, readOnly: true);
        var runTime = Ingestor.LatestDayEnd(warehouse)!.Value;
        PartitionWindow.SetDay(warehouse, DateOnly.FromDateTime(runTime));
        warehouse.SetRunTime(runTime);

        var nodes = EventStreamProject.Catalog.For(warehouse.Dialect).Nodes
            .Where(n => n.Kind is NodeKind.Model or NodeKind.Test or NodeKind.Analysis && !string.IsNullOrWhiteSpace(n.Sql))
            .ToList();
        Assert.NotEmpty(nodes);
        var offenders = new List<string>();
        foreach (var node in nodes)
        {
            string plan;
            try
            {
                plan = string.Join("\n", warehouse.Rows($"EXPLAIN {node.Sql}").Select(r => string.Join("\n", r)));
            }
            catch (Exception e)
            {
                offenders.Add($"{Describe(node)}: cannot be explained: {e.Message.Split('\n')[0]}");
                continue;
            }
            var found = Forbidden.Where(op => plan.Contains(op, StringComparison.Ordinal)).ToList();
            if (found.Count > 0)
                offenders.Add($"{Describe(node)}: {string.Join(", ", found)}");
        }
        Assert.True(offenders.Count == 0,
            $"{offenders.Count} of {nodes.Count} nodes plan a nested loop or a cross product:\n  " + string.Join("\n  ", offenders));
    }

    private static string Describe(Node node) =>
        $"{node.Kind.ToString().ToLowerInvariant()} {(node.Kind == NodeKind.Test ? node.Name : node.Relation)} ({node.Materialization.ToString().ToLowerInvariant()}, {node.Location})";
}
