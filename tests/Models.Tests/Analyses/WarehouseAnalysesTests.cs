using EventStream.Models.Tests.Ingestion;
using EventStream.Models.Tests.Pipeline;
using ModelDsl.Runtime;

namespace EventStream.Models.Tests.Analyses;

/// <summary>The warehouse's analyses on the hand-written fixture (values counted by hand) and after a few daily builds
/// (checked against a count done in C# over the rows read back).</summary>
public sealed class WarehouseAnalysesTests : IDisposable
{
    private readonly TempDatabase _database = new();

    private string Db => _database.Path;

    private string Target => Path.Combine(Path.GetDirectoryName(Db)!, "target");

    public void Dispose() => _database.Dispose();

    private static readonly DateTime FixtureRunTime = new(2100, 1, 2, 23, 59, 59, DateTimeKind.Utc);

    private static Warehouse BuildFixture()
    {
        var warehouse = RawFixture.Create();
        var result = ProjectBuilder.Build(warehouse, EventStreamProject.Catalog, new BuildOptions(FixtureRunTime), new StringWriter());
        Assert.True(result.Succeeded);
        return warehouse;
    }

    private static List<string> Run(Warehouse warehouse, string analysis) =>
        warehouse.RowsAsText(EventStreamProject.Catalog.For(warehouse.Dialect).Find(analysis)!.Sql).Rows.Select(r => string.Join("|", r.Select(v => v ?? "null"))).ToList();

    [Fact]
    public void Mau_on_the_fixture_takes_the_first_version_for_earlier_events_and_unknown_without_one()
    {
        using var warehouse = BuildFixture();

        // u2's events (Jan 1) precede its only snapshot version (valid from its update on Jan 2) and still count in
        // Europe; u3 was deleted before the snapshot ran, so it has no version: Unknown.
        Assert.Equal(["2100-01-01|Europe|2", "2100-01-01|Unknown|1"], Run(warehouse, "mau_by_region_and_month"));
    }

    [Fact]
    public void Retention_on_the_fixture_counts_deleted_users_and_every_week_up_to_the_run()
    {
        using var warehouse = BuildFixture();
        warehouse.SetRunTime(new DateTime(2100, 1, 12, 0, 0, 0, DateTimeKind.Utc));

        // All three users signed up in the week of Monday 2099-12-28 and were active in it; nobody since.
        Assert.Equal(["2099-12-28|3|0|3|1", "2099-12-28|3|1|0|0", "2099-12-28|3|2|0|0"], Run(warehouse, "signup_cohort_retention"));
    }

    [Fact]
    public void Session_length_distribution_lists_every_bucket_and_counts_each_session_once()
    {
        using var warehouse = BuildFixture();
        var sessions = warehouse.Rows("select events, duration_seconds from analytics.fct_sessions")
            .Select(r => (Events: Convert.ToInt64(r[0]), Seconds: Convert.ToInt64(r[1]))).ToList();
        int Bucket((long Events, long Seconds) s) =>
            s.Events == 1 ? 0 : s.Seconds < 60 ? 1 : s.Seconds < 300 ? 2 : s.Seconds < 900 ? 3 : s.Seconds < 1800 ? 4 : s.Seconds < 3600 ? 5 : 6;

        var rows = Run(warehouse, "session_length_distribution").Select(r => r.Split('|')).ToList();

        Assert.Equal(["single event", "under 1 min", "1-5 min", "5-15 min", "15-30 min", "30-60 min", "1 h or more"], rows.Select(r => r[0]));
        Assert.Equal(Enumerable.Range(0, 7).Select(b => (long)sessions.Count(s => Bucket(s) == b)), rows.Select(r => long.Parse(r[1])));
        Assert.True(sessions.Select(Bucket).Distinct().Count() >= 2, "the fixture's sessions all fall in one bucket");
    }

    [Fact]
    public void Like_ratio_by_creator_region_and_month_sums_the_creator_days()
    {
        using var warehouse = BuildFixture();
        var expected = warehouse.Rows("select event_date, creator_region, creator_id, views, likes from analytics.agg_creator_metrics_daily")
            .Select(r => (Month: ((DateOnly)r[0]!).ToString("yyyy-MM-01"), Region: (string)r[1]!, Creator: (string)r[2]!,
                Views: Convert.ToInt64(r[3]), Likes: Convert.ToInt64(r[4])))
            .GroupBy(r => (r.Month, r.Region))
            .OrderBy(g => g.Key.Month, StringComparer.Ordinal).ThenBy(g => g.Key.Region, StringComparer.Ordinal)
            .Select(g => $"{g.Key.Month}|{g.Key.Region}|{g.Where(r => r.Views > 0).Select(r => r.Creator).Distinct().Count()}|" +
                         $"{g.Sum(r => r.Views)}|{g.Sum(r => r.Likes)}")
            .ToList();

        var rows = Run(warehouse, "like_ratio_by_creator_region_and_month").Select(r => string.Join("|", r.Split('|')[..5])).ToList();

        Assert.NotEmpty(expected);
        Assert.Equal(expected, rows);
    }

    [Fact]
    public void Mau_by_region_and_month_after_daily_builds_equals_a_count_in_csharp()
    {
        // Five days across a month end, each ingested then built, so the user snapshot holds real history.
        Cli("ingest", "--db", Db, "--days", "1", "--start-date", "2100-01-29", "--scale", "1");
        Cli("build", "--db", Db, "--target-dir", Target);
        for (var day = 2; day <= 5; day++)
        {
            Cli("ingest", "--db", Db, "--days", "1", "--scale", "1");
            Cli("build", "--db", Db, "--target-dir", Target);
        }

        var csv = Cli("analysis", "run", "mau_by_region_and_month", "--db", Db, "--output", "csv");

        var lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("month,region,mau", lines[0]);
        var expected = CountInCSharp(out var movedEvents);
        Assert.Equal(expected, lines.Skip(1).Select(l => l.Replace(',', '|')));
        // The data exercises what the analysis is about: two months, several regions, and events of viewers who changed
        // region afterwards (counted in their region then, not their current one).
        Assert.Equal(2, expected.Select(e => e[..10]).Distinct().Count());
        Assert.True(expected.Select(e => e.Split('|')[1]).Distinct().Count() >= 3);
        Assert.True(movedEvents > 0, "no event's region differs from its viewer's current region");
    }

    private string Cli(params string[] args)
    {
        var (output, error) = (new StringWriter(), new StringWriter());
        var code = EventStreamProject.Run(args, output, error);
        Assert.True(code == 0, $"{string.Join(' ', args)} exited {code}: {error}");
        return output.ToString();
    }

    // Month|region|distinct viewers, in the analysis' order, computed from the rows alone: each event's viewer version
    // is the one whose [valid_from, valid_to) holds the event, the first version reaching back without limit.
    private List<string> CountInCSharp(out int movedEvents)
    {
        using var warehouse = DuckDbWarehouse.Open(Db, readOnly: true);
        var regions = warehouse.Rows("select country_code, region from raw.countries").ToDictionary(r => (string)r[0]!, r => (string)r[1]!);
        var versions = warehouse.Rows("select user_id, country_code, valid_from, valid_to from analytics.dim_users_snapshots")
            .Select(r => (User: (string)r[0]!, Region: regions.GetValueOrDefault((string)r[1]!, "Unknown"), From: (DateTime)r[2]!, To: (DateTime)r[3]!))
            .GroupBy(v => v.User)
            .ToDictionary(g => g.Key, g => g.OrderBy(v => v.From).ToList());

        string RegionAt(string user, DateTime time)
        {
            var history = versions.GetValueOrDefault(user, []);
            for (var i = 0; i < history.Count; i++)
            {
                if ((i == 0 || time >= history[i].From) && time < history[i].To)
                    return history[i].Region;
            }
            return "Unknown";
        }

        var events = warehouse.Rows("select viewer_id, created_at from analytics.fct_events")
            .Select(r => (Viewer: (string)r[0]!, At: (DateTime)r[1]!))
            .ToList();
        movedEvents = events.Count(e => versions.TryGetValue(e.Viewer, out var history) && RegionAt(e.Viewer, e.At) != history[^1].Region);
        return events
            .GroupBy(e => (Month: $"{e.At:yyyy-MM}-01", Region: RegionAt(e.Viewer, e.At)))
            .Select(g => (g.Key.Month, g.Key.Region, Mau: g.Select(e => e.Viewer).Distinct().Count()))
            .OrderBy(g => g.Month, StringComparer.Ordinal).ThenBy(g => g.Region, StringComparer.Ordinal)
            .Select(g => $"{g.Month}|{g.Region}|{g.Mau}")
            .ToList();
    }
}
