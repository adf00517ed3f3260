using ModelDsl.Catalog;
using ModelDsl.Runtime;
using static ModelDslTests.TestNodes;

// Not under namespace ModelDsl: its [Fact] (a fact-table attribute) would hide xunit's.
namespace ModelDslTests;

public abstract class ProjectBuilderTests(TestEngine engine)
{
    private static readonly DateTime RunTime = new(2024, 3, 15, 23, 59, 59, DateTimeKind.Utc);

    private static BuildResult Build(Warehouse warehouse, ModelCatalog catalog, StringWriter? output = null, params string[] selected) =>
        ProjectBuilder.Build(warehouse, catalog,
            new BuildOptions(RunTime, selected.Length == 0 ? null : selected.ToHashSet()),
            output ?? new StringWriter());

    [Fact]
    public void Builds_views_tables_and_ephemerals_in_dag_order()
    {
        using var warehouse = engine.Open();
        warehouse.Execute("create schema raw; create table raw.users as select * from (values (0), (1), (2), (3), (4)) t(id)");
        var catalog = Catalog(
            Source("users"),
            Model("stg_users", "select id from raw.users", Materialization.View, dependsOn: "users"),
            Model("int_helper", "select 1 as one", Materialization.Ephemeral),
            Model("dim_users", """select id * 10 as id from "staging"."stg_users" """, Materialization.Table, "marts", "stg_users"));

        var output = new StringWriter();
        var result = Build(warehouse, catalog, output);

        Assert.True(result.Succeeded);
        Assert.Equal(["stg_users", "int_helper", "dim_users"], result.Nodes.Select(n => n.Node.Name));
        Assert.Equal(RelationType.View, warehouse.FindRelation("staging", "stg_users"));
        Assert.Equal(RelationType.None, warehouse.FindRelation("staging", "int_helper"));
        Assert.Equal(RelationType.Table, warehouse.FindRelation("marts", "dim_users"));
        Assert.Equal(100, warehouse.Scalar<long>("select sum(id) from marts.dim_users"));
        Assert.Equal(5, result.For("dim_users")!.Rows);

        var lines = output.ToString().ReplaceLineEndings("\n").Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("1 of 3 START view staging.stg_users", lines[0]);
        Assert.StartsWith("1 of 3 OK created view staging.stg_users [in ", lines[1]);
        Assert.Equal("2 of 3 OK ephemeral staging.int_helper [inlined as a CTE, nothing to build]", lines[3]);
        Assert.StartsWith("3 of 3 OK created table marts.dim_users [5 rows in ", lines[5]);
        Assert.Contains("3 OK, 0 PASS, 0 WARN, 0 FAIL, 0 ERROR, 0 SKIP, 3 total", lines[6]);
    }

    [Fact]
    public void A_failing_table_build_leaves_the_previous_table_and_no_leftovers()
    {
        using var warehouse = engine.Open();
        var good = Model("orders", "select * from (values (0), (1), (2)) t(id)");
        Assert.True(Build(warehouse, Catalog(good)).Succeeded);

        // Fails at run time, halfway through the rows: only the second row cannot be cast.
        var bad = good with { Sql = "select cast(s as integer) as id from (values ('1'), ('x')) t(s)" };
        var result = Build(warehouse, Catalog(bad));

        Assert.Equal(NodeStatus.Error, result.For("orders")!.Status);
        Assert.Equal(3, warehouse.Scalar<long>("select count(*) from staging.orders"));
        Assert.Equal(3, warehouse.Scalar<long>("select sum(id) from staging.orders"));
        Assert.Equal(0, warehouse.Scalar<long>("select count(*) from information_schema.tables where right(table_name, 5) = '__tmp'"));
    }

    [Fact]
    public void A_leftover_temporary_table_from_a_crashed_run_is_cleaned_up()
    {
        using var warehouse = engine.Open();
        warehouse.Execute("create schema staging; create table staging.orders__tmp as select 'stale' as junk");

        Assert.True(Build(warehouse, Catalog(Model("orders", "select 1 as id"))).Succeeded);

        Assert.Equal(RelationType.None, warehouse.FindRelation("staging", "orders__tmp"));
        Assert.Equal(1, warehouse.Scalar<int>("select id from staging.orders"));
    }

    [Fact]
    public void A_view_whose_sql_fails_leaves_the_previous_relation()
    {
        using var warehouse = engine.Open();
        var good = Model("m", "select 1 as x", Materialization.Table);
        Assert.True(Build(warehouse, Catalog(good)).Succeeded);

        var result = Build(warehouse, Catalog(good with { Materialization = Materialization.View, Sql = "select * from nope" }));

        Assert.False(result.Succeeded);
        Assert.Equal(RelationType.Table, warehouse.FindRelation("staging", "m"));
        Assert.Equal(1, warehouse.Scalar<int>("select x from staging.m"));
    }

    [Fact]
    public void Replaces_a_view_with_a_table_and_a_table_with_a_view()
    {
        using var warehouse = engine.Open();
        var asView = Model("m", "select 1 as x", Materialization.View);

        Assert.True(Build(warehouse, Catalog(asView)).Succeeded);
        Assert.True(Build(warehouse, Catalog(asView with { Materialization = Materialization.Table })).Succeeded);
        Assert.Equal(RelationType.Table, warehouse.FindRelation("staging", "m"));
        Assert.True(Build(warehouse, Catalog(asView)).Succeeded);
        Assert.Equal(RelationType.View, warehouse.FindRelation("staging", "m"));
    }

    [Fact]
    public void A_failure_skips_everything_downstream_and_builds_independent_models()
    {
        using var warehouse = engine.Open();
        var catalog = Catalog(
            Model("stg_users", "select * from raw.missing_table"),
            Model("int_users", "select * from staging.stg_users", Materialization.View, dependsOn: "stg_users"),
            Model("dim_users", "select * from staging.int_users", Materialization.Table, "marts", "int_users"),
            Model("stg_posts", "select 1 as post_id"));

        var output = new StringWriter();
        var result = Build(warehouse, catalog, output);

        Assert.False(result.Succeeded);
        Assert.Equal(NodeStatus.Error, result.For("stg_users")!.Status);
        Assert.Equal(NodeStatus.Skipped, result.For("int_users")!.Status);
        Assert.Equal("skipped: upstream staging.stg_users failed", result.For("dim_users")!.Message);
        Assert.Equal(NodeStatus.Success, result.For("stg_posts")!.Status);
        Assert.Equal(RelationType.Table, warehouse.FindRelation("staging", "stg_posts"));
        Assert.Contains("3 of 4 SKIP marts.dim_users (skipped: upstream staging.stg_users failed)", output.ToString());
        Assert.Contains("1 of 4 ERROR staging.stg_users", output.ToString());
    }

    [Fact]
    public void The_error_names_the_relation_the_source_location_and_the_engines_message()
    {
        using var warehouse = engine.Open();
        var result = Build(warehouse, Catalog(Model("stg_users", "select * from raw.missing_table")));

        var message = result.For("stg_users")!.Message;
        Assert.StartsWith("staging.stg_users (Models/stg_users.cs:7) failed: ", message);
        Assert.Matches("\"raw.missing_table\" does not exist|missing_table\" does not exist", message);
    }

    [Fact]
    public void Models_read_the_logical_run_time()
    {
        using var warehouse = engine.Open();
        var catalog = Catalog(Model("as_of", "select {{ run_time }} as run_time"));

        Assert.True(Build(warehouse, catalog).Succeeded);

        Assert.Equal(RunTime, warehouse.Scalar<DateTime>("select run_time from staging.as_of"));
    }

    [Fact]
    public void Builds_only_the_selected_nodes()
    {
        using var warehouse = engine.Open();
        var catalog = Catalog(Model("a", "select 1 as x"), Model("b", "select 2 as x"));

        var result = Build(warehouse, catalog, null, "b");

        Assert.Equal(["b"], result.Nodes.Select(n => n.Node.Name));
        Assert.Equal(RelationType.None, warehouse.FindRelation("staging", "a"));
    }
}

public sealed class ProjectBuilderTestsOnDuckDb() : ProjectBuilderTests(TestEngine.DuckDb);

public sealed class ProjectBuilderTestsOnPostgres() : ProjectBuilderTests(TestEngine.Postgres);
