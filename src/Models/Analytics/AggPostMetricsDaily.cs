using EventStream.Staging;
using ModelDsl;

namespace EventStream.Analytics;

/// <summary>Per post and day with at least one event: views, distinct viewers, likes and the like ratio.</summary>
[Fact(Grain = Grain.Day, EventTime = "event_date")]
[UniqueCombination("event_date", "post_id"), ExpressionIsTrue("likes <= views")]
public sealed partial class AggPostMetricsDaily : SqlModel
{
    /// <summary>The day of the events (UTC).</summary>
    [NotNull] public DateOnly EventDate { get; init; }
    /// <summary>The post viewed or liked.</summary>
    [NotNull, References<StgPosts>("post_id")] public required string PostId { get; init; }
    /// <summary>Views of the post that day.</summary>
    [NotNull] public long Views { get; init; }
    /// <summary>Distinct viewers of the post's view events that day.</summary>
    [NotNull] public long UniqueViewers { get; init; }
    /// <summary>Likes of the post that day.</summary>
    [NotNull] public long Likes { get; init; }
    /// <summary>likes / views; NULL when views is 0.</summary>
    [AcceptedRange(Min = 0, Max = 1)] public double? LikeRatio { get; init; }

    public override string Sql => $"""
        select
            partition_date as event_date,
            post_id,
            count(*) filter (where not is_like) as views,
            count(distinct viewer_id) filter (where not is_like) as unique_viewers,
            count(*) filter (where is_like) as likes,
            cast(count(*) filter (where is_like) as double precision) / nullif(count(*) filter (where not is_like), 0) as like_ratio
        from {Ref<FctEvents>()}
        group by partition_date, post_id
        """;
}
