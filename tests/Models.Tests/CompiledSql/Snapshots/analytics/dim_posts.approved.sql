-- analytics.dim_posts (table) from Analytics/DimPosts.cs:8
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
metrics as (
    select
        post_id,
        cast(sum(views) as bigint) as views,
        cast(sum(unique_viewers) as bigint) as unique_viewers_days,
        cast(sum(likes) as bigint) as likes
    from "analytics"."agg_post_metrics_daily"
    group by post_id
)
select
    p.post_id,
    p.creator_id,
    p.post_text,
    p.created_at,
    p.updated_at,
    p.creator_full_name,
    p.creator_country_code,
    p.creator_region,
    coalesce(m.views, 0) as views,
    coalesce(m.unique_viewers_days, 0) as unique_viewers_days,
    coalesce(m.likes, 0) as likes,
    cast(m.likes as double precision) / nullif(m.views, 0) as like_ratio
from "__ephemeral__int_posts_current" p
left join metrics m on m.post_id = p.post_id
where not p.is_deleted
