using ModelDsl.Runtime;

namespace EventStream.Models.Tests.Pipeline;

/// <summary>The README's main job, <c>daily</c>, through the real CLI: ingest and build, day after day.</summary>
public sealed class DailyJobTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("daily-").FullName;

    private string Database => Path.Combine(_folder, "event_stream.duckdb");

    [Fact]
    public void Daily_ingests_each_day_and_builds_the_warehouse_as_of_its_end()
    {
        var (output, error) = (new StringWriter(), new StringWriter());

        var exitCode = EventStreamProject.Run(["daily", "--days", "2", "--db", Database, "--seed", "5"], output, error);

        Assert.Equal("", error.ToString());
        Assert.Equal(0, exitCode);
        Assert.Contains("day 2100-01-02: user +", output.ToString());
        Assert.Contains("OK created table analytics.dim_users", output.ToString());

        using var warehouse = DuckDbWarehouse.Open(Database, readOnly: true);
        Assert.Equal(
            warehouse.Scalar<long>("""select count(*) from raw."user" where deleted_at is null"""),
            warehouse.Scalar<long>("select count(*) from analytics.dim_users"));
        Assert.Equal(
            warehouse.Scalar<long>("select count(*) from raw.event"),
            warehouse.Scalar<long>("select count(*) from staging.stg_events"));
        Assert.Equal(2, warehouse.Scalar<long>("select count(distinct ingest_date) from raw.ingestion_audit"));
    }

    [Fact]
    public void Daily_builds_under_the_engine_settings_it_is_given()
    {
        var (output, error) = (new StringWriter(), new StringWriter());

        // 8 MB is less than the engine needs for the tests of one day's sources: the limit reached DuckDB.
        var exitCode = EventStreamProject.Run(["daily", "--db", Database, "--memory-limit", "8MB", "--engine-threads", "1",
            "--temp-directory", Path.Combine(_folder, "spill")], output, error);

        Assert.Equal(1, exitCode);
        Assert.Contains("failed: Out of Memory Error", output.ToString());
    }

    [Fact]
    public void The_projects_run_time_is_the_end_of_the_latest_ingested_day()
    {
        using (var empty = DuckDbWarehouse.Open(DuckDbWarehouse.InMemory))
            Assert.Null(EventStream.Ingestion.Ingestor.LatestDayEnd(empty));
        Assert.Equal(0, EventStreamProject.Run(["ingest", "--days", "3", "--db", Database], new StringWriter(), new StringWriter()));

        using var warehouse = DuckDbWarehouse.Open(Database, readOnly: true);
        Assert.Equal(new DateTime(2100, 1, 3, 23, 59, 59).AddTicks(9_999_990), EventStream.Ingestion.Ingestor.LatestDayEnd(warehouse));
    }

    [Fact]
    public void A_run_time_far_past_the_ingested_days_is_refused_naming_them_and_writes_nothing()
    {
        Assert.Equal(0, EventStreamProject.Run(["ingest", "--days", "2", "--db", Database], new StringWriter(), new StringWriter()));
        var before = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(Database)));
        var (output, error) = (new StringWriter(), new StringWriter());

        var exitCode = EventStreamProject.Run(["build", "--db", Database, "--as-of", "2101-01-04", "--target-dir", Path.Combine(_folder, "target")], output, error);

        Assert.Equal(2, exitCode);
        Assert.Equal("error: the run time 2101-01-04 00:00:00 is 367 days after the data's last day (the data covers 2100-01-01 to " +
                     "2100-01-02); at most 366 days are allowed (--max-days-past-data)", error.ToString().Trim());
        Assert.Equal(before, Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(Database))));
        Assert.False(Directory.Exists(Path.Combine(_folder, "target")));
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
