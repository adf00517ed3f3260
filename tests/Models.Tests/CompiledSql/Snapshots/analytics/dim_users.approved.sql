-- analytics.dim_users (table) from Analytics/DimUsers.cs:8
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
    user_id,
    first_name,
    last_name,
    full_name,
    country_code,
    fav_color,
    created_at,
    updated_at
from "__ephemeral__int_users"
where not is_deleted
