-- intermediate.int_users (ephemeral) from Intermediate/IntUsers.cs:8
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
