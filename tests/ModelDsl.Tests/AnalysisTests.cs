using System.Security.Cryptography;
using System.Text.Json;
using ModelDsl.Catalog;
using ModelDsl.Cli;
using ModelDsl.Runtime;
using static ModelDslTests.TestNodes;

// Not under namespace ModelDsl: its [Fact] (a fact-table attribute) would hide xunit's.
namespace ModelDslTests;

/// <summary>Analyses: never built by build/run/test, listed and compiled like models, run by <c>analysis run</c> read-only.</summary>
public sealed class AnalysisTests : IDisposable
{
    private const string OrderDetailsSql = """
        with "__ephemeral__int_orders" as (
            select * from "staging"."orders" where order_id > 0
        )
        select order_id, customer, order_date, ordered_at, amount, note, CAST(getvariable('run_time') AS TIMESTAMP) as as_of
        from "__ephemeral__int_orders"
        order by order_id
        """;

    private static readonly ModelCatalog Catalog = TestNodes.Catalog(
        Model("orders", """
            select * from (values
                (1, 'ada', DATE '2100-01-31', TIMESTAMP '2100-01-31 10:00:00', 12.5::DOUBLE, 'a, "quoted" note'),
                (2, 'bob', DATE '2100-02-01', TIMESTAMP '2100-02-01 08:30:00.25', NULL, NULL),
                (3, 'cy', DATE '2100-02-01', TIMESTAMP '2100-02-01 23:59:59', 0.1::DOUBLE, '')
            ) as t(order_id, customer, order_date, ordered_at, amount, note)
            """),
        Model("int_orders", """select * from "staging"."orders" where order_id > 0""", Materialization.Ephemeral, dependsOn: "orders"),
        Model("customers", "select 'ada' as customer"),
        Analysis("order_details", OrderDetailsSql, "int_orders"),
        Analysis("customer_orders", """select c.customer, count(*) as orders from "staging"."customers" c join "staging"."orders" o using (customer) group by 1""",
            "customers", "orders"),
        Analysis("broken_analysis", "select cast('x' as integer) as n", "orders"),
        Analysis("sneaky_write", """create table "staging"."sneaky" as select 1 as x""", "orders"));

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private string Db => _folder.File("shop.duckdb");

    private string Target => _folder.File("target");

    private (int Code, string Out, string Err) Cli(params string[] args) => Cli(TestProject.Options(), args);

    private (int Code, string Out, string Err) Cli(ProjectOptions project, params string[] args)
    {
        if (args[0] is "build" or "run" or "test" or "compile")
            args = [.. args, "--target-dir", Target];
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = ModelCli.Run(args, Catalog, project, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    private void BuildOrders() => Assert.Equal(0, Cli("build", "--db", Db, "--select", "orders", "int_orders").Code);

    private (int Code, string Out, string Err) RunAnalysis(params string[] args) =>
        Cli(["analysis", "run", .. args, "--db", Db, "--as-of", "2100-02-02T00:00:00Z"]);

    [Fact]
    public void Build_run_and_test_never_build_analyses_nor_count_them()
    {
        var (code, output, _) = Cli("build", "--db", Db);

        Assert.Equal(0, code);
        Assert.Contains(", 0 SKIP, 3 total", output);
        Assert.DoesNotContain("analysis", output);
        Assert.DoesNotContain("order_details", output);
        foreach (var verb in new[] { "run", "test" })
            Assert.DoesNotContain("order_details", Cli(verb, "--db", Db).Out);

        using var warehouse = DuckDbWarehouse.Open(Db, readOnly: true);
        Assert.Equal(0, warehouse.Scalar<long>("select count(*) from information_schema.schemata where schema_name = 'analysis'"));
        Assert.Equal(RelationType.None, warehouse.FindRelation("staging", "sneaky"));
        var results = JsonDocument.Parse(File.ReadAllText(Path.Combine(Target, "run_results.json"))).RootElement.GetProperty("results");
        Assert.DoesNotContain(results.EnumerateArray(), r => r.GetProperty("resource_type").GetString() == "analysis");
    }

    [Fact]
    public void Selecting_an_analysis_with_its_ancestors_builds_only_what_it_reads()
    {
        var (code, output, _) = Cli("build", "--db", Db, "--select", "+order_details");

        Assert.Equal(0, code);
        Assert.Contains("1 of 2 OK created table staging.orders", output);
        Assert.Contains("2 of 2 OK ephemeral staging.int_orders", output);
        Assert.Contains(", 0 SKIP, 2 total", output);

        (code, output, _) = Cli("run", "--db", Db, "--select", "resource_type:analysis");
        Assert.Equal(0, code);
        Assert.Contains(", 0 SKIP, 0 total", output);
    }

    [Fact]
    public void Analysis_run_prints_a_table_by_default()
    {
        BuildOrders();

        var (code, output, error) = RunAnalysis("order_details");

        Assert.Equal("", error);
        Assert.Equal(0, code);
        Assert.Equal("""
                                                             order_details
            ┌──────────┬──────────┬────────────┬────────────────────────┬────────┬──────────────────┬─────────────────────┐
            │ order_id │ customer │ order_date │ ordered_at             │ amount │ note             │ as_of               │
            ├──────────┼──────────┼────────────┼────────────────────────┼────────┼──────────────────┼─────────────────────┤
            │        1 │ ada      │ 2100-01-31 │ 2100-01-31 10:00:00    │   12.5 │ a, "quoted" note │ 2100-02-02 00:00:00 │
            │        2 │ bob      │ 2100-02-01 │ 2100-02-01 08:30:00.25 │   NULL │ NULL             │ 2100-02-02 00:00:00 │
            │        3 │ cy       │ 2100-02-01 │ 2100-02-01 23:59:59    │    0.1 │                  │ 2100-02-02 00:00:00 │
            └──────────┴──────────┴────────────┴────────────────────────┴────────┴──────────────────┴─────────────────────┘

            """, TrimLineEnds(output));
    }

    // Spectre pads the title line to the table's width.
    private static string TrimLineEnds(string text) => string.Join('\n', text.Split('\n').Select(line => line.TrimEnd()));

    [Fact]
    public void Analysis_run_prints_rfc_4180_csv_with_a_header()
    {
        BuildOrders();

        var (code, output, _) = RunAnalysis("order_details", "--output", "csv");

        Assert.Equal(0, code);
        Assert.Equal(
            "order_id,customer,order_date,ordered_at,amount,note,as_of\r\n" +
            "1,ada,2100-01-31,2100-01-31 10:00:00,12.5,\"a, \"\"quoted\"\" note\",2100-02-02 00:00:00\r\n" +
            "2,bob,2100-02-01,2100-02-01 08:30:00.25,,,2100-02-02 00:00:00\r\n" +
            "3,cy,2100-02-01,2100-02-01 23:59:59,0.1,\"\",2100-02-02 00:00:00\r\n",
            output);
    }

    [Fact]
    public void Analysis_run_prints_a_json_array_of_objects()
    {
        BuildOrders();

        var (code, output, _) = RunAnalysis("order_details", "-o", "json", "--limit", "2");

        Assert.Equal(0, code);
        Assert.Equal("""
            [
              {
                "order_id": 1,
                "customer": "ada",
                "order_date": "2100-01-31",
                "ordered_at": "2100-01-31T10:00:00",
                "amount": 12.5,
                "note": "a, \u0022quoted\u0022 note",
                "as_of": "2100-02-02T00:00:00"
              },
              {
                "order_id": 2,
                "customer": "bob",
                "order_date": "2100-02-01",
                "ordered_at": "2100-02-01T08:30:00.25",
                "amount": null,
                "note": null,
                "as_of": "2100-02-02T00:00:00"
              }
            ]

            """, output);
        using var json = JsonDocument.Parse(output);
        Assert.Equal(JsonValueKind.Number, json.RootElement[1].GetProperty("order_id").ValueKind);
    }

    [Fact]
    public void The_run_time_is_as_of_else_the_projects_default_like_build()
    {
        BuildOrders();
        var project = TestProject.Options() with { DefaultRunTime = _ => new DateTime(2100, 3, 1, 12, 0, 0, DateTimeKind.Utc) };

        var (_, csv, _) = Cli(project, "analysis", "run", "order_details", "--db", Db, "--output", "csv", "--limit", "1");
        Assert.EndsWith(",2100-03-01 12:00:00\r\n", csv);

        (_, csv, _) = Cli(project, "analysis", "run", "order_details", "--db", Db, "--output", "csv", "--limit", "1", "--as-of", "2100-01-05T10:30:00+02:00");
        Assert.EndsWith(",2100-01-05 08:30:00\r\n", csv);
    }

    [Fact]
    public void An_unknown_analysis_is_one_line_with_close_names_and_exit_2()
    {
        BuildOrders();

        CliTests.AssertOneLineError(RunAnalysis("order_detail"), "unknown analysis 'order_detail'; did you mean order_details?");
        CliTests.AssertOneLineError(RunAnalysis("ord"), "unknown analysis 'ord'; did you mean order_details?");
        CliTests.AssertOneLineError(RunAnalysis("weekly_report"), "unknown analysis 'weekly_report'");
        CliTests.AssertOneLineError(RunAnalysis("orders"), "'orders' is a model, not an analysis (analysis ls lists them)");
        CliTests.AssertOneLineError(RunAnalysis("order_details", "--output", "xml"), "--output must be one of table, csv, json, not 'xml'");
        CliTests.AssertOneLineError(RunAnalysis("order_details", "--limit", "0"), "--limit must be a whole number from 1 to 2147483647, not '0'");
    }

    [Fact]
    public void A_missing_database_or_an_unbuilt_relation_is_one_line_and_exit_2()
    {
        CliTests.AssertOneLineError(RunAnalysis("order_details"), $"database '{Db}' does not exist (run build first)");
        Assert.False(File.Exists(Db));

        Assert.Equal(0, Cli("build", "--db", Db, "--select", "customers").Code);
        // Read through the ephemeral model: the relation named is the one it reads.
        CliTests.AssertOneLineError(RunAnalysis("order_details"), $"analysis order_details reads staging.orders, not built in '{Db}' (run build first)");
        CliTests.AssertOneLineError(RunAnalysis("customer_orders"), "analysis customer_orders reads staging.orders, not built");
    }

    [Fact]
    public void A_failing_analysis_is_one_line_and_exit_1()
    {
        BuildOrders();

        var (code, output, error) = RunAnalysis("broken_analysis");

        Assert.Equal(1, code);
        Assert.Equal("", output);
        Assert.StartsWith("error: analysis broken_analysis (Analyses/broken_analysis.cs:9) failed: Conversion Error", error);
        Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public void The_database_is_opened_read_only_and_left_byte_identical()
    {
        BuildOrders();
        var before = SHA256.HashData(File.ReadAllBytes(Db));

        Assert.Equal(0, RunAnalysis("order_details").Code);
        var (code, _, error) = RunAnalysis("sneaky_write");

        Assert.Equal(1, code);
        Assert.Contains("read-only", error);
        Assert.Equal(before, SHA256.HashData(File.ReadAllBytes(Db)));
        Assert.False(File.Exists(Db + ".wal"));
        using var warehouse = DuckDbWarehouse.Open(Db, readOnly: true);
        Assert.Equal(RelationType.None, warehouse.FindRelation("staging", "sneaky"));
    }

    [Fact]
    public void Ls_compile_and_the_manifest_show_analyses()
    {
        var (code, output, _) = Cli("ls", "--select", "resource_type:analysis");
        Assert.Equal(0, code);
        Assert.Equal(
            "analysis order_details (The order_details analysis.) <- int_orders\nanalysis customer_orders (The customer_orders analysis.) <- customers, orders\n" +
            "analysis broken_analysis (The broken_analysis analysis.) <- orders\nanalysis sneaky_write (The sneaky_write analysis.) <- orders\n",
            output);
        Assert.Equal(output, Cli("analysis", "ls").Out);
        Assert.Equal("analysis customer_orders (The customer_orders analysis.) <- customers, orders\n", Cli("ls", "--select", "layer:analysis,customers+").Out);

        var listed = JsonDocument.Parse(Cli("ls", "-s", "order_details", "-o", "json").Out).RootElement.EnumerateArray().Single();
        Assert.Equal("analysis", listed.GetProperty("resource_type").GetString());
        Assert.False(listed.TryGetProperty("relation", out _));

        Assert.Equal(0, Cli("compile", "--select", "order_details").Code);
        Assert.Equal(OrderDetailsSql + "\n", File.ReadAllText(Path.Combine(Target, "compiled", "analysis", "order_details.sql")));
        using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(Target, "manifest.json")));
        var node = manifest.RootElement.GetProperty("nodes").GetProperty("order_details");
        Assert.Equal("analysis", node.GetProperty("resource_type").GetString());
        Assert.Equal("analysis", node.GetProperty("materialization").GetString());
        Assert.Equal(JsonValueKind.Null, node.GetProperty("relation").ValueKind);
        Assert.Equal(["int_orders"], node.GetProperty("depends_on").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("compiled/analysis/order_details.sql", node.GetProperty("compiled_path").GetString());
    }

    [Fact]
    public void Show_of_an_analysis_says_how_to_run_it()
    {
        BuildOrders();

        CliTests.AssertOneLineError(Cli("show", "order_details", "--db", Db), "order_details is an analysis, never built: run it with 'analysis run order_details'");
    }
}
