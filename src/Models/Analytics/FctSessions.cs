using EventStream.Staging;
using ModelDsl;

namespace EventStream.Analytics;

/// <summary>
/// One row per viewer session: a user's events in time order, where a new session starts after a gap of more than
/// 30 minutes or on a new date (sessions are cut at midnight UTC, so each day's sessions are built from that day alone).
/// </summary>
[Fact(Grain = Grain.Day, EventTime = "session_date")]
[ExpressionIsTrue("views + likes = events and session_start <= session_end and cast(session_end as date) = session_date")]
public sealed partial class FctSessions : SqlModel
{
    /// <summary>The user and the session's start time.</summary>
    [Unique, NotNull] public required string SessionId { get; init; }
    /// <summary>The user whose events the session groups.</summary>
    [NotNull, References<StgUsers>("user_id")] public required string UserId { get; init; }
    /// <summary>The date the session starts (and ends) on.</summary>
    [NotNull] public DateOnly SessionDate { get; init; }
    /// <summary>The time of its first event.</summary>
    [NotNull] public DateTime SessionStart { get; init; }
    /// <summary>The time of its last event.</summary>
    [NotNull] public DateTime SessionEnd { get; init; }
    /// <summary>Seconds from the first event to the last.</summary>
    [NotNull, AcceptedRange(Min = 0)] public long DurationSeconds { get; init; }
    /// <summary>Events in the session.</summary>
    [NotNull, AcceptedRange(Min = 1)] public long Events { get; init; }
    /// <summary>Views in the session.</summary>
    [NotNull] public long Views { get; init; }
    /// <summary>Likes in the session.</summary>
    [NotNull] public long Likes { get; init; }

    public override string Sql => $"""
        with flagged as (
            select
                viewer_id as user_id,
                event_id,
                created_at,
                partition_date,
                is_like,
                coalesce(
                    partition_date <> lag(partition_date) over by_time
                        or created_at > lag(created_at) over by_time + interval '30 minutes',
                    true) as starts_session
            from {Ref<FctEvents>()}
            window by_time as (partition by viewer_id order by created_at, event_id)
        ),
        numbered as (
            select
                *,
                sum(cast(starts_session as integer)) over (
                    partition by user_id order by created_at, event_id rows unbounded preceding) as session_number
            from flagged
        )
        select
            user_id || '@' || replace(cast(min(created_at) as varchar), ' ', 'T') as session_id,
            user_id,
            min(partition_date) as session_date,
            min(created_at) as session_start,
            max(created_at) as session_end,
            cast(extract(epoch from max(created_at) - min(created_at)) as bigint) as duration_seconds,
            count(*) as events,
            count(*) filter (where not is_like) as views,
            count(*) filter (where is_like) as likes
        from numbered
        group by user_id, session_number
        """;
}
