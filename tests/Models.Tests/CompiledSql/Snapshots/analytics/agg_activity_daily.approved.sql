-- analytics.agg_activity_daily (incremental) from Analytics/AggActivityDaily.cs:14
with "__narrowed__raw__ingestion_audit" as (
    select * from "raw"."ingestion_audit" where "ingest_date" >= {{ partition_start }} and "ingest_date" < {{ partition_end }}
),
"__narrowed__analytics__agg_user_metrics_daily__30d" as (
    select * from "analytics"."agg_user_metrics_daily" where "event_date" >= {{ partition_start }} - INTERVAL '29 days' and "event_date" < {{ partition_end }}
),
"__narrowed__analytics__fct_sessions" as (
    select * from "analytics"."fct_sessions" where "session_date" >= {{ partition_start }} and "session_date" < {{ partition_end }}
),
days as (
    select distinct ingest_date as activity_date
    from "__narrowed__raw__ingestion_audit"
),
window_dates as (
    select d.activity_date, cast(d.activity_date - cast(o.n as integer) as date) as window_date
    from days d join generate_series(0, 29) as o(n) on o.n - o.n = d.activity_date - d.activity_date
),
users as (
    select
        w.activity_date,
        count(distinct a.user_id) filter (where a.event_date = w.activity_date) as dau,
        count(distinct a.user_id) filter (where a.event_date > w.activity_date - 7) as wau,
        count(distinct a.user_id) as mau
    from window_dates w
    join "__narrowed__analytics__agg_user_metrics_daily__30d" a on a.event_date = w.window_date
    group by w.activity_date
),
creators as (
    select w.activity_date, count(distinct p.creator_id) as active_creators
    from window_dates w
    join "staging"."stg_posts" p on cast(p.created_at as date) = w.window_date
    where w.window_date > w.activity_date - 28
    group by w.activity_date
),
sessions as (
    select session_date as activity_date, count(*) as sessions, cast(avg(duration_seconds) as double precision) as avg_session_seconds
    from "__narrowed__analytics__fct_sessions"
    group by session_date
),
new_users as (
    select cast(created_at as date) as activity_date, count(*) as new_users
    from "staging"."stg_users"
    where created_at >= {{ partition_start }} and created_at < {{ partition_end }}
    group by cast(created_at as date)
)
select
    d.activity_date,
    coalesce(u.dau, 0) as dau,
    coalesce(u.wau, 0) as wau,
    coalesce(u.mau, 0) as mau,
    coalesce(s.sessions, 0) as sessions,
    coalesce(s.avg_session_seconds, 0) as avg_session_seconds,
    coalesce(n.new_users, 0) as new_users,
    coalesce(c.active_creators, 0) as active_creators
from days d
left join users u on u.activity_date = d.activity_date
left join sessions s on s.activity_date = d.activity_date
left join new_users n on n.activity_date = d.activity_date
left join creators c on c.activity_date = d.activity_date
