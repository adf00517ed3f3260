-- analysis.signup_cohort_retention (analysis) from Analyses/SignupCohortRetention.cs:13
with users as (
    select user_id, cast(date_trunc('week', created_at) as date) as cohort_week
    from "staging"."stg_users"
),
cohorts as (
    select cohort_week, count(*) as cohort_size
    from users
    group by cohort_week
),
weeks as (
    -- Every week from the signup week (0) to the run's week, so that a week without activity shows as 0.
    select
        cohort_week,
        cohort_size,
        unnest(generate_series(0, date_diff('week', cohort_week, cast(date_trunc('week', {{ run_time }}) as date)))) as week_number
    from cohorts
),
activity as (
    select
        u.cohort_week,
        date_diff('week', u.cohort_week, cast(date_trunc('week', e.created_at) as date)) as week_number,
        count(distinct e.viewer_id) as active_users
    from "analytics"."fct_events" e
    join users u on u.user_id = e.viewer_id
    group by 1, 2
)
select
    w.cohort_week,
    w.cohort_size,
    w.week_number,
    coalesce(a.active_users, 0) as active_users,
    cast(coalesce(a.active_users, 0) as double) / w.cohort_size as retention
from weeks w
left join activity a on a.cohort_week = w.cohort_week and a.week_number = w.week_number
order by w.cohort_week, w.week_number
