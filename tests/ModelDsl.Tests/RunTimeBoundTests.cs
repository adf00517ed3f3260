using System.Security.Cryptography;
using ModelDsl.Catalog;
using ModelDsl.Cli;
using ModelDsl.Runtime;
using static ModelDslTests.TestNodes;

// Not under namespace ModelDsl: its [Fact] (a fact-table attribute) would hide xunit's.
namespace ModelDslTests;

/// <summary>
/// The run time is bounded: one far after the data's last day is refused before anything is written, the calendar's
/// edges are usage errors, a run time before the data builds nothing, and a build over many days says how far it is.
/// </summary>
public sealed class RunTimeBoundTests : IDisposable
{
    private readonly TempFolder _folder = new();

    private const string Events = """(select * from "raw"."events" where "created_at" >= getvariable('partition_start') and "created_at" < getvariable('partition_end'))""";

    // Look-back days, so that a build reaches back from its first day.
    private static readonly ModelCatalog Catalog = TestNodes.Catalog(
        EventSource("events", "created_at"),
        Incremental("daily_counts", $"select cast(created_at as date) as event_date, count(*) as events from {Events} group by 1",
            new IncrementalConfig(Grain.Day, "event_date", null, 3, OnSchemaChange.Fail, ["events"]), "events"));

    public void Dispose() => _folder.Dispose();

    private string Db => _folder.File("test.duckdb");

    private (int Code, string Out, string Err) Cli(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = ModelCli.Run(["build", "--db", Db, "--target-dir", _folder.File("target"), "--threads", "1", .. args], Catalog, TestProject.Options(), stdout, stderr);
        return (code, stdout.ToString().ReplaceLineEndings("\n"), stderr.ToString());
    }

    // Events on 2024-03-01 to 2024-03-03.
    private void RawEvents()
    {
        using var warehouse = DuckDbWarehouse.Open(Db);
        warehouse.Execute("create schema raw; create table raw.events as select TIMESTAMP '2024-03-01 10:00:00' + to_days(range::integer) as created_at from range(3)");
    }

    private string Hash() => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(Db)));

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_run_time_far_past_the_data_is_refused_before_anything_is_written(bool builtBefore)
    {
        RawEvents();
        if (builtBefore)
            Assert.Equal(0, Cli("--as-of", "2024-03-03T23:00:00Z").Code);
        var before = Hash();

        var result = Cli("--as-of", "9999-12-30");

        CliTests.AssertOneLineError(result, "the run time 9999-12-30 00:00:00 is 2 913 110 days after the data's last day " +
                                            "(the data covers 2024-03-01 to 2024-03-03); at most 366 days are allowed (--max-days-past-data)");
        Assert.Equal(before, Hash());
    }

    [Fact]
    public void The_limit_is_an_option_and_counts_from_the_last_day_of_data()
    {
        RawEvents();
        var before = Hash();

        CliTests.AssertOneLineError(Cli("--as-of", "2024-03-09", "--max-days-past-data", "5"), "is 6 days after the data's last day");
        Assert.Equal(before, Hash());
        Assert.Equal(0, Cli("--as-of", "2024-03-08", "--max-days-past-data", "5").Code);
        Assert.Equal(0, Cli("--as-of", "2025-03-04").Code); // 366 days: the default
    }

    [Theory]
    [InlineData("--as-of must be an ISO timestamp from 0001-01-02 to 9999-12-30 (e.g. 2024-03-15T00:00:00Z), not '9999-12-31T23:59:59Z'", "--as-of", "9999-12-31T23:59:59Z")]
    [InlineData("--as-of must be an ISO timestamp from 0001-01-02 to 9999-12-30 (e.g. 2024-03-15T00:00:00Z), not '0001-01-01'", "--as-of", "0001-01-01")]
    [InlineData("--from must be a date like 2024-03-15, from 0001-01-02 to 9999-12-30, not '0001-01-01'", "--from", "0001-01-01")]
    [InlineData("--to must be a date like 2024-03-15, from 0001-01-02 to 9999-12-30, not '9999-12-31'", "--to", "9999-12-31")]
    public void The_calendar_edges_are_usage_errors(string expected, string option, string value)
    {
        RawEvents();
        Assert.Equal(0, Cli("--as-of", "2024-03-03T23:00:00Z").Code);
        var before = Hash();

        var result = Cli(option, value);

        CliTests.AssertOneLineError(result, expected);
        Assert.Equal(before, Hash());
    }

    [Fact]
    public void A_run_time_before_the_data_builds_no_day_and_does_not_throw()
    {
        RawEvents();
        Assert.Equal(0, Cli("--as-of", "2024-03-03T23:00:00Z").Code);

        // Its look-back days would start before the calendar's first day.
        var (code, output, _) = Cli("--as-of", "0001-01-02");

        Assert.Equal(0, code);
        Assert.Contains("OK processed 0 day(s) analytics.daily_counts", output);
    }

    [Fact]
    public void A_build_over_many_days_reports_its_progress_every_week_of_days()
    {
        RawEvents();
        Assert.Equal(0, Cli("--as-of", "2024-03-03T23:00:00Z").Code);

        var (code, output, _) = Cli("--as-of", "2024-03-20");

        Assert.Equal(0, code);
        // Days from 2024-03-03 (the run's day again) to 2024-03-20, and the 3 look-back days before 03-04.
        Assert.Equal(["analytics.daily_counts: 7 of 20 days processed", "analytics.daily_counts: 14 of 20 days processed",
                      "analytics.daily_counts: 20 of 20 days processed"],
            output.Split('\n').Where(line => line.Contains("days processed")).Select(line => line.Trim()));
    }
}
