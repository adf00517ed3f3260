-- analytics.fct_events (incremental) from Analytics/FctEvents.cs:8
with "__narrowed__staging__stg_events" as (
    select * from "staging"."stg_events" where "partition_date" >= {{ partition_start }} and "partition_date" < {{ partition_end }}
),
"__ephemeral__int_events__narrowed" as (
    select
        e.event_id,
        e.user_id as viewer_id,
        e.post_id,
        p.creator_id,
        e.created_at,
        e.event_type,
        e.is_like,
        e.partition_date as event_date
    from "__narrowed__staging__stg_events" e
    left join "staging"."stg_posts" p on p.post_id = e.post_id
),
"__narrowed__ephemeral__int_events" as (
    select * from "__ephemeral__int_events__narrowed" where "created_at" >= {{ partition_start }} and "created_at" < {{ partition_end }}
)
select
    event_id,
    viewer_id,
    post_id,
    creator_id,
    created_at,
    event_type,
    is_like,
    event_date as partition_date
from "__narrowed__ephemeral__int_events"
