-- staging.stg_posts (table) from Staging/StgPosts.cs:8
select
    post_id,
    user_id as creator_id,
    post_text,
    created_at,
    updated_at,
    deleted_at
from "raw"."post"
