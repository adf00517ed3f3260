-- staging.stg_users (incremental) from Staging/StgUsers.cs:12
with "__narrowed__raw__user" as (
    select * from "raw"."user" where "updated_at" >= {{ partition_start }} and "updated_at" < {{ partition_end }}
)
select
    user_id,
    first_name,
    last_name,
    first_name || ' ' || last_name as full_name,
    created_at,
    updated_at,
    deleted_at,
    upper(trim(country_code)) as country_code,
    favorite_color as fav_color
from "__narrowed__raw__user"
