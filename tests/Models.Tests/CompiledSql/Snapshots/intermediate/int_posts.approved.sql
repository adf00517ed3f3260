-- intermediate.int_posts (ephemeral) from Intermediate/IntPosts.cs:8
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
)
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
