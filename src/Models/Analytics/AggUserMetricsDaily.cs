using EventStream.Staging;
using ModelDsl;

namespace EventStream.Analytics;

/// <summary>Per viewer and day with at least one event: views, distinct posts viewed, likes given and sessions started.</summary>
[Fact(Grain = Grain.Day, EventTime = "event_date")]
[UniqueCombination("event_date", "user_id")]
public sealed partial class AggUserMetricsDaily : SqlModel
{
    /// <summary>The day of the events (UTC).</summary>
    [NotNull] public DateOnly EventDate { get; init; }
    /// <summary>The viewer.</summary>
    [NotNull, References<StgUsers>("user_id")] public required string UserId { get; init; }
    /// <summary>Posts viewed that day, counting every view.</summary>
    [NotNull] public long Views { get; init; }
    /// <summary>Distinct posts of the user's view events that day.</summary>
    [NotNull] public long PostsViewed { get; init; }
    /// <summary>Likes the viewer gave that day.</summary>
    [NotNull] public long LikesGiven { get; init; }
    /// <summary>Sessions of the user that start that day.</summary>
    [NotNull] public long Sessions { get; init; }

    public override string Sql => $"""
        with events as (
            select
                partition_date as event_date,
                viewer_id as user_id,
                count(*) filter (where not is_like) as views,
                count(distinct post_id) filter (where not is_like) as posts_viewed,
                count(*) filter (where is_like) as likes_given
            from {Ref<FctEvents>()}
            group by partition_date, viewer_id
        ),
        sessions as (
            select session_date, user_id, count(*) as sessions
            from {Ref<FctSessions>()}
            group by session_date, user_id
        )
        select
            e.event_date,
            e.user_id,
            e.views,
            e.posts_viewed,
            e.likes_given,
            coalesce(s.sessions, 0) as sessions
        from events e
        left join sessions s on s.session_date = e.event_date and s.user_id = e.user_id
        """;
}
