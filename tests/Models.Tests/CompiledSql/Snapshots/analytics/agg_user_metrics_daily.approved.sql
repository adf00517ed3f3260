-- analytics.agg_user_metrics_daily (incremental) from Analytics/AggUserMetricsDaily.cs:9
with "__narrowed__analytics__fct_events" as (
    select * from "analytics"."fct_events" where "created_at" >= {{ partition_start }} and "created_at" < {{ partition_end }}
),
"__narrowed__analytics__fct_sessions" as (
    select * from "analytics"."fct_sessions" where "session_date" >= {{ partition_start }} and "session_date" < {{ partition_end }}
),
events as (
    select
        partition_date as event_date,
        viewer_id as user_id,
        count(*) filter (where not is_like) as views,
        count(distinct post_id) filter (where not is_like) as posts_viewed,
        count(*) filter (where is_like) as likes_given
    from "__narrowed__analytics__fct_events"
    group by partition_date, viewer_id
),
sessions as (
    select session_date, user_id, count(*) as sessions
    from "__narrowed__analytics__fct_sessions"
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
