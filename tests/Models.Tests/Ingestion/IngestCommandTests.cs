using System.CommandLine;
using DuckDB.NET.Data;
using EventStream.Cli;
using ModelDsl.Cli;
using ModelDsl.Engines;

namespace EventStream.Models.Tests.Ingestion;

public class IngestCommandTests
{
    sealed record Outcome(int ExitCode, string Output, string Error);

    // Through the CLI host, as a user runs it: parse errors and BadInputException become one line and exit 2.
    static Outcome Invoke(Func<ProjectOptions, Command> create, params string[] args)
    {
        var project = new ProjectOptions { Engine = DuckDbEngine.Instance, DefaultDatabase = EventStreamProject.DefaultDatabase };
        var command = create(project);
        project.Commands.Add(command);
        var (output, error) = (new StringWriter(), new StringWriter());
        var exitCode = ModelCli.Run([command.Name, .. args], EventStreamProject.Catalog, project, output, error);
        return new Outcome(exitCode, output.ToString(), error.ToString());
    }

    static void AssertBadInput(Outcome outcome, string mentions)
    {
        Assert.Equal(ExitCodes.BadInput, outcome.ExitCode);
        Assert.Contains(mentions, outcome.Error);
        Assert.Single(outcome.Error.TrimEnd().Split('\n'));
        Assert.Equal("", outcome.Output);
    }

    [Theory]
    [InlineData("--days", "0", "--days")]
    [InlineData("--scale", "0", "--scale")]
    [InlineData("--scale", "-2", "--scale")]
    [InlineData("--start-date", "2100-13-45", "--start-date")]
    [InlineData("--start-date", "tomorrow", "--start-date")]
    [InlineData("--days", "abc", "--days must be a whole number from 1 to 2147483647, not 'abc'")]
    [InlineData("--seed", "-1", "--seed must be a whole number from 0 to 2147483647, not '-1'")]
    [InlineData("--scale", "x", "--scale must be a number greater than 0 and at most 100000, not 'x'")]
    [InlineData("--scale", "100001", "--scale must be a number greater than 0 and at most 100000, not '100001'")]
    [InlineData("--scale", "1e308", "--scale must be a number greater than 0 and at most 100000, not '1e308'")]
    public void Bad_options_exit_2_and_create_nothing(string option, string value, string mentions)
    {
        using var db = new TempDatabase();
        AssertBadInput(Invoke(IngestCommand.Ingest, "--db", db.Path, option, value), mentions);
        Assert.False(File.Exists(db.Path));
    }

    [Fact]
    public void A_file_that_is_not_DuckDB_is_refused_and_left_unchanged()
    {
        using var db = new TempDatabase();
        File.WriteAllText(db.Path, "just some text that happens to be long enough");
        var before = File.ReadAllBytes(db.Path);

        AssertBadInput(Invoke(IngestCommand.Ingest, "--db", db.Path), "not a DuckDB database");
        AssertBadInput(Invoke(IngestCommand.Ingest, "--db", db.Path, "--full-refresh"), "not a DuckDB database");
        Assert.Equal(before, File.ReadAllBytes(db.Path));
    }

    [Fact]
    public void Raw_tables_of_another_shape_are_refused_and_the_file_left_unchanged()
    {
        using var db = new TempDatabase();
        using (var connection = new DuckDBConnection($"Data Source={db.Path}"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = """CREATE SCHEMA raw; CREATE TABLE raw."user" (user_id INTEGER, name VARCHAR)""";
            command.ExecuteNonQuery();
        }
        var before = File.ReadAllBytes(db.Path);

        AssertBadInput(Invoke(IngestCommand.Ingest, "--db", db.Path), "\"raw\".\"user\" exists with another shape");
        AssertBadInput(Invoke(p => IngestCommand.Daily(p, (_, _, _, _) => 0), "--db", db.Path), "another shape");
        Assert.Equal(before, File.ReadAllBytes(db.Path));
    }

    [Fact]
    public void Ingest_reports_each_day_and_the_totals()
    {
        using var db = new TempDatabase();
        var outcome = Invoke(IngestCommand.Ingest, "--db", db.Path, "--days", "3", "--seed", "3");

        Assert.Equal(0, outcome.ExitCode);
        Assert.Equal("", outcome.Error);
        Assert.StartsWith("day 2100-01-01: user +200 | post +200 | event +", outcome.Output);
        Assert.Matches(@"day 2100-01-03: user \+\d+ ~\d+ -\d+ \| post \+\d+ ~\d+ -\d+ \| event \+\d+", outcome.Output);
        Assert.Contains("total 3 days: user +", outcome.Output);
    }

    [Fact]
    public void Start_date_and_full_refresh()
    {
        using var db = new TempDatabase();
        Assert.Equal(0, Invoke(IngestCommand.Ingest, "--db", db.Path, "--days", "2").ExitCode);
        var refreshed = Invoke(IngestCommand.Ingest, "--db", db.Path, "--full-refresh", "--start-date", "2030-06-15");

        Assert.Equal(0, refreshed.ExitCode);
        Assert.Equal("2030-06-15 2030-06-15", db.Scalar<string>(
            "SELECT strftime(min(ingest_date), '%Y-%m-%d') || ' ' || strftime(max(ingest_date), '%Y-%m-%d') FROM raw.ingestion_audit"));
    }

    [Fact]
    public void Start_date_on_a_database_that_has_days_is_refused_unless_it_is_the_first_day()
    {
        using var db = new TempDatabase();
        Assert.Equal(0, Invoke(IngestCommand.Ingest, "--db", db.Path, "--days", "2").ExitCode);
        var before = File.ReadAllBytes(db.Path);

        AssertBadInput(Invoke(IngestCommand.Ingest, "--db", db.Path, "--start-date", "2030-06-15"),
            $"--start-date 2030-06-15 only applies to an empty database: '{db.Path}' has the days 2100-01-01 to 2100-01-02 (add --full-refresh to start again)");
        Assert.Equal(before, File.ReadAllBytes(db.Path));

        Assert.Equal(0, Invoke(IngestCommand.Ingest, "--db", db.Path, "--start-date", "2100-01-01").ExitCode);
        Assert.Equal("2100-01-03", db.Scalar<string>("SELECT strftime(max(ingest_date), '%Y-%m-%d') FROM raw.ingestion_audit"));
    }

    [Fact]
    public void Full_refresh_keeps_snapshot_history_unless_told_to_wipe_it_and_says_what_it_deletes()
    {
        using var db = new TempDatabase();
        Assert.Equal(0, Invoke(IngestCommand.Ingest, "--db", db.Path).ExitCode);
        var target = System.IO.Path.Combine(System.IO.Path.GetDirectoryName(db.Path)!, "target");
        Assert.Equal(0, EventStreamProject.Run(["run", "--db", db.Path, "-s", "raw__user_snapshots", "--target-dir", target], new StringWriter(), new StringWriter()));
        var before = File.ReadAllBytes(db.Path);

        AssertBadInput(Invoke(IngestCommand.Ingest, "--db", db.Path, "--full-refresh"),
            "--full-refresh would delete the history of snapshot(s) snapshots.raw__user_snapshots, which cannot be rebuilt: add --wipe-snapshot-history");
        Assert.Equal(before, File.ReadAllBytes(db.Path));
        AssertBadInput(Invoke(IngestCommand.Ingest, "--db", db.Path, "--wipe-snapshot-history"), "--wipe-snapshot-history only applies with --full-refresh");
        Assert.Equal(before, File.ReadAllBytes(db.Path));

        var wiped = Invoke(IngestCommand.Ingest, "--db", db.Path, "--full-refresh", "--wipe-snapshot-history");
        Assert.Equal(0, wiped.ExitCode);
        Assert.StartsWith($"--full-refresh: deleting '{db.Path}' and its ", wiped.Output);
        Assert.Contains("raw.ingestion_audit, raw.post, raw.user, snapshots.raw__user_snapshots\n", wiped.Output.ReplaceLineEndings("\n"));
        Assert.Equal(0L, db.Scalar<long>("SELECT count(*) FROM information_schema.tables WHERE table_schema = 'snapshots'"));
    }

    [Fact]
    public void Daily_ingests_then_builds_as_of_each_days_end()
    {
        using var db = new TempDatabase();
        var builds = new List<(string Path, DateTime RunTime, long AuditRows)>();
        var outcome = Invoke(p => IngestCommand.Daily(p, (location, runTime, _, _) =>
        {
            builds.Add((location.Database, runTime, db.Scalar<long>("SELECT count(*) FROM raw.ingestion_audit")));
            return 0;
        }), "--db", db.Path, "--days", "2");

        Assert.Equal(0, outcome.ExitCode);
        Assert.Equal(
            [(db.Path, new DateTime(2100, 1, 1, 23, 59, 59).AddTicks(9_999_990), 3L), (db.Path, new DateTime(2100, 1, 2, 23, 59, 59).AddTicks(9_999_990), 6L)],
            builds);
    }

    [Fact]
    public void Daily_stops_at_the_first_failing_build_and_bad_days_build_nothing()
    {
        using var db = new TempDatabase();
        var calls = 0;
        Assert.Equal(3, Invoke(p => IngestCommand.Daily(p, (_, _, _, _) => { calls++; return 3; }), "--db", db.Path, "--days", "4").ExitCode);
        Assert.Equal(1, calls);

        AssertBadInput(Invoke(p => IngestCommand.Daily(p, (_, _, _, _) => { calls++; return 0; }), "--db", db.Path, "--days", "0"), "--days");
        Assert.Equal(1, calls);
    }

    [Fact]
    public void Daily_gives_each_build_the_engine_settings_of_its_options()
    {
        using var db = new TempDatabase();
        var spill = System.IO.Path.Combine(System.IO.Path.GetDirectoryName(db.Path)!, "spill");
        var settings = new List<EngineSettings>();
        Command Daily(ProjectOptions project) => IngestCommand.Daily(project, (_, _, engine, _) => { settings.Add(engine); return 0; });

        Assert.Equal(0, Invoke(Daily, "--db", db.Path, "--days", "2", "--memory-limit", "512MB", "--engine-threads", "1", "--temp-directory", spill).ExitCode);
        Assert.Equal(0, Invoke(Daily, "--db", db.Path).ExitCode);

        Assert.Equal([new EngineSettings("512MB", 1, spill), new EngineSettings("512MB", 1, spill), EngineSettings.None], settings);
    }
}
