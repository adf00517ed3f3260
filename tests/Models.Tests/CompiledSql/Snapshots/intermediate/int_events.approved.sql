-- intermediate.int_events (ephemeral) from Intermediate/IntEvents.cs:8
select
    e.event_id,
    e.user_id as viewer_id,
    e.post_id,
    p.creator_id,
    e.created_at,
    e.event_type,
    e.is_like,
    e.partition_date as event_date
from "staging"."stg_events" e
left join "staging"."stg_posts" p on p.post_id = e.post_id
