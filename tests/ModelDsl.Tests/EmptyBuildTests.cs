using System.Security.Cryptography;
using System.Text.Json;
using ModelDsl.Catalog;
using ModelDsl.Cli;
using ModelDsl.Runtime;
using static ModelDslTests.TestNodes;

// Not under namespace ModelDsl: its [Fact] (a fact-table attribute) would hide xunit's.
namespace ModelDslTests;

/// <summary><c>build --empty</c>: every model with zero rows in a scratch database, the real one only read.</summary>
public sealed class EmptyBuildTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private static readonly ModelCatalog Catalog = TestNodes.Catalog(
        EventSource("events", "created_at"),
        Incremental("daily_counts",
            """select cast(created_at as date) as event_date, count(*) as events from (select * from "raw"."events" where "created_at" >= getvariable('partition_start') and "created_at" < getvariable('partition_end')) group by 1""",
            new IncrementalConfig(Grain.Day, "event_date", null, 0, OnSchemaChange.Fail, ["events"]), "events"),
        // One row even on empty input, were the query not limited.
        Model("summary", """select count(*) as days from "analytics"."daily_counts" """, dependsOn: "daily_counts") with
        {
            Columns = [new Column("days", "BIGINT", false, [new ColumnTest("not_null", [], Severity.Error)], null)],
            Config = new NodeConfig([], Tests: [new ColumnTest("row_count", ["1", "100"], Severity.Error)]),
        },
        Snapshot("summary_history", """select 1 as id, days, TIMESTAMP '2024-03-01' as updated_at from "staging"."summary" """,
            new Scd2Config("id", "updated_at", Scd2Strategy.Timestamp, [], HardDeletes.Ignore, "9999-12-31 00:00:00"), "summary"),
        Model("broken_contract", "select 1 as x") with { Columns = [new Column("y", "INTEGER", false, [], null)] });

    [Fact]
    public void Every_model_is_built_with_zero_rows_its_contract_and_tests_checked_and_the_database_only_read()
    {
        var db = _folder.File("real.duckdb");
        using (var warehouse = DuckDbWarehouse.Open(db))
            warehouse.Execute("create schema raw; create table raw.events as select TIMESTAMP '2024-03-01 10:00:00' + to_days(range::integer) as created_at from range(30)");
        var before = SHA256.HashData(File.ReadAllBytes(db));
        var target = _folder.File("target");
        var (stdout, stderr) = (new StringWriter(), new StringWriter());

        var code = ModelCli.Run(["build", "--empty", "--db", db, "--as-of", "2024-03-30T23:00:00Z", "--target-dir", target], Catalog, TestProject.Options(), stdout, stderr);

        Assert.Equal(1, code);
        var output = stdout.ToString();
        Assert.StartsWith($"--empty: every model with zero rows, in a scratch database with the inputs' columns; '{db}' is not written", output);
        Assert.Contains("ERROR staging.broken_contract (Models/broken_contract.cs:7) failed: contract broken: missing column y (INTEGER); extra column x (INTEGER)", output);
        Assert.Equal(before, SHA256.HashData(File.ReadAllBytes(db)));
        using (var warehouse = DuckDbWarehouse.Open(db, readOnly: true))
            Assert.Equal(["raw.events"], warehouse.Relations());

        using var results = JsonDocument.Parse(File.ReadAllText(Path.Combine(target, "run_results.json")));
        Assert.Equal("build --empty", results.RootElement.GetProperty("metadata").GetProperty("command").GetString());
        var entries = results.RootElement.GetProperty("results").EnumerateArray()
            .ToDictionary(r => r.GetProperty("name").GetString()!, r => (Status: r.GetProperty("status").GetString(), Rows: r.GetProperty("rows_affected")));
        Assert.Equal(("success", 0), (entries["daily_counts"].Status, entries["daily_counts"].Rows.GetInt32()));
        Assert.Equal(("success", 0), (entries["summary"].Status, entries["summary"].Rows.GetInt32()));
        Assert.Equal("success", entries["summary_history"].Status);
        Assert.Equal("pass", entries["not_null_summary_days"].Status);
        // A test needing rows fails on the empty relation, as in dbt, and skips nothing: the snapshot's SQL was still checked.
        Assert.Equal("fail", entries["row_count_summary"].Status);
        Assert.Equal("error", entries["broken_contract"].Status);
    }

    [Fact]
    public void Run_empty_without_the_database_is_one_line_and_creates_nothing()
    {
        var db = _folder.File("missing.duckdb");
        var stderr = new StringWriter();

        var code = ModelCli.Run(["run", "--empty", "--db", db, "--target-dir", _folder.File("target")], Catalog, TestProject.Options(), new StringWriter(), stderr);

        Assert.Equal(2, code);
        Assert.Equal($"error: source raw.events does not exist in '{db}'\n", stderr.ToString());
        Assert.False(File.Exists(db));
    }
}
