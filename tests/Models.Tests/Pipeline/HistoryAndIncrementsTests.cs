using EventStream.Ingestion;
using ModelDsl.Runtime;

namespace EventStream.Models.Tests.Pipeline;

/// <summary>
/// The warehouse after a few daily builds: incremental facts hold every event once and equal a full refresh,
/// the snapshots are well-formed histories, and the countries seed gives regions with an <c>Unknown</c> fallback.
/// </summary>
public sealed class HistoryAndIncrementsTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("warehouse-test-").FullName;

    private string Db => Path.Combine(_folder, "test.duckdb");

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private int Cli(params string[] args) => EventStreamProject.Run(args, new StringWriter(), new StringWriter());

    [Fact]
    public void Daily_builds_keep_facts_complete_and_snapshots_well_formed()
    {
        Assert.Equal(0, Cli("daily", "--db", Db, "--days", "4", "--scale", "0.5"));
        using (var warehouse = DuckDbWarehouse.Open(Db))
        {
            Assert.Equal(Scalar(warehouse, "select count(*) from raw.event"), Scalar(warehouse, "select count(distinct event_id) from analytics.fct_events"));
            Assert.Equal(Scalar(warehouse, "select count(*) from raw.event"), Scalar(warehouse, "select count(*) from analytics.fct_events"));
            Assert.Equal(Scalar(warehouse, "select count(*) from raw.event"), Scalar(warehouse, "select count(*) from staging.stg_events"));
            Assert.Equal(4, Scalar(warehouse, "select count(*) from _modeldsl.partitions where model = 'staging.stg_events'"));

            foreach (var (table, key) in new[]
                     {
                         ("snapshots.raw__user_snapshots", "user_id"), ("snapshots.raw__post_snapshots", "post_id"),
                         ("analytics.dim_users_snapshots", "user_id"), ("analytics.dim_posts_snapshots", "post_id"),
                     })
            {
                Assert.True(Scalar(warehouse, $"select count(*) from {table} where valid_to <> TIMESTAMP '9999-12-31'") > 0, $"{table} has no history");
                Assert.Equal(0, Scalar(warehouse, $"select count(*) from (select {key} from {table} group by 1 having count(*) filter (valid_to = TIMESTAMP '9999-12-31') <> 1)"));
                Assert.Equal(0, Scalar(warehouse,
                    $"select count(*) from {table} a join {table} b on a.{key} = b.{key} and a.scd_id <> b.scd_id and a.valid_from < b.valid_to and b.valid_from < a.valid_to"));
            }
            // Soft-deleted users leave dim_users, so their snapshot gets a deletion version.
            Assert.True(Scalar(warehouse, "select count(*) from analytics.dim_users_snapshots where is_deleted") > 0);

            Assert.Equal(Countries.Known.Count, Scalar(warehouse, "select count(*) from raw.countries"));
            Assert.Equal(0, Scalar(warehouse, "select count(*) from analytics.dim_posts where creator_region is null"));
            Assert.Equal(0, Scalar(warehouse,
                "select count(*) from analytics.dim_posts where (creator_region = 'Unknown') <> (creator_country_code in ('XX', 'ZZ', 'QQ'))"));
        }

        var incremental = Fingerprint("analytics.fct_events") + Fingerprint("staging.stg_events");
        Assert.Equal(0, Cli("build", "--db", Db, "--full-refresh"));
        Assert.Equal(incremental, Fingerprint("analytics.fct_events") + Fingerprint("staging.stg_events"));
    }

    [Fact]
    public void The_countries_seed_loads_every_country_the_generator_emits()
    {
        using var warehouse = DuckDbWarehouse.Open(DuckDbWarehouse.InMemory);
        var result = ProjectBuilder.Build(warehouse, EventStreamProject.Catalog,
            new BuildOptions(DateTime.UtcNow, new HashSet<string> { "countries" }), new StringWriter());

        Assert.True(result.Succeeded);
        var rows = warehouse.Rows("select country_code || ',' || name || ',' || region || ',' || subregion from raw.countries order by country_code")
            .Select(r => (string)r[0]!);
        Assert.Equal(Countries.Known.Select(c => $"{c.Code},{c.Name},{c.Region},{c.Subregion}").Order(StringComparer.Ordinal), rows);
    }

    private static long Scalar(Warehouse warehouse, string sql) => warehouse.Scalar<long>(sql);

    private string Fingerprint(string relation)
    {
        using var warehouse = DuckDbWarehouse.Open(Db);
        return warehouse.Scalar<string>($"select count(*) || md5(string_agg(cast(t as varchar), '|' order by cast(t as varchar))) from {relation} t")!;
    }
}
