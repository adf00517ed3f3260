-- analysis.session_length_distribution (analysis) from Analyses/SessionLengthDistribution.cs:11
with bucketed as (
    select
        case
            when events = 1 then 0
            when duration_seconds < 60 then 1
            when duration_seconds < 300 then 2
            when duration_seconds < 900 then 3
            when duration_seconds < 1800 then 4
            when duration_seconds < 3600 then 5
            else 6
        end as bucket,
        events
    from "analytics"."fct_sessions"
)
select
    b.session_length,
    count(s.bucket) as sessions,
    coalesce(round(count(s.bucket) / nullif(sum(count(s.bucket)) over (), 0), 4), 0) as share,
    coalesce(round(avg(s.events), 2), 0) as avg_events
from (values
    (0, 'single event'), (1, 'under 1 min'), (2, '1-5 min'), (3, '5-15 min'),
    (4, '15-30 min'), (5, '30-60 min'), (6, '1 h or more')
) as b(bucket, session_length)
left join bucketed s on s.bucket = b.bucket
group by b.bucket, b.session_length
order by b.bucket
