-- intermediate.int_users (ephemeral) from Intermediate/IntUsers.cs:9
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
