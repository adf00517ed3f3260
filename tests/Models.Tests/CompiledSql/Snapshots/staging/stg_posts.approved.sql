-- staging.stg_posts (incremental) from Staging/StgPosts.cs:12
with "__narrowed__raw__post" as (
    select * from "raw"."post" where "updated_at" >= {{ partition_start }} and "updated_at" < {{ partition_end }}
)
select
    post_id,
    user_id as creator_id,
    post_text,
    created_at,
    updated_at,
    deleted_at
from "__narrowed__raw__post"
