-- analytics.fct_sessions (incremental) from Analytics/FctSessions.cs:12
with "__narrowed__analytics__fct_events" as (
    select * from "analytics"."fct_events" where "created_at" >= {{ partition_start }} and "created_at" < {{ partition_end }}
),
flagged as (
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
    from "__narrowed__analytics__fct_events"
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
