-- analytics.fct_events (incremental) from Analytics/FctEvents.cs:8
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
        u.region as creator_region,
        u.is_deleted as is_creator_deleted,
        h.country_code as creator_country_code_at_post,
        coalesce(hc.region, 'Unknown') as creator_region_at_post
    from "staging"."stg_posts" p
    left join "__ephemeral__int_users" u on u.user_id = p.creator_id
    left join (
        select
            user_id,
            upper(trim(country_code)) as country_code,
            valid_from,
            valid_to,
            valid_from = min(valid_from) over (partition by user_id) as is_first_version
        from "snapshots"."raw__user_snapshots"
    ) h on h.user_id = p.creator_id
        and (p.created_at >= h.valid_from or h.is_first_version)
        and p.created_at < h.valid_to
    left join "raw"."countries" hc on hc.country_code = h.country_code
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
    from (select * from "staging"."stg_events" where "partition_date" >= getvariable('partition_start') and "partition_date" < getvariable('partition_end')) e
    left join "__ephemeral__int_posts" p on p.post_id = e.post_id
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
from (select * from "__ephemeral__int_events__narrowed" where "created_at" >= getvariable('partition_start') and "created_at" < getvariable('partition_end'))
