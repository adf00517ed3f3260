-- analytics.agg_creator_metrics_daily (incremental) from Analytics/AggCreatorMetricsDaily.cs:16
with "__narrowed__analytics__fct_events" as (
    select * from "analytics"."fct_events" where "created_at" >= {{ partition_start }} and "created_at" < {{ partition_end }}
),
"__ephemeral__int_user_history" as (
    select
        s.user_id,
        s.country_code,
        coalesce(c.region, 'Unknown') as region,
        case
            when s.valid_from = min(s.valid_from) over (partition by s.user_id) then timestamp '-infinity'
            else s.valid_from
        end as valid_from,
        s.valid_to
    from (
        select user_id, upper(trim(country_code)) as country_code, valid_from, valid_to
        from "snapshots"."raw__user_snapshots"
    ) s
    left join "raw"."countries" c on c.country_code = s.country_code
)
select
    e.partition_date as event_date,
    e.creator_id,
    h.country_code as creator_country_code,
    h.region as creator_region,
    count(*) filter (where not e.is_like) as views,
    count(*) filter (where e.is_like) as likes,
    cast(count(*) filter (where e.is_like) as double precision) / nullif(count(*) filter (where not e.is_like), 0) as like_ratio
from "__narrowed__analytics__fct_events" e
join "__ephemeral__int_user_history" h
    on h.user_id = e.creator_id and e.created_at >= h.valid_from and e.created_at < h.valid_to
group by e.partition_date, e.creator_id, h.country_code, h.region
