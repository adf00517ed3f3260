using ModelDsl.Catalog;
using ModelDsl.Runtime;
using static ModelDslTests.TestNodes;

// Not under namespace ModelDsl: its [Fact] (a fact-table attribute) would hide xunit's.
namespace ModelDslTests;

/// <summary>Generic and singular data tests, severities, thresholds and what a failure skips, on every engine.</summary>
public abstract class DataTestTests(TestEngine engine)
{
    private static readonly DateTime RunTime = new(2024, 3, 15, 23, 59, 59, DateTimeKind.Utc);

    private static BuildResult Build(Warehouse warehouse, ModelCatalog catalog, StringWriter? output = null, bool storeFailures = false) =>
        ProjectBuilder.Build(warehouse, catalog, new BuildOptions(RunTime, StoreFailures: storeFailures), output ?? new StringWriter());

    private static Node WithColumns(Node node, params Column[] columns) => node with { Columns = columns };

    private static Column Col(string name, string type, params ColumnTest[] tests) => new(name, type, true, tests, null);

    private static ColumnTest Test(string kind, params string[] arguments) => new(kind, arguments, Severity.Error);

    [Fact]
    public void Generic_tests_pass_and_fail_with_failing_row_counts_and_samples()
    {
        using var warehouse = engine.Open();
        var users = WithColumns(Model("users", "select * from (values (1, 'a', 10), (2, 'b', 20), (2, null, 30)) t(id, kind, score)"),
            Col("id", "INTEGER", Test("unique"), Test("not_null")),
            Col("kind", "VARCHAR", Test("not_null"), Test("accepted_values", "a", "c")),
            Col("score", "INTEGER", Test("accepted_range", "0", "25")));
        // Independent of users, so the failing unique test on users does not skip it.
        var orders = WithColumns(Model("orders", "select * from (values (1), (3)) t(user_id)"),
            Col("user_id", "INTEGER", Test("relationships", "users", "id")));

        var output = new StringWriter();
        var result = Build(warehouse, Catalog(users, orders), output);

        Assert.Equal(NodeStatus.Fail, result.For("unique_users_id")!.Status);
        Assert.Equal(1, result.For("unique_users_id")!.Failures);
        Assert.Equal(NodeStatus.Pass, result.For("not_null_users_id")!.Status);
        Assert.Equal(1, result.For("not_null_users_kind")!.Failures);
        Assert.Equal(1, result.For("accepted_values_users_kind")!.Failures);
        Assert.Equal("b", result.For("accepted_values_users_kind")!.SampleRows.Single()["kind"]);
        Assert.Equal(1, result.For("accepted_range_users_score")!.Failures);
        Assert.Equal(1, result.For("relationships_orders_user_id")!.Failures);
        Assert.Equal("3", result.For("relationships_orders_user_id")!.SampleRows.Single()["user_id"]);

        var text = output.ToString();
        Assert.Matches(@"\d+ of \d+ FAIL 1 unique_users_id \[1 failing rows in ", text);
        Assert.Contains("FAIL unique_users_id (unique on staging.users.id): 1 failing row", text);
        Assert.Contains("  id=2, n_records=2", text);
        Assert.False(result.Succeeded);
    }

    [Fact]
    public void Model_level_row_count_and_expression_tests()
    {
        using var warehouse = engine.Open();
        var model = Model("metrics", "select * from (values (1, 2), (3, 2)) t(likes, views)") with
        {
            Config = new NodeConfig([], Tests: [Test("row_count", "1", "1"), Test("expression_is_true", "likes <= views")]),
        };

        var result = Build(warehouse, Catalog(model));

        Assert.Equal(NodeStatus.Fail, result.For("row_count_metrics")!.Status);
        Assert.Equal("2", result.For("row_count_metrics")!.SampleRows.Single()["row_count"]);
        Assert.Equal(1, result.For("expression_is_true_metrics")!.Failures);
    }

    [Fact]
    public void Unique_combination_fails_on_a_repeated_or_partly_null_key_and_passes_on_a_composite_key()
    {
        using var warehouse = engine.Open();
        Node Daily(string name, string rows) => Model(name, $"select * from (values {rows}) t(day, post_id)") with
        {
            Config = new NodeConfig([], Tests: [Test("unique_combination", "day", "post_id")]),
        };
        var good = Daily("good", "(1, 'a'), (1, 'b'), (2, 'a')");
        var repeated = Daily("repeated", "(1, 'a'), (1, 'a'), (2, 'a')");
        var partlyNull = Daily("partly_null", "(1, 'a'), (1, null)");
        var inlined = Daily("inlined", "(1, 'a'), (1, 'a')") with { Materialization = Materialization.Ephemeral };

        var result = Build(warehouse, Catalog(good, repeated, partlyNull, inlined));

        Assert.Equal(NodeStatus.Pass, result.For("unique_combination_good")!.Status);
        Assert.Equal(1, result.For("unique_combination_repeated")!.Failures);
        Assert.Equal("2", result.For("unique_combination_repeated")!.SampleRows.Single()["n_records"]);
        Assert.Equal(1, result.For("unique_combination_partly_null")!.Failures);
        Assert.Equal(1, result.For("unique_combination_inlined")!.Failures);
    }

    [Theory]
    [InlineData(Severity.Error, 0, 0, NodeStatus.Fail)]
    [InlineData(Severity.Warn, 0, 0, NodeStatus.Warn)]
    [InlineData(Severity.Warn, 3, 0, NodeStatus.Pass)]
    [InlineData(Severity.Error, 0, 2, NodeStatus.Fail)]
    [InlineData(Severity.Error, 0, 3, NodeStatus.Warn)]
    [InlineData(Severity.Error, 5, 5, NodeStatus.Pass)]
    // Three failing rows each time.
    public void Severity_and_thresholds_decide_between_pass_warn_and_fail(Severity severity, int warnIf, int errorIf, NodeStatus expected)
    {
        using var warehouse = engine.Open();
        var model = WithColumns(Model("m", "select cast(null as integer) as x from (values (1), (2), (3)) t(n)"),
            Col("x", "INTEGER", new ColumnTest("not_null", [], severity, warnIf, errorIf)));

        var result = Build(warehouse, Catalog(model));

        Assert.Equal(expected, result.For("not_null_m_x")!.Status);
        Assert.Equal(3, result.For("not_null_m_x")!.Failures);
        Assert.Equal(expected != NodeStatus.Fail, result.Succeeded);
    }

    [Fact]
    public void An_error_test_failure_skips_downstream_with_the_reason_and_a_warning_does_not()
    {
        using var warehouse = engine.Open();
        var strict = WithColumns(Model("strict", "select 1 as id union all select 1"), Col("id", "INTEGER", Test("unique"), Test("not_null")));
        var lenient = WithColumns(Model("lenient", "select 1 as id union all select 1"), Col("id", "INTEGER", new ColumnTest("unique", [], Severity.Warn)));
        var catalog = Catalog(
            strict,
            lenient,
            Model("after_strict", "select * from staging.strict", dependsOn: "strict"),
            Model("after_after", "select * from staging.after_strict", dependsOn: "after_strict"),
            Model("after_lenient", "select * from staging.lenient", dependsOn: "lenient"));

        var result = Build(warehouse, catalog);

        Assert.Equal(NodeStatus.Success, result.For("strict")!.Status);
        Assert.Equal(NodeStatus.Fail, result.For("unique_strict_id")!.Status);
        Assert.Equal(NodeStatus.Pass, result.For("not_null_strict_id")!.Status);  // a sibling test still runs
        Assert.Equal(NodeStatus.Skipped, result.For("after_strict")!.Status);
        Assert.Equal("skipped: test unique_strict_id failed on staging.strict", result.For("after_strict")!.Message);
        Assert.Equal("skipped: test unique_strict_id failed on staging.strict", result.For("after_after")!.Message);
        Assert.Equal(NodeStatus.Warn, result.For("unique_lenient_id")!.Status);
        Assert.Equal(NodeStatus.Success, result.For("after_lenient")!.Status);
        Assert.Equal(RelationType.None, warehouse.FindRelation("staging", "after_strict"));
    }

    [Fact]
    public void Tests_run_right_after_their_model_and_before_its_children()
    {
        using var warehouse = engine.Open();
        var catalog = Catalog(
            WithColumns(Model("a", "select 1 as id"), Col("id", "INTEGER", Test("unique"))),
            Model("b", "select * from staging.a", dependsOn: "a"));

        var result = Build(warehouse, catalog);

        Assert.Equal(["a", "unique_a_id", "b"], result.Nodes.Select(n => n.Node.Name));
    }

    [Fact]
    public void Source_tests_run_first_and_a_failure_skips_what_is_downstream_of_the_source()
    {
        using var warehouse = engine.Open();
        warehouse.Execute("create schema raw; create table raw.users as select * from (values (1), (1), (2)) t(id); create table raw.posts as select 1 as id");
        var catalog = Catalog(
            Source("users", tests: Test("unique")),
            Source("posts", tests: Test("unique")),
            Model("stg_users", "select * from raw.users", dependsOn: "users"),
            Model("stg_posts", "select * from raw.posts", dependsOn: "posts"));

        var result = Build(warehouse, catalog);

        Assert.Equal("source_unique_raw_users_id", result.Nodes[0].Node.Name);
        Assert.Equal(NodeStatus.Fail, result.For("source_unique_raw_users_id")!.Status);
        Assert.Equal("skipped: test source_unique_raw_users_id failed on raw.users", result.For("stg_users")!.Message);
        Assert.Equal(NodeStatus.Success, result.For("stg_posts")!.Status);
    }

    [Fact]
    public void A_singular_test_returns_failing_rows_and_stands_for_the_nodes_it_reads()
    {
        using var warehouse = engine.Open();
        var singular = new Node("no_negative", "audit", NodeKind.Test, Layer.Test, Materialization.Test,
            "select * from staging.amounts where amount < 0", ["amounts"], [], new NodeConfig([], Test: new TestConfig(Severity.Error)),
            "No negative amounts.", "Models.NoNegative", "Tests/NoNegative.cs", 5);
        var catalog = Catalog(
            Model("amounts", "select * from (values (1), (-2)) t(amount)"),
            singular,
            Model("report", "select * from staging.amounts", dependsOn: "amounts"));

        var result = Build(warehouse, catalog);

        Assert.Equal(1, result.For("no_negative")!.Failures);
        Assert.Equal("skipped: test no_negative failed on staging.amounts", result.For("report")!.Message);
    }

    [Fact]
    public void Store_failures_keeps_failing_rows_in_the_audit_schema()
    {
        using var warehouse = engine.Open();
        var model = WithColumns(Model("m", "select * from (values (1), (null), (null)) t(x)"), Col("x", "INTEGER", Test("not_null")));

        var result = Build(warehouse, Catalog(model), storeFailures: true);

        Assert.Contains("stored in audit.not_null_m_x", result.For("not_null_m_x")!.Message);
        Assert.Equal(2, warehouse.Scalar<long>("select count(*) from audit.not_null_m_x"));
    }
}

public sealed class DataTestTestsOnDuckDb() : DataTestTests(TestEngine.DuckDb);

public sealed class DataTestTestsOnPostgres() : DataTestTests(TestEngine.Postgres);
