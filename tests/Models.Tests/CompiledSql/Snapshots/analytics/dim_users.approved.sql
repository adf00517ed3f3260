-- analytics.dim_users (table) from Analytics/DimUsers.cs:8
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
