using System.Text.Json;
using EventStream.Models.Tests.Ingestion;

namespace EventStream.Models.Tests.DataTests;

/// <summary>The warehouse's data tests (docs/warehouse.md §4) on generated data: they pass, and catch broken raw data.</summary>
public sealed class WarehouseBuildTests : IDisposable
{
    private readonly TempDatabase _db = new();
    private readonly string _target = Directory.CreateTempSubdirectory("warehouse-target-").FullName;

    public void Dispose()
    {
        _db.Dispose();
        Directory.Delete(_target, recursive: true);
    }

    private (int Code, string Out) Run(params string[] args)
    {
        var output = new StringWriter();
        var code = EventStreamProject.Run([.. args, "--db", _db.Path], output, new StringWriter());
        return (code, output.ToString());
    }

    private Dictionary<string, string> Statuses(string? resourceType = null)
    {
        using var results = JsonDocument.Parse(File.ReadAllText(Path.Combine(_target, "run_results.json")));
        return results.RootElement.GetProperty("results").EnumerateArray()
            .Where(r => resourceType is null || r.GetProperty("resource_type").GetString() == resourceType)
            .ToDictionary(r => r.GetProperty("name").GetString()!, r => r.GetProperty("status").GetString()!);
    }

    [Fact]
    public void Every_data_test_passes_on_generated_data()
    {
        _db.Ingest(days: 3, scale: 0.3);

        var (code, output) = Run("build", "--target-dir", _target);

        Assert.True(code == 0, output);
        var statuses = Statuses();
        Assert.Contains("source_unique_raw_user_user_id", statuses.Keys);
        Assert.Contains("source_relationships_raw_event_post_id", statuses.Keys);
        Assert.Contains("source_accepted_values_raw_event_event_type", statuses.Keys);
        Assert.Contains("no_like_without_view", statuses.Keys);
        Assert.Contains("likes_at_most_views", statuses.Keys);
        Assert.Contains("row_count_dim_users", statuses.Keys);
        Assert.All(Statuses("test"), s => Assert.Equal("pass", s.Value));
        Assert.All(statuses.Except(Statuses("test")), s => Assert.Equal("success", s.Value));

        var freshness = Run("source", "freshness", "--target-dir", _target);
        Assert.Equal(0, freshness.Code);
        Assert.Contains("PASS freshness of raw.event", freshness.Out);
    }

    [Fact]
    public void An_event_of_an_unknown_user_fails_its_source_test_and_skips_what_is_downstream_of_raw_events()
    {
        _db.Ingest(days: 2, scale: 0.3);
        _db.Execute("insert into raw.event select 'orphan', 'nobody', post_id, created_at, 'view' from raw.post limit 1");

        var (code, output) = Run("build", "--target-dir", _target);

        Assert.Equal(1, code);
        var statuses = Statuses();
        Assert.Equal("fail", statuses["source_relationships_raw_event_user_id"]);
        Assert.Equal("skipped", statuses["stg_events"]);
        Assert.Equal("skipped", statuses["no_like_without_view"]);
        Assert.Equal("success", statuses["stg_users"]);
        Assert.Equal("success", statuses["raw__user_snapshots"]);
        Assert.Equal("skipped", statuses["dim_users"]); // its metrics come from the events
        Assert.Contains("skipped: test source_relationships_raw_event_user_id failed on raw.event", output);
        Assert.Contains("user_id=nobody", output);
    }

    [Fact]
    public void A_like_without_a_view_fails_the_singular_test()
    {
        _db.Ingest(days: 2, scale: 0.3);
        _db.Execute("""
            insert into raw.event
            select 'evil_like', u.user_id, p.post_id, p.created_at + interval 1 second, 'like'
            from (select user_id from raw."user" limit 1) u, (select post_id, created_at from raw.post limit 1) p
            """);

        var (code, output) = Run("build", "--target-dir", _target, "--select", "+stg_events");

        Assert.Equal(1, code);
        Assert.Equal("fail", Statuses()["no_like_without_view"]);
        Assert.Contains("evil_like", output);
    }

    [Fact]
    public void An_overlapping_snapshot_version_fails_the_history_test()
    {
        _db.Ingest(days: 2, scale: 0.3);
        Assert.Equal(0, Run("build", "--target-dir", _target).Code);
        _db.Execute("""
            insert into snapshots.raw__user_snapshots by name
            select * replace (md5(scd_id) as scd_id, valid_from + interval 1 second as valid_from)
            from snapshots.raw__user_snapshots
            limit 1
            """);

        var (code, output) = Run("test", "--target-dir", _target, "--select", "snapshot_histories_are_well_formed");

        Assert.Equal(1, code);
        Assert.Equal("fail", Statuses()["snapshot_histories_are_well_formed"]);
        Assert.Contains("overlaps the next version", output);
        Assert.Contains("current versions", output);
    }

    [Fact]
    public void A_session_whose_counts_disagree_fails_its_expression_test()
    {
        _db.Ingest(days: 2, scale: 0.3);
        Assert.Equal(0, Run("build", "--target-dir", _target).Code);
        _db.Execute("update analytics.fct_sessions set likes = likes + 1 where session_id = (select min(session_id) from analytics.fct_sessions)");

        var (code, _) = Run("test", "--target-dir", _target, "--select", "fct_sessions");

        Assert.Equal(1, code);
        Assert.Equal("fail", Statuses()["expression_is_true_fct_sessions"]);
    }

    [Fact]
    public void A_model_reading_a_window_rebuilds_alone_on_a_new_connection()
    {
        _db.Ingest(days: 2, scale: 0.3);
        Assert.Equal(0, Run("build", "--target-dir", _target).Code);
        const string Contents = "select count(*) || ' ' || md5(string_agg(cast(t as varchar), '|' order by activity_date)) from analytics.agg_activity_daily t";
        var before = _db.Scalar<string>(Contents);

        var (code, output) = Run("build", "--target-dir", _target, "--select", "agg_activity_daily", "--full-refresh");

        Assert.True(code == 0, output);
        Assert.Equal(before, _db.Scalar<string>(Contents));
        Assert.StartsWith("2 ", before);
    }
}
