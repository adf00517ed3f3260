using System.Diagnostics;
using System.Text.Json;
using ModelDsl.Catalog;
using ModelDsl.Cli;
using ModelDsl.Runtime;
using ModelDsl.Runtime.Reporting;
using Spectre.Console;
using static ModelDslTests.TestNodes;

// Not under namespace ModelDsl: its [Fact] (a fact-table attribute) would hide xunit's.
namespace ModelDslTests;

/// <summary>The build verbs end to end: artifacts, output formats, the test verb, freshness and bad option values.</summary>
public sealed class CliBuildTests : IDisposable
{
    private readonly TempFolder _folder = new();

    private static readonly ModelCatalog Catalog = TestNodes.Catalog(
        Source("users", tests: new ColumnTest("unique", [], Severity.Error)) with
        {
            Config = new NodeConfig(["raw"], Source: new SourceConfig(null, "loaded_at", WarnAfterHours: 24, ErrorAfterHours: 48)),
        },
        Model("stg_users", "select id from raw.users", Materialization.View, dependsOn: "users") with
        {
            Columns = [new("id", "INTEGER", false, [new ColumnTest("not_null", [], Severity.Error), new ColumnTest("accepted_range", ["0", "1"], Severity.Warn)], "The key.")],
            Config = new NodeConfig(["daily"]),
        },
        Model("dim_users", """select id from "staging"."stg_users" """, Materialization.Table, "marts", "stg_users"));

    public void Dispose() => _folder.Dispose();

    private string Db => _folder.File("test.duckdb");
    private string Target => _folder.File("target");

    private (int Code, string Out, string Err) Cli(params string[] args)
    {
        // Artifacts go to the test's own folder.
        if (args is ["source", "freshness", ..] && !args.Contains("--target-dir"))
            args = [.. args, "--target-dir", Target];
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = ModelCli.Run(args, Catalog, TestProject.Options() with { MissingSourceHint = "load it first" }, stdout, stderr);
        return (code, stdout.ToString().ReplaceLineEndings("\n"), stderr.ToString());
    }

    private void RawUsers(string loadedAt = "2024-03-15 12:00:00")
    {
        using var warehouse = DuckDbWarehouse.Open(Db);
        warehouse.Execute($"create schema if not exists raw; create or replace table raw.users as select range::integer as id, TIMESTAMP '{loadedAt}' as loaded_at from range(3)");
    }

    private (int Code, string Out, string Err) Build(params string[] extra) =>
        Cli(["build", "--db", Db, "--as-of", "2024-03-15T23:00:00Z", "--target-dir", Target, .. extra]);

    [Fact]
    public void Build_writes_the_manifest_run_results_and_compiled_sql()
    {
        RawUsers();
        Assert.Equal(0, Build().Code);

        using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(Target, "manifest.json")));
        var nodes = manifest.RootElement.GetProperty("nodes");
        Assert.Equal(6, manifest.RootElement.GetProperty("metadata").GetProperty("node_count").GetInt32());
        var stg = nodes.GetProperty("stg_users");
        Assert.Equal("model", stg.GetProperty("resource_type").GetString());
        Assert.Equal("staging.stg_users", stg.GetProperty("relation").GetString());
        Assert.Equal("view", stg.GetProperty("materialization").GetString());
        Assert.Equal(["users"], stg.GetProperty("depends_on").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(["daily"], stg.GetProperty("config").GetProperty("tags").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("select id from raw.users", stg.GetProperty("compiled_sql").GetString());
        Assert.Equal("Models/stg_users.cs", stg.GetProperty("file").GetString());
        Assert.Equal(7, stg.GetProperty("line").GetInt32());
        Assert.Equal("The stg_users model.", stg.GetProperty("description").GetString());
        var column = stg.GetProperty("columns")[0];
        Assert.Equal(["id", "INTEGER", "The key."], new[] { "name", "type", "description" }.Select(p => column.GetProperty(p).GetString()));
        Assert.Equal(["not_null_stg_users_id", "accepted_range_stg_users_id"], column.GetProperty("tests").EnumerateArray().Select(e => e.GetString()));
        var test = nodes.GetProperty("not_null_stg_users_id");
        Assert.Equal("test", test.GetProperty("resource_type").GetString());
        Assert.Equal("stg_users", test.GetProperty("config").GetProperty("test").GetProperty("attached_to").GetString());
        Assert.Equal(JsonValueKind.Null, test.GetProperty("relation").ValueKind);
        Assert.Equal("loaded_at", nodes.GetProperty("users").GetProperty("config").GetProperty("source").GetProperty("loaded_at").GetString());

        Assert.Equal("select id from raw.users\n", File.ReadAllText(Path.Combine(Target, "compiled", "staging", "stg_users.sql")));
        Assert.True(File.Exists(Path.Combine(Target, "compiled", "audit", "not_null_stg_users_id.sql")));

        using var runResults = JsonDocument.Parse(File.ReadAllText(Path.Combine(Target, "run_results.json")));
        var root = runResults.RootElement;
        Assert.Equal("build", root.GetProperty("metadata").GetProperty("command").GetString());
        Assert.Equal(new DateTime(2024, 3, 15, 23, 0, 0, DateTimeKind.Utc), root.GetProperty("metadata").GetProperty("run_time").GetDateTime().ToUniversalTime());
        Assert.True(root.GetProperty("success").GetBoolean());
        var results = root.GetProperty("results").EnumerateArray().ToDictionary(r => r.GetProperty("name").GetString()!);
        Assert.Equal(["source_unique_raw_users_id", "stg_users", "not_null_stg_users_id", "accepted_range_stg_users_id", "dim_users"], results.Keys);
        Assert.Equal("pass", results["source_unique_raw_users_id"].GetProperty("status").GetString());
        Assert.Equal("success", results["dim_users"].GetProperty("status").GetString());
        Assert.Equal(3, results["dim_users"].GetProperty("rows_affected").GetInt64());
        Assert.Equal("warn", results["accepted_range_stg_users_id"].GetProperty("status").GetString());
        Assert.Equal(1, results["accepted_range_stg_users_id"].GetProperty("failures").GetInt64());
        Assert.True(results["dim_users"].GetProperty("execution_time").GetDouble() >= 0);
        Assert.Equal(JsonValueKind.String, results["dim_users"].GetProperty("started_at").ValueKind);
        Assert.Equal(JsonValueKind.String, results["dim_users"].GetProperty("completed_at").ValueKind);
    }

    [Fact]
    public void Warnings_exit_0_failures_exit_1_and_skips_are_in_run_results()
    {
        RawUsers();
        using (var warehouse = DuckDbWarehouse.Open(Db))
            warehouse.Execute("insert into raw.users values (1, TIMESTAMP '2024-03-15 12:00:00')");

        var (code, output, _) = Build();

        Assert.Equal(1, code);
        Assert.Contains("FAIL 1 source_unique_raw_users_id", output);
        Assert.Contains("SKIP staging.stg_users (skipped: test source_unique_raw_users_id failed on raw.users)", output);
        using var runResults = JsonDocument.Parse(File.ReadAllText(Path.Combine(Target, "run_results.json")));
        var statuses = runResults.RootElement.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("status").GetString());
        Assert.Equal(["fail", "skipped", "skipped", "skipped", "skipped"], statuses);
    }

    [Fact]
    public void Test_runs_only_tests_and_run_only_models()
    {
        RawUsers();
        Assert.Equal(0, Cli("run", "--db", Db, "--target-dir", Target).Code);
        var (code, output, _) = Cli("test", "--db", Db, "--target-dir", Target, "--select", "stg_users");

        Assert.Equal(0, code);
        Assert.Contains("1 of 2 START test not_null_stg_users_id", output);
        Assert.DoesNotContain("START view", output);
        Assert.Contains("0 OK, 1 PASS, 1 WARN, 0 FAIL, 0 ERROR, 0 SKIP, 2 total", output);
    }

    [Fact]
    public void Console_lines_start_and_finish_each_node_then_a_summary_and_sample_rows()
    {
        RawUsers();
        var (_, output, _) = Build("--threads", "1");

        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("1 of 5 START test source_unique_raw_users_id", lines[0]);
        Assert.Matches(@"^1 of 5 PASS source_unique_raw_users_id \[in \d+\.\d\ds\]$", lines[1]);
        Assert.Equal("2 of 5 START view staging.stg_users", lines[2]);
        Assert.Matches(@"^4 of 5 WARN 1 accepted_range_stg_users_id \[1 failing rows in \d+\.\d\ds\]$", lines[7]);
        Assert.Matches(@"^5 of 5 OK created table marts.dim_users \[3 rows in \d+\.\d\ds\]$", lines[9]);
        Assert.Matches(@"^Done in \d+\.\d\ds: 2 OK, 2 PASS, 1 WARN, 0 FAIL, 0 ERROR, 0 SKIP, 5 total$", lines[10]);
        Assert.Equal("WARN accepted_range_stg_users_id (accepted_range (0, 1) on staging.stg_users.id): 1 failing row", lines[11]);
        Assert.Equal("  id=2", lines[12]);
    }

    [Fact]
    public void Quiet_prints_only_failures()
    {
        RawUsers();
        Assert.Equal("", Build("--quiet").Out);

        using (var warehouse = DuckDbWarehouse.Open(Db))
            warehouse.Execute("insert into raw.users values (1, TIMESTAMP '2024-03-15 12:00:00')");
        var (code, output, _) = Build("--quiet");
        Assert.Equal(1, code);
        Assert.Equal(["FAIL source_unique_raw_users_id (unique on raw.users.id): 1 failing row", "  id=1, n_records=2"],
            output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public void Json_log_format_writes_one_object_per_event()
    {
        RawUsers();
        var (code, output, _) = Build("--log-format", "json");

        Assert.Equal(0, code);
        var events = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(11, events.Count);
        Assert.Equal("node_started", events[0].GetProperty("event").GetString());
        var warn = events.Single(e => e.GetProperty("event").GetString() == "node_finished" && e.GetProperty("status").GetString() == "warn");
        Assert.Equal("accepted_range_stg_users_id", warn.GetProperty("name").GetString());
        Assert.Equal(1, warn.GetProperty("failures").GetInt64());
        Assert.Equal("2", warn.GetProperty("sample_rows")[0].GetProperty("id").GetString());
        var last = events[^1];
        Assert.Equal("build_finished", last.GetProperty("event").GetString());
        Assert.Equal(2, last.GetProperty("counts").GetProperty("success").GetInt32());
    }

    [Fact]
    public void The_live_display_shows_progress_and_the_same_lines_on_a_terminal()
    {
        RawUsers();
        var output = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.Yes,
            Interactive = InteractionSupport.Yes,
            Out = new AnsiConsoleOutput(output),
        });
        using var warehouse = DuckDbWarehouse.Open(Db);

        var result = ProjectBuilder.Build(warehouse, Catalog, new BuildOptions(new DateTime(2024, 3, 15)), new LiveReporter(console));

        Assert.True(result.Succeeded);
        var text = output.ToString();
        Assert.Contains("5 of 5 OK created table marts.dim_users", text);
        Assert.Contains("of 5 done", text);      // the progress line
        Assert.Contains("\u001b[", text);        // drawn with ANSI control sequences
    }

    [Fact]
    public void Source_freshness_reports_age_at_the_run_time_against_the_limits()
    {
        RawUsers("2024-03-14 12:00:00");

        var fresh = Cli("source", "freshness", "--db", Db, "--as-of", "2024-03-14T20:00:00Z");
        Assert.Equal(0, fresh.Code);
        Assert.Contains("1 of 1 PASS freshness of raw.users [max(loaded_at) 2024-03-14 12:00:00, 8.0h old (warn after 24h, error after 48h)]", fresh.Out);

        Assert.Contains("WARN freshness of raw.users", Cli("source", "freshness", "--db", Db, "--as-of", "2024-03-15T20:00:00Z").Out);

        var stale = Cli("source", "freshness", "--db", Db, "--as-of", "2024-03-17T00:00:00Z");
        Assert.Equal(1, stale.Code);
        Assert.Contains("ERROR freshness of raw.users", stale.Out);

        var future = Cli("source", "freshness", "--db", Db, "--as-of", "2024-03-14T08:00:00Z");
        Assert.Equal(0, future.Code);
        Assert.Contains("1 of 1 WARN freshness of raw.users [max(loaded_at) 2024-03-14 12:00:00 is in the future: 4.0h after the run time 2024-03-14 08:00:00]", future.Out);
    }

    [Fact]
    public void Source_freshness_prints_json_and_writes_sources_json_in_dbts_shape()
    {
        RawUsers("2024-03-14 12:00:00");

        var (code, output, _) = Cli("source", "freshness", "--db", Db, "--as-of", "2024-03-15T18:00:00Z", "--output", "json");

        Assert.Equal(0, code);
        Assert.Equal(output.TrimEnd(), File.ReadAllText(Path.Combine(Target, "sources.json")));
        using var document = JsonDocument.Parse(output);
        Assert.Equal("source freshness", document.RootElement.GetProperty("metadata").GetProperty("command").GetString());
        var users = Assert.Single(document.RootElement.GetProperty("results").EnumerateArray());
        Assert.Equal("users", users.GetProperty("unique_id").GetString());
        Assert.Equal("2024-03-14T12:00:00Z", users.GetProperty("max_loaded_at").GetString());
        Assert.Equal("2024-03-15T18:00:00Z", users.GetProperty("snapshotted_at").GetString());
        Assert.Equal(30 * 3600, users.GetProperty("max_loaded_at_time_ago_in_s").GetDouble());
        Assert.Equal("warn", users.GetProperty("status").GetString());
        var criteria = users.GetProperty("criteria");
        Assert.Equal((24, "hour"), (criteria.GetProperty("warn_after").GetProperty("count").GetInt32(), criteria.GetProperty("warn_after").GetProperty("period").GetString()));
        Assert.Equal(48, criteria.GetProperty("error_after").GetProperty("count").GetInt32());
        Assert.Equal(JsonValueKind.Null, users.GetProperty("error").ValueKind);

        using (var warehouse = DuckDbWarehouse.Open(Db))
            warehouse.Execute("delete from raw.users");
        Assert.Equal(1, Cli("source", "freshness", "--db", Db, "--as-of", "2024-03-15T18:00:00Z").Code);
        using var empty = JsonDocument.Parse(File.ReadAllText(Path.Combine(Target, "sources.json")));
        var failed = empty.RootElement.GetProperty("results")[0];
        Assert.Equal("runtime error", failed.GetProperty("status").GetString());
        Assert.Equal("raw.users has no rows with loaded_at", failed.GetProperty("error").GetString());
    }

    [Fact]
    public void Source_freshness_of_a_table_without_the_loaded_at_column_is_that_sources_error()
    {
        using (var warehouse = DuckDbWarehouse.Open(Db))
            warehouse.Execute("create schema raw; create table raw.users as select 1 as id");

        var (code, output, error) = Cli("source", "freshness", "--db", Db, "--as-of", "2024-03-14T20:00:00Z");

        Assert.Equal(1, code);
        Assert.Equal("", error);
        Assert.Contains("1 of 1 ERROR freshness of raw.users [cannot read max(loaded_at) of raw.users: Binder Error: Referenced column \"loaded_at\" not found", output);
    }

    [Theory]
    [InlineData("--threads must be a whole number from 1 to 2147483647, not '0'", "build --threads 0")]
    [InlineData("--threads must be a whole number from 1 to 2147483647, not 'many'", "run --threads many")]
    [InlineData("--log-format must be one of text, json, not 'xml'", "test --log-format xml")]
    [InlineData("unknown selector method 'colour:'", "test --select colour:red")]
    [InlineData("--as-of must be an ISO timestamp from 0001-01-02 to 9999-12-30 (e.g. 2024-03-15T00:00:00Z), not 'soon'", "source freshness --as-of soon")]
    public void Bad_option_values_are_usage_errors(string expected, string commandLine)
    {
        var result = Cli([.. commandLine.Split(' '), "--db", Db]);

        CliTests.AssertOneLineError(result, expected);
        Assert.False(File.Exists(Db));
    }

    [Fact]
    public void A_build_on_a_database_without_its_sources_is_refused_before_anything_is_written()
    {
        using (var other = DuckDbWarehouse.Open(Db))
            other.Execute("create schema sales; create table sales.orders as select 1 as id");
        var before = File.ReadAllBytes(Db);

        foreach (var verb in new[] { "build", "run", "test" })
        {
            var result = Cli(verb, "--db", Db, "--target-dir", Target);
            CliTests.AssertOneLineError(result, $"source raw.users does not exist in '{Db}': load it first");
            Assert.Equal("", result.Out);
        }

        Assert.Equal(before, File.ReadAllBytes(Db));
        Assert.False(Directory.Exists(Target), "no artifacts either");
        var missing = _folder.File("missing.duckdb");
        CliTests.AssertOneLineError(Cli("build", "--db", missing), $"source raw.users does not exist in '{missing}': load it first");
        Assert.False(File.Exists(missing));
    }

    [Fact]
    public void Show_test_and_source_freshness_open_the_database_read_only()
    {
        RawUsers();
        Assert.Equal(0, Build().Code);
        File.SetUnixFileMode(Db, UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        var before = File.ReadAllBytes(Db);
        // Root writes through permission bits, so the proof is DuckDB's lock: while another process holds the file
        // read-only, only read-only openers get in.
        using var holder = Process.Start(new ProcessStartInfo("dotnet", ["exec", typeof(ChildProcess).Assembly.Location, "hold-read-only", Db])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
        })!;
        try
        {
            Assert.Equal("ready", holder.StandardOutput.ReadLine());

            Assert.Equal(0, Cli("show", "dim_users", "--db", Db).Code);
            Assert.Equal(0, Cli("test", "--db", Db, "--target-dir", Target).Code);
            Assert.Equal(0, Cli("source", "freshness", "--db", Db, "--as-of", "2024-03-15T23:00:00Z").Code);
            // Stored failures are written, so that run needs the file for itself.
            CliTests.AssertOneLineError(Cli("test", "--store-failures", "--db", Db, "--target-dir", Target), "is in use by another process");
        }
        finally
        {
            holder.StandardInput.Close();
            holder.WaitForExit();
        }
        Assert.Equal(before, File.ReadAllBytes(Db));
        Assert.False(File.Exists(Db + ".wal"));
    }

    [Fact]
    public void A_read_only_location_is_bad_input()
    {
        // /proc takes no new files even from root (CI runs as root, which writes through permission bits).
        var database = "/proc/eventstream-cli-test.duckdb";

        // A selection that reads no source, which would be refused first.
        CliTests.AssertOneLineError(Cli("build", "--db", database, "--target-dir", Target, "-s", "dim_users"), $"cannot open database '{database}'");
        Assert.False(File.Exists(database));
    }
}
