using EventStream.Ingestion;
using ModelDsl.Runtime;
using ModelDslTests;

namespace EventStream.Models.Tests.Ingestion;

/// <summary>The ingestion on a PostgreSQL database (binary COPY): its checks and its full refresh, as on DuckDB.</summary>
public sealed class PostgresIngestTests : IDisposable
{
    readonly string database = $"ingest_{Guid.NewGuid():N}";

    public PostgresIngestTests()
    {
        using var admin = PostgresTestServer.Engine.Open("postgres");
        admin.Execute($"CREATE DATABASE \"{database}\"");
    }

    IngestOptions Options(int days = 1) => new(database, days, Seed: 7) { Engine = PostgresTestServer.Engine };

    Warehouse Open() => PostgresTestServer.Engine.Open(database);

    [Fact]
    public void Raw_tables_of_another_shape_are_refused_and_nothing_is_written()
    {
        using (var warehouse = Open())
            warehouse.Execute("""CREATE SCHEMA raw; CREATE TABLE raw."user" (user_id text, name text)""");

        var error = Assert.Throws<BadInputException>(() => new Ingestor(new StringWriter()).Run(Options()));

        Assert.Equal("\"raw\".\"user\" exists with another shape: expected (user_id VARCHAR, first_name VARCHAR, last_name VARCHAR, "
                     + "created_at TIMESTAMP, updated_at TIMESTAMP, deleted_at TIMESTAMP, country_code VARCHAR, favorite_color VARCHAR), "
                     + "found (user_id text, name text)", error.Message);
        using var after = Open();
        Assert.Equal(["raw.user"], after.Relations());
    }

    [Fact]
    public void Days_are_copied_in_and_a_full_refresh_drops_the_tables_and_starts_again()
    {
        var log = new StringWriter();
        var reports = new Ingestor(log).Run(Options(days: 2));
        using (var warehouse = Open())
        {
            Assert.Equal(reports.Sum(r => r.Event.Inserted), warehouse.Scalar<long>("SELECT count(*) FROM raw.event"));
            Assert.Equal(6, warehouse.Scalar<long>("SELECT count(*) FROM raw.ingestion_audit"));
            // Each raw table is analyzed after its day (reltuples is -1 until a table has been).
            Assert.Equal(0, warehouse.Scalar<long>(
                "SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'raw' AND c.reltuples < 0"));
            Assert.Equal(4, warehouse.Scalar<long>("SELECT count(*) FROM pg_tables WHERE schemaname = 'raw'"));
            warehouse.Execute("CREATE SCHEMA staging; CREATE VIEW staging.v AS SELECT * FROM raw.event");
        }

        new Ingestor(log).Run(Options() with { FullRefresh = true });

        Assert.Contains($"--full-refresh: dropping the 5 table(s) of database '{database}': raw.event, raw.ingestion_audit, raw.post, raw.user, staging.v", log.ToString());
        using var refreshed = Open();
        Assert.Equal(3, refreshed.Scalar<long>("SELECT count(*) FROM raw.ingestion_audit"));
        Assert.Equal(RelationType.None, refreshed.FindRelation("staging", "v"));
    }

    public void Dispose()
    {
        using var admin = PostgresTestServer.Engine.Open("postgres");
        admin.Execute($"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)");
    }
}
