-- intermediate.int_posts (ephemeral) from Intermediate/IntPosts.cs:11
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
),
"__ephemeral__int_posts_current" as (
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
),
"__ephemeral__int_user_history" as (
    select
        s.user_id,
        s.country_code,
        coalesce(c.region, 'Unknown') as region,
        case
            when s.valid_from = min(s.valid_from) over (partition by s.user_id) then timestamp '-infinity'
            else s.valid_from
        end as valid_from,
        s.valid_to
    from (
        select user_id, upper(trim(country_code)) as country_code, valid_from, valid_to
        from "snapshots"."raw__user_snapshots"
    ) s
    left join "raw"."countries" c on c.country_code = s.country_code
)
select
    p.*,
    h.country_code as creator_country_code_at_post,
    coalesce(h.region, 'Unknown') as creator_region_at_post
from "__ephemeral__int_posts_current" p
left join "__ephemeral__int_user_history" h
    on h.user_id = p.creator_id and p.created_at >= h.valid_from and p.created_at < h.valid_to
