-- analytics.agg_post_metrics_daily (incremental) from Analytics/AggPostMetricsDaily.cs:9
with "__narrowed__analytics__fct_events" as (
    select * from "analytics"."fct_events" where "created_at" >= {{ partition_start }} and "created_at" < {{ partition_end }}
)
select
    partition_date as event_date,
    post_id,
    count(*) filter (where not is_like) as views,
    count(distinct viewer_id) filter (where not is_like) as unique_viewers,
    count(*) filter (where is_like) as likes,
    cast(count(*) filter (where is_like) as double precision) / nullif(count(*) filter (where not is_like), 0) as like_ratio
from "__narrowed__analytics__fct_events"
group by partition_date, post_id
