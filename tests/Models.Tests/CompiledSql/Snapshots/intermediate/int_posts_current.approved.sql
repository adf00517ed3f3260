-- intermediate.int_posts_current (ephemeral) from Intermediate/IntPostsCurrent.cs:8
with "__ephemeral__int_users" as (
    select
        u.user_id,
        u.first_name,
        u.last_name,
        u.full_name,
        u.country_code,
        coalesce(c.name, 'Unknown') as country_name,
        coalesce(c.region, 'Unknown') as region,
        coalesce(c.subregion, 'Unknown') as subregion,
        u.fav_color,
        u.created_at,
        u.updated_at,
        u.deleted_at,
        u.deleted_at is not null as is_deleted
    from "staging"."stg_users" u
    left join "raw"."countries" c on c.country_code = u.country_code
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
    u.region as creator_region,
    u.is_deleted as is_creator_deleted
from "staging"."stg_posts" p
left join "__ephemeral__int_users" u on u.user_id = p.creator_id
