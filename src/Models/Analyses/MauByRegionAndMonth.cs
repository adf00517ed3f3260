using EventStream.Analytics;
using EventStream.Seeds;
using ModelDsl;

namespace EventStream.Analyses;

/// <summary>
/// Monthly active users by region: for each calendar month and region, the distinct users with any event in the month,
/// each event counted in the viewer's region as of the event (the user snapshot's version valid then; a user's first
/// version also covers the time before it; <c>Unknown</c> without a version or a known country).
/// </summary>
[Analysis]
public sealed partial class MauByRegionAndMonth : SqlAnalysis
{
    public override string Sql => $"""
        with viewer_versions as (
            -- Half-open [valid_from, valid_to); the first version reaches back to the beginning of time. A CASE rather
            -- than an OR in the join keeps the join an equi-join on user_id (an OR makes it a nested loop).
            select
                user_id,
                country_code,
                case
                    when valid_from = min(valid_from) over (partition by user_id) then '-infinity'::timestamp
                    else valid_from
                end as valid_from,
                valid_to
            from {Ref<DimUsersSnapshots>()}
        )
        select
            cast(date_trunc('month', e.created_at) as date) as month,
            coalesce(c.region, 'Unknown') as region,
            count(distinct e.viewer_id) as mau
        from {Ref<FctEvents>()} e
        left join viewer_versions v
            on v.user_id = e.viewer_id
            and e.created_at >= v.valid_from
            and e.created_at < v.valid_to
        left join {Ref<Countries>()} c on c.country_code = v.country_code
        group by 1, 2
        order by month, region
        """;
}
