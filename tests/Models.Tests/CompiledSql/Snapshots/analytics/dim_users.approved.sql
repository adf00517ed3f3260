-- analytics.dim_users (table) from Analytics/DimUsers.cs:11
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
viewer as (
    select
        user_id,
        cast(sum(views) as bigint) as views,
        cast(sum(likes_given) as bigint) as likes_given,
        cast(sum(sessions) as bigint) as sessions,
        max(event_date) as last_active_date,
        bool_or(event_date between cast({{ run_time }} as date) - 27 and cast({{ run_time }} as date)) as is_active_viewer
    from "analytics"."agg_user_metrics_daily"
    group by user_id
),
creator as (
    select
        creator_id as user_id,
        count(*) as posts,
        cast(sum(views) as bigint) as total_views,
        cast(sum(likes) as bigint) as total_likes,
        bool_or(cast(created_at as date) between cast({{ run_time }} as date) - 27 and cast({{ run_time }} as date)) as is_active_creator
    from "analytics"."dim_posts"
    group by creator_id
)
select
    u.user_id,
    u.first_name,
    u.last_name,
    u.full_name,
    u.country_code,
    u.country_name,
    u.region,
    u.fav_color,
    u.created_at,
    u.updated_at,
    coalesce(v.views, 0) as views,
    coalesce(v.likes_given, 0) as likes_given,
    coalesce(v.sessions, 0) as sessions,
    v.last_active_date,
    coalesce(v.is_active_viewer, false) as is_active_viewer,
    coalesce(c.posts, 0) as posts,
    coalesce(c.total_views, 0) as total_views,
    coalesce(c.total_likes, 0) as total_likes,
    cast(c.total_likes as double precision) / nullif(c.total_views, 0) as like_ratio,
    coalesce(c.is_active_creator, false) as is_active_creator
from "__ephemeral__int_users" u
left join viewer v on v.user_id = u.user_id
left join creator c on c.user_id = u.user_id
where not u.is_deleted
