-- intermediate.int_events (ephemeral) from Intermediate/IntEvents.cs:8
with "__ephemeral__int_users" as (
    select
        user_id,
        first_name,
        last_name,
        full_name,
        country_code,
        fav_color,
        created_at,
        updated_at,
        deleted_at,
        deleted_at is not null as is_deleted
    from "staging"."stg_users"
),
"__ephemeral__int_posts" as (
    select
        p.post_id,
        p.creator_id,
        p.post_text,
        p.created_at,
        p.updated_at,
        p.deleted_at,
        p.deleted_at is not null as is_deleted,
        u.full_name as creator_full_name,
        u.country_code as creator_country_code,
        u.is_deleted as is_creator_deleted
    from "staging"."stg_posts" p
    left join "__ephemeral__int_users" u on u.user_id = p.creator_id
)
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
left join "__ephemeral__int_posts" p on p.post_id = e.post_id
