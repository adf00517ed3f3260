using EventStream.Ingestion;

namespace EventStream.Models.Tests.Ingestion;

/// <summary>Five days at scale 2, generated once and checked against every rule of docs/warehouse.md §1.</summary>
public sealed class GeneratedDays : IDisposable
{
    public const double Scale = 2;
    public const int Days = 5;
    public TempDatabase Database { get; } = new();
    public IReadOnlyList<DayReport> Reports { get; }

    public GeneratedDays() => Reports = Database.Ingest(Days, seed: 11, scale: Scale);

    public void Dispose() => Database.Dispose();
}

public class GenerationRulesTests(GeneratedDays days) : IClassFixture<GeneratedDays>
{
    readonly TempDatabase db = days.Database;

    long Violations(string sql) => db.Scalar<long>($"SELECT count(*) FROM ({sql})");

    [Fact]
    public void No_event_is_later_than_the_end_of_its_day()
    {
        // The event id carries its day number; day n is 2100-01-01 + n - 1.
        Assert.Equal(0, Violations("""
            SELECT * FROM raw.event
            WHERE created_at >= DATE '2100-01-01' + CAST(substr(event_id, 2, 5) AS INT)
               OR created_at < DATE '2100-01-01' + CAST(substr(event_id, 2, 5) AS INT) - 1
            """));
        Assert.True(db.Scalar<long>("SELECT count(*) FROM raw.event") > 1000);
    }

    [Fact]
    public void Every_like_follows_a_view_of_the_same_post_by_the_same_user()
    {
        Assert.Equal(0, Violations("""
            SELECT * FROM raw.event AS l WHERE l.event_type = 'like' AND NOT EXISTS (
                SELECT 1 FROM raw.event AS v WHERE v.event_type = 'view'
                AND v.user_id = l.user_id AND v.post_id = l.post_id AND v.created_at < l.created_at)
            """));
        Assert.True(db.Scalar<long>("SELECT count(*) FROM raw.event WHERE event_type = 'like'") > 50);
    }

    [Fact]
    public void A_user_likes_a_post_at_most_once_ever() =>
        Assert.Equal(0, Violations("SELECT user_id, post_id FROM raw.event WHERE event_type = 'like' GROUP BY ALL HAVING count(*) > 1"));

    [Fact]
    public void Events_are_only_views_and_likes_of_existing_rows() =>
        Assert.Equal(0, Violations("""
            SELECT * FROM raw.event AS e LEFT JOIN raw.post AS p USING (post_id) LEFT JOIN raw."user" AS u ON u.user_id = e.user_id
            WHERE e.event_type NOT IN ('view', 'like') OR p.post_id IS NULL OR u.user_id IS NULL
            """));

    // Every view with its session: inside a session views are at most MaxSecondsBetweenViews apart and two sessions are
    // further apart than that, so a longer gap between two views of a user starts a new session.
    static readonly string ViewsBySession = $"""
        WITH view AS (
            SELECT *, CAST(created_at AS DATE) AS day,
                   created_at - lag(created_at) OVER (PARTITION BY user_id, CAST(created_at AS DATE) ORDER BY created_at) AS gap
            FROM raw.event WHERE event_type = 'view'),
        numbered AS (
            SELECT *, sum(CASE WHEN gap <= INTERVAL {EventGenerator.MaxSecondsBetweenViews} SECOND THEN 0 ELSE 1 END)
                          OVER (PARTITION BY user_id, day ORDER BY created_at) AS session
            FROM view)
        SELECT *, min(created_at) OVER (PARTITION BY user_id, day, session) AS session_start FROM numbered
        """;

    [Fact]
    public void Views_are_of_posts_live_at_the_session_start_by_users_live_then() =>
        Assert.Equal(0, Violations($"""
            SELECT * FROM ({ViewsBySession}) AS v
            JOIN raw.post AS p ON p.post_id = v.post_id
            JOIN raw."user" AS u ON u.user_id = v.user_id
            WHERE p.created_at >= v.session_start OR p.deleted_at <= v.session_start
               OR u.created_at >= v.session_start OR u.deleted_at <= v.session_start
            """));

    [Fact]
    public void A_user_has_one_to_three_sessions_a_day_mostly_one_of_one_to_ten_views()
    {
        var sessionsADay = $"SELECT user_id, day, count(DISTINCT session) AS sessions FROM ({ViewsBySession}) GROUP BY ALL";
        Assert.Equal(0, Violations($"SELECT * FROM ({sessionsADay}) WHERE sessions > {EventGenerator.MaxSessions}"));
        Assert.Equal(0, Violations($"""
            SELECT user_id, day, session FROM ({ViewsBySession}) GROUP BY ALL HAVING count(*) > {EventGenerator.MaxViewsPerSession}
            """));
        Assert.Equal(0, Violations($"""
            SELECT user_id, day FROM ({ViewsBySession}) GROUP BY ALL
            HAVING count(*) > {EventGenerator.MaxSessions * EventGenerator.MaxViewsPerSession}
            """));
        Assert.True(db.Scalar<long>($"SELECT count(*) FROM ({sessionsADay}) WHERE sessions > 1") > 10);
        Assert.InRange(db.Scalar<double>($"SELECT avg(CASE WHEN sessions = 1 THEN 1 ELSE 0 END) FROM ({sessionsADay})"), 0.55, 0.9);
    }

    [Fact]
    public void Most_gaps_between_two_sessions_are_hours_and_some_are_under_30_minutes()
    {
        // Inside a session consecutive events are at most 5 minutes apart (a like comes at most 300 s after its view),
        // so a longer gap between two events of a user lies between two sessions.
        const string gaps = """
            SELECT created_at - lag(created_at) OVER (PARTITION BY user_id, CAST(created_at AS DATE) ORDER BY created_at) AS gap
            FROM raw.event
            """;
        var readAsOne = db.Scalar<long>($"SELECT count(*) FROM ({gaps}) WHERE gap > INTERVAL 5 MINUTE AND gap <= INTERVAL 30 MINUTE");
        var hours = db.Scalar<long>($"SELECT count(*) FROM ({gaps}) WHERE gap > INTERVAL 1 HOUR");
        Assert.True(readAsOne > 0, "no two sessions of a user under 30 minutes apart");
        Assert.True(hours > readAsOne, $"{hours} gaps of hours, {readAsOne} under 30 minutes");
    }

    [Fact]
    public void Creators_exist_and_were_created_before_their_posts() =>
        Assert.Equal(0, Violations("""
            SELECT * FROM raw.post AS p LEFT JOIN raw."user" AS u ON u.user_id = p.user_id
            WHERE u.user_id IS NULL OR u.created_at >= p.created_at OR u.deleted_at <= p.created_at
            """));

    [Fact]
    public void Soft_deleted_rows_keep_their_data_with_updated_at_equal_to_deleted_at()
    {
        Assert.True(db.Scalar<long>("""SELECT count(*) FROM raw."user" WHERE deleted_at IS NOT NULL""") > 10);
        Assert.True(db.Scalar<long>("SELECT count(*) FROM raw.post WHERE deleted_at IS NOT NULL") > 10);
        Assert.Equal(0, Violations("""
            SELECT user_id FROM raw."user" WHERE deleted_at IS NOT NULL
              AND (updated_at <> deleted_at OR first_name IS NULL OR last_name IS NULL OR country_code IS NULL
                   OR favorite_color IS NULL OR deleted_at <= created_at)
            UNION ALL
            SELECT post_id FROM raw.post WHERE deleted_at IS NOT NULL
              AND (updated_at <> deleted_at OR post_text IS NULL OR user_id IS NULL OR deleted_at <= created_at)
            """));
    }

    [Fact]
    public void Updates_bump_updated_at_within_a_later_day() =>
        Assert.True(db.Scalar<long>("""
            SELECT count(*) FROM raw."user" WHERE deleted_at IS NULL AND CAST(updated_at AS DATE) > CAST(created_at AS DATE)
            """) > 20);

    [Fact]
    public void A_small_share_of_country_codes_is_outside_the_shipped_list()
    {
        var known = string.Join(", ", Countries.Known.Select(c => $"'{c.Code}'"));
        var unknown = string.Join(", ", Countries.Unknown.Select(c => $"'{c}'"));
        var share = db.Scalar<double>($"""SELECT avg(CASE WHEN country_code IN ({known}) THEN 0 ELSE 1 END) FROM raw."user" """);
        Assert.InRange(share, 0.002, 0.08);
        Assert.Equal(0, Violations($"""SELECT * FROM raw."user" WHERE country_code NOT IN ({known}, {unknown})"""));
        Assert.Equal(Countries.Known.Count, Countries.Known.Select(c => c.Code).Distinct().Count());
    }

    [Fact]
    public void Ids_are_unique_and_fit_sixteen_characters() =>
        Assert.Equal(0, Violations("""
            SELECT id FROM (SELECT user_id AS id FROM raw."user" UNION ALL SELECT post_id FROM raw.post UNION ALL SELECT event_id FROM raw.event)
            GROUP BY id HAVING count(*) > 1 OR max(length(id)) > 16
            """));

    [Fact]
    public void Audit_has_one_row_per_table_per_day_matching_the_report()
    {
        Assert.Equal(GeneratedDays.Days * 3, db.Scalar<long>("SELECT count(*) FROM raw.ingestion_audit"));
        Assert.Equal(0, Violations("SELECT ingest_date, table_name FROM raw.ingestion_audit GROUP BY ALL HAVING count(*) <> 1"));
        foreach (var report in days.Reports)
            foreach (var (table, changes) in new[] { ("user", report.User), ("post", report.Post), ("event", report.Event) })
                Assert.Equal($"{changes.Inserted} {changes.Updated} {changes.Deleted}", db.Scalar<string>($"""
                    SELECT rows_inserted || ' ' || rows_updated || ' ' || rows_deleted FROM raw.ingestion_audit
                    WHERE ingest_date = DATE '{report.Day.Date:yyyy-MM-dd}' AND table_name = '{table}'
                    """));
    }

    [Fact]
    public void Audit_counts_match_the_rows_of_each_day()
    {
        // Inserts and deletes are still visible in the final state (updates may be overwritten by later days).
        Assert.Equal(0, Violations("""
            WITH actual AS (
                SELECT 'user' AS table_name, CAST(created_at AS DATE) AS day, count(*) AS inserted FROM raw."user" GROUP BY ALL
                UNION ALL SELECT 'post', CAST(created_at AS DATE), count(*) FROM raw.post GROUP BY ALL
                UNION ALL SELECT 'event', CAST(created_at AS DATE), count(*) FROM raw.event GROUP BY ALL),
            deleted AS (
                SELECT 'user' AS table_name, CAST(deleted_at AS DATE) AS day, count(*) AS deleted FROM raw."user" WHERE deleted_at IS NOT NULL GROUP BY ALL
                UNION ALL SELECT 'post', CAST(deleted_at AS DATE), count(*) FROM raw.post WHERE deleted_at IS NOT NULL GROUP BY ALL)
            SELECT * FROM raw.ingestion_audit AS a
            LEFT JOIN actual AS i ON i.table_name = a.table_name AND i.day = a.ingest_date
            LEFT JOIN deleted AS d ON d.table_name = a.table_name AND d.day = a.ingest_date
            WHERE coalesce(i.inserted, 0) <> a.rows_inserted OR coalesce(d.deleted, 0) <> a.rows_deleted
            """));
    }

    [Fact]
    public void Volumes_follow_the_design()
    {
        var first = days.Reports[0];
        Assert.Equal(new TableChanges(400), first.User);
        Assert.Equal(new TableChanges(400), first.Post);
        Assert.InRange(db.Scalar<long>("SELECT count(DISTINCT user_id) FROM raw.event WHERE created_at < DATE '2100-01-02'"), 15, 20);

        var liveUsers = first.User.Inserted;
        foreach (var day in days.Reports.Skip(1))
        {
            Assert.InRange(day.User.Inserted, 100, 200);                                     // 50–100 × scale
            Assert.InRange(day.User.Deleted, 2 + Math.Round(0.01 * liveUsers), 10 + Math.Round(0.01 * liveUsers)); // 1–5 × scale + 1 %
            Assert.InRange(day.User.Updated, 2 + Math.Round(0.05 * (liveUsers)), 10 + Math.Round(0.05 * liveUsers));
            var liveAfter = liveUsers - day.User.Deleted + day.User.Inserted;
            Assert.InRange(day.Post.Inserted, 0.05 * liveAfter - 1, 0.1 * liveAfter + 1);    // (1 + U[0,1)) × 5 % × live users
            liveUsers = liveAfter;
        }
    }
}
