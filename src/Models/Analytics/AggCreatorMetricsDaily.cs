using EventStream.Intermediate;
using EventStream.Staging;
using ModelDsl;

namespace EventStream.Analytics;

/// <summary>
/// Per creator, day and the creator's country at the time of the events: views and likes of the creator's posts.
/// The country and region come from the creator's version valid at each event, so a creator who moves keeps
/// their earlier events in the earlier region (and has one row per country on the day of the move).
/// </summary>
[Fact(Grain = Grain.Day, EventTime = "event_date")]
// No likes <= views test here: a creator who moves between a view and its like has the view in one country's row and
// the like in the other's (seen at scale 100), so the bound only holds per post (agg_post_metrics_daily).
[UniqueCombination("event_date", "creator_id", "creator_country_code")]
public sealed partial class AggCreatorMetricsDaily : SqlModel
{
    /// <summary>The day of the events (UTC).</summary>
    [NotNull] public DateOnly EventDate { get; init; }
    /// <summary>The creator of the posts viewed and liked.</summary>
    [NotNull, References<StgUsers>("user_id")] public required string CreatorId { get; init; }
    /// <summary>The creator's country code when the events happened.</summary>
    [NotNull] public required string CreatorCountryCode { get; init; }
    /// <summary>Its region from the countries seed, <c>Unknown</c> when the code is not there.</summary>
    [NotNull] public required string CreatorRegion { get; init; }
    /// <summary>Views of the creator's posts that day, while the creator was in that country.</summary>
    [NotNull] public long Views { get; init; }
    /// <summary>Likes of the creator's posts that day, while the creator was in that country.</summary>
    [NotNull] public long Likes { get; init; }
    /// <summary>likes / views; NULL when views is 0 (above 1 only on the day of a move, in the new country's row).</summary>
    [AcceptedRange(Min = 0)] public double? LikeRatio { get; init; }

    public override string Sql => $"""
        select
            e.partition_date as event_date,
            e.creator_id,
            h.country_code as creator_country_code,
            h.region as creator_region,
            count(*) filter (where not e.is_like) as views,
            count(*) filter (where e.is_like) as likes,
            cast(count(*) filter (where e.is_like) as double precision) / nullif(count(*) filter (where not e.is_like), 0) as like_ratio
        from {Ref<FctEvents>()} e
        join {Ref<IntUserHistory>()} h
            on h.user_id = e.creator_id and e.created_at >= h.valid_from and e.created_at < h.valid_to
        group by e.partition_date, e.creator_id, h.country_code, h.region
        """;
}
