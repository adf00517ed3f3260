using System.Text;
using ModelDsl.Catalog;
using ModelDsl.Runtime;
using static ModelDslTests.TestNodes;

// Not under namespace ModelDsl: its [Fact] (a fact-table attribute) would hide xunit's.
namespace ModelDslTests;

/// <summary>Threads and fail-fast.</summary>
public sealed class BuildBehaviourTests : IDisposable
{
    private static readonly DateTime RunTime = new(2024, 3, 15, 23, 59, 59, DateTimeKind.Utc);
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private static BuildResult Build(Warehouse warehouse, ModelCatalog catalog, int threads = 1, bool failFast = false) =>
        ProjectBuilder.Build(warehouse, catalog, new BuildOptions(RunTime, Threads: threads, FailFast: failFast), new StringWriter());

    // Two chains and a join of them, with enough rows that the threads overlap.
    private static ModelCatalog Diamond() => Catalog(
        Model("left_a", "select range as id, range % 7 as k from range(200000)"),
        Model("right_a", "select range as id, range % 11 as k from range(200000)"),
        Model("left_b", "select k, count(*) as n from staging.left_a group by k", dependsOn: "left_a"),
        Model("right_b", "select k, sum(id) as s from staging.right_a group by k", dependsOn: "right_a"),
        Model("joined", "select l.k, l.n, r.s from staging.left_b l left join staging.right_b r using (k)", Materialization.Table, "marts", "left_b", "right_b"),
        Model("joined_view", "select k, n * 2 as n2 from marts.joined", Materialization.View, "marts", "joined"));

    private static string Contents(Warehouse warehouse)
    {
        var text = new StringBuilder();
        foreach (var relation in new[] { "staging.left_a", "staging.right_a", "staging.left_b", "staging.right_b", "marts.joined", "marts.joined_view" })
            text.AppendLine($"{relation}: {warehouse.Scalar<long>($"select count(*) from {relation}")} {warehouse.Scalar<string>($"select md5(string_agg(t::varchar, '|' order by t::varchar)) from {relation} t")}");
        return text.ToString();
    }

    [Fact]
    public void Four_threads_build_the_same_warehouse_as_one()
    {
        string Built(int threads, string file)
        {
            using var warehouse = DuckDbWarehouse.Open(_folder.File(file));
            var result = Build(warehouse, Diamond(), threads);
            Assert.True(result.Succeeded, string.Join("\n", result.Nodes.Select(n => n.Message)));
            Assert.Equal(["left_a", "right_a", "left_b", "right_b", "joined", "joined_view"], result.Nodes.Select(n => n.Node.Name));
            return Contents(warehouse);
        }

        Assert.Equal(Built(1, "one.duckdb"), Built(4, "four.duckdb"));
    }

    [Fact]
    public void Fail_fast_stops_at_the_first_failure_and_skips_the_rest()
    {
        using var warehouse = DuckDbWarehouse.Open(DuckDbWarehouse.InMemory);
        var catalog = Catalog(
            Model("a_broken", "select * from nowhere"),
            Model("b_fine", "select 1 as x"),
            Model("c_fine", "select 2 as x"));

        var result = Build(warehouse, catalog, threads: 1, failFast: true);

        Assert.Equal(NodeStatus.Error, result.For("a_broken")!.Status);
        Assert.Equal("skipped: --fail-fast after staging.a_broken failed", result.For("b_fine")!.Message);
        Assert.Equal(NodeStatus.Skipped, result.For("c_fine")!.Status);
        Assert.Equal(RelationType.None, warehouse.FindRelation("staging", "b_fine"));

        Assert.True(Build(warehouse, catalog, threads: 1, failFast: false).For("c_fine")!.Status == NodeStatus.Success);
    }
}
