using EventStream.Sources;
using EventStream.Staging;
using ModelDsl;

namespace EventStream.Analytics;

/// <summary>
/// Platform activity per ingested day: daily, weekly and monthly active users (distinct users with an event in the
/// 1, 7 and 30 days ending that day), the sessions started that day and their mean length, sign-ups, and the
/// creators of posts created in the 28 days ending that day.
/// </summary>
[Fact(Grain = Grain.Day, EventTime = "activity_date")]
[ExpressionIsTrue("dau <= wau and wau <= mau")]
public sealed partial class AggActivityDaily : SqlModel
{
    /// <summary>The ingested day the row describes.</summary>
    [Unique, NotNull] public DateOnly ActivityDate { get; init; }
    /// <summary>Distinct users with an event that day.</summary>
    [NotNull] public long Dau { get; init; }
    /// <summary>Distinct users with an event in the 7 days ending that day.</summary>
    [NotNull] public long Wau { get; init; }
    /// <summary>Distinct users with an event in the 30 days ending that day.</summary>
    [NotNull] public long Mau { get; init; }
    /// <summary>Sessions starting that day.</summary>
    [NotNull] public long Sessions { get; init; }
    /// <summary>Their mean duration in seconds; 0 on a day without sessions.</summary>
    [NotNull, AcceptedRange(Min = 0)] public double AvgSessionSeconds { get; init; }
    /// <summary>Users created that day (deleted later or not).</summary>
    [NotNull] public long NewUsers { get; init; }
    /// <summary>Distinct creators of posts created in the 28 days ending that day (deleted later or not).</summary>
    [NotNull] public long ActiveCreators { get; init; }

    // Active users come from the per-user daily table: one row per user and day instead of one per event.
    // Each day is paired with the dates of the 30 days ending on it (an equality on zeros: a hash join where a plain cross
    // join would be a cross product; portable, unlike DuckDB's unnest of a list), so user days and posts join on equal dates (a hash
    // join); a range condition against one row would make DuckDB plan a nested loop. Staging tables are narrowed by the
    // time a row changed, so sign-ups and new posts are found by their creation time in the whole table.
    public override string Sql => $"""
        with days as (
            select distinct ingest_date as activity_date
            from {Source<RawIngestionAudit>()}
        ),
        window_dates as (
            select d.activity_date, cast(d.activity_date - cast(o.n as integer) as date) as window_date
            from days d join generate_series(0, 29) as o(n) on o.n - o.n = d.activity_date - d.activity_date
        ),
        users as (
            select
                w.activity_date,
                count(distinct a.user_id) filter (where a.event_date = w.activity_date) as dau,
                count(distinct a.user_id) filter (where a.event_date > w.activity_date - 7) as wau,
                count(distinct a.user_id) as mau
            from window_dates w
            join {RefWindow<AggUserMetricsDaily>(30)} a on a.event_date = w.window_date
            group by w.activity_date
        ),
        creators as (
            select w.activity_date, count(distinct p.creator_id) as active_creators
            from window_dates w
            join {RefAll<StgPosts>()} p on cast(p.created_at as date) = w.window_date
            where w.window_date > w.activity_date - 28
            group by w.activity_date
        ),
        sessions as (
            select session_date as activity_date, count(*) as sessions, cast(avg(duration_seconds) as double precision) as avg_session_seconds
            from {Ref<FctSessions>()}
            group by session_date
        ),
        new_users as (
            select cast(created_at as date) as activity_date, count(*) as new_users
            from {RefAll<StgUsers>()}
            where created_at >= {PartitionStart} and created_at < {PartitionEnd}
            group by cast(created_at as date)
        )
        select
            d.activity_date,
            coalesce(u.dau, 0) as dau,
            coalesce(u.wau, 0) as wau,
            coalesce(u.mau, 0) as mau,
            coalesce(s.sessions, 0) as sessions,
            coalesce(s.avg_session_seconds, 0) as avg_session_seconds,
            coalesce(n.new_users, 0) as new_users,
            coalesce(c.active_creators, 0) as active_creators
        from days d
        left join users u on u.activity_date = d.activity_date
        left join sessions s on s.activity_date = d.activity_date
        left join new_users n on n.activity_date = d.activity_date
        left join creators c on c.activity_date = d.activity_date
        """;
}
