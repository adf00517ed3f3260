using EventStream.Analytics;
using ModelDsl;

namespace EventStream.Analyses;

/// <summary>
/// Do creators of some regions get more likes per view? Views, likes and the like ratio of creators' posts per
/// calendar month and the creator's region at the time of the events (so a creator who moves counts in each region
/// for the events made while living there), with the number of creators who had views.
/// </summary>
[Analysis]
public sealed partial class LikeRatioByCreatorRegionAndMonth : SqlAnalysis
{
    public override string Sql => $"""
        select
            cast(date_trunc('month', event_date) as date) as month,
            creator_region,
            count(distinct creator_id) filter (where views > 0) as creators,
            sum(views) as views,
            sum(likes) as likes,
            round(sum(likes) / nullif(sum(views), 0), 4) as like_ratio
        from {Ref<AggCreatorMetricsDaily>()}
        group by 1, 2
        order by month, creator_region
        """;
}
