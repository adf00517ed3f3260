using ModelDsl.Catalog;
using ModelDsl.Cli;
using ModelDsl.Runtime;
using ModelDsl.Runtime.Reporting;
using static ModelDslTests.TestNodes;

// Not under namespace ModelDsl: its [Fact] (a fact-table attribute) would hide xunit's.
namespace ModelDslTests;

/// <summary>Unexpected errors, reporting from worker threads and DDL on several connections, on real DuckDB files.</summary>
public sealed class BuildRobustnessTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private static (int Code, string Out, string Err) Cli(ModelCatalog catalog, params string[] args) =>
        Cli(catalog, TestProject.Options(), args);

    private static (int Code, string Out, string Err) Cli(ModelCatalog catalog, ProjectOptions project, params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = ModelCli.Run(args, catalog, project, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    private static Column Key(params ColumnTest[] tests) => new("id", "INTEGER", false, tests, null);

    private static readonly ColumnTest Unique = new("unique", [], Severity.Warn);

    // A seed whose path .NET refuses (a NUL character): loading it throws ArgumentException, not a DuckDB error.
    private static readonly Node BadSeed = new("bad_seed", "raw", NodeKind.Seed, Layer.Seed, Materialization.Seed, "", [], [],
        new NodeConfig([], Seed: new SeedConfig("bad\0name.csv")), null, "Seeds.BadSeed", "Seeds/BadSeed.cs", 4);

    [Fact]
    public void An_unexpected_exception_fails_its_node_and_the_other_branches_build()
    {
        var catalog = Catalog(BadSeed, Model("after_seed", "select * from raw.bad_seed", dependsOn: "bad_seed"), Model("independent", "select 1 as x"));

        var (code, output, err) = Cli(catalog, "build", "--db", _folder.File("w.duckdb"), "--threads", "2", "--as-of", "2024-01-01T00:00:00Z");

        Assert.Equal(ExitCodes.NodeFailed, code);
        Assert.Equal("", err);
        Assert.Contains("ERROR raw.bad_seed (Seeds/BadSeed.cs:4) failed: ArgumentException: ", output);
        Assert.Contains("OK created table staging.independent", output);
        Assert.Contains("SKIP staging.after_seed (skipped: upstream raw.bad_seed failed)", output);
    }

    [Fact]
    public void An_unexpected_exception_outside_a_node_is_one_line_and_exit_1()
    {
        var crash = new System.CommandLine.Command("crash", "Fails with a bug");
        crash.SetAction(int (_) => throw new InvalidOperationException("something broke\nsecond line"));

        var (code, _, err) = Cli(Catalog(), TestProject.Options() with { Commands = [crash] }, "crash");

        Assert.Equal(ExitCodes.NodeFailed, code);
        Assert.Equal("error: InvalidOperationException: something broke", err.TrimEnd());
    }

    [Fact]
    public void The_test_verb_refuses_a_missing_database_and_creates_no_file()
    {
        var typo = _folder.File("typo.duckdb");

        var result = Cli(Catalog(Source("users", tests: Unique)), "test", "--db", typo);

        CliTests.AssertOneLineError(result, $"database '{typo}' does not exist (run build first)");
        Assert.False(File.Exists(typo));
    }

    /// <summary>Sleeps inside every call, so calls from two threads at once would overlap and be counted.</summary>
    private sealed class OverlapCountingReporter : IBuildReporter
    {
        private int _inside;

        public int Overlaps { get; private set; }

        public int Warnings { get; private set; }

        private void Call()
        {
            if (Interlocked.Increment(ref _inside) > 1)
                Overlaps++;
            Thread.Sleep(5);
            Interlocked.Decrement(ref _inside);
        }

        public void Started(int index, int total, Node node) => Call();

        public void Finished(int index, int total, NodeResult result) => Call();

        public void Completed(BuildResult result) => Call();

        public void Warning(string message)
        {
            Call();
            Warnings++;
        }
    }

    [Fact]
    public void Reporter_calls_never_overlap_when_snapshots_warn_from_worker_threads()
    {
        var config = new Scd2Config("id", "updated_at", Scd2Strategy.Timestamp, [], HardDeletes.Ignore, "9999-12-31 00:00:00");
        var snapshots = Enumerable.Range(1, 8)
            .Select(i => Snapshot($"snap_{i}", $"select {i} as id, TIMESTAMP '2024-01-01' as updated_at", config))
            .Concat(Enumerable.Range(1, 8).Select(i => Model($"model_{i}", $"select {i} as x")))
            .ToArray();
        using var warehouse = DuckDbWarehouse.Open(_folder.File("w.duckdb"));
        var reporter = new OverlapCountingReporter();

        var result = ProjectBuilder.Build(warehouse, Catalog(snapshots),
            new BuildOptions(new DateTime(2024, 1, 2), Threads: 4, Refresh: new RefreshOptions(WipeSnapshotHistory: true)), reporter);

        Assert.True(result.Succeeded);
        Assert.Equal(8, reporter.Warnings);
        Assert.Equal(0, reporter.Overlaps);
    }

    /// <summary>
    /// An incremental model, two snapshots and stored test failures on a fresh database: everything their nodes
    /// create (run state, audit schema) is created once before the workers start.
    /// </summary>
    private static ModelCatalog Warehouse4() => Catalog(
        // No tests on the sources, so the incremental model and both snapshots start at once.
        EventSource("events", "created_at"),
        Source("users"),
        Incremental("daily",
            """
            select cast(created_at as date) as day, count(*) as events
            from (select * from "raw"."events" where "created_at" >= getvariable('partition_start') and "created_at" < getvariable('partition_end'))
            group by all
            """,
            new IncrementalConfig(Grain.Day, "day", null, 1, OnSchemaChange.Fail, ["events"]), "events"),
        Snapshot("users_a", "select id, name, updated_at from raw.users", new Scd2Config("id", "updated_at", Scd2Strategy.Timestamp, [], HardDeletes.Invalidate, "9999-12-31 00:00:00"), "users"),
        Snapshot("users_b", "select id, name from raw.users", new Scd2Config("id", null, Scd2Strategy.Check, ["name"], HardDeletes.NewRecord, "9999-12-31 00:00:00"), "users"),
        Model("users_table", "select id, name from raw.users", dependsOn: "users") with { Columns = [Key(Unique), new("name", "VARCHAR", true, [new("not_null", [], Severity.Warn)], null)] },
        Model("events_table", "select id from raw.events", dependsOn: "events") with { Columns = [Key(Unique)] });

    private string NewDatabase(string name)
    {
        var path = _folder.File(name);
        using var warehouse = DuckDbWarehouse.Open(path);
        warehouse.Execute(
            """
            create schema raw;
            create table raw.events as select range::integer % 40 as id, TIMESTAMP '2024-01-01' + range * INTERVAL 5 HOUR as created_at from range(60);
            create table raw.users as select range::integer as id, case when range % 3 = 0 then null else 'u' || range end as name,
                   TIMESTAMP '2024-01-01' + range * INTERVAL 1 HOUR as updated_at from range(8);
            """);
        return path;
    }

    private static string[] Contents(string path, params string[] relations)
    {
        using var warehouse = DuckDbWarehouse.Open(path);
        return relations
            .SelectMany(relation => warehouse.Rows($"select cast(t as varchar) from {relation} t order by 1").Select(r => $"{relation}: {r[0]}"))
            .ToArray();
    }

    [Fact]
    public void Four_threads_on_a_fresh_database_build_what_one_thread_builds()
    {
        var results = new Dictionary<string, string[]>();
        foreach (var threads in new[] { "1", "4" })
        {
            var path = NewDatabase($"threads{threads}.duckdb");
            var (code, output, err) = Cli(Warehouse4(), "build", "--db", path, "--threads", threads, "--store-failures", "--as-of", "2024-01-03T12:00:00Z");

            Assert.True(code == 0, output + err);
            results[threads] = Contents(path,
                "analytics.daily", "snapshots.users_a", "snapshots.users_b", "staging.users_table",
                "staging.events_table", "audit.unique_events_table_id", "audit.unique_users_table_id", "audit.not_null_users_table_name",
                "(select model, day, row_count from _modeldsl.partitions)", "(select model, rows_added, rows_closed from _modeldsl.snapshot_runs)");
        }

        Assert.NotEmpty(results["1"]);
        Assert.Equal(results["1"], results["4"]);
    }

    [Fact]
    public void The_run_time_is_the_same_utc_instant_for_every_consumer()
    {
        var local = new DateTime(2024, 1, 1, 0, 30, 0, DateTimeKind.Local);
        using var warehouse = DuckDbWarehouse.Open(DuckDbWarehouse.InMemory);

        var options = new BuildOptions(local);
        var context = ModelDsl.Materializations.BuildContext.For(warehouse, Catalog(), options with { RunTime = local }, _ => { });
        warehouse.SetRunTime(local);

        Assert.Equal(local.ToUniversalTime(), options.RunTime);
        Assert.Equal(DateTimeKind.Utc, options.RunTime.Kind);
        Assert.Equal(local.ToUniversalTime(), context.RunTime);
        Assert.Equal(DateOnly.FromDateTime(local.ToUniversalTime()), context.RunDay);
        Assert.Equal(DateTime.SpecifyKind(local.ToUniversalTime(), DateTimeKind.Unspecified),
            warehouse.Scalar<DateTime>("select getvariable('run_time')"));
    }
}
