-- analysis.mau_by_region_and_month (analysis) from Analyses/MauByRegionAndMonth.cs:13
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
    from "analytics"."dim_users_snapshots"
)
select
    cast(date_trunc('month', e.created_at) as date) as month,
    coalesce(c.region, 'Unknown') as region,
    count(distinct e.viewer_id) as mau
from "analytics"."fct_events" e
left join viewer_versions v
    on v.user_id = e.viewer_id
    and e.created_at >= v.valid_from
    and e.created_at < v.valid_to
left join "raw"."countries" c on c.country_code = v.country_code
group by 1, 2
order by month, region
