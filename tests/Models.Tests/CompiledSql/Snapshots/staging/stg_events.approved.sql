-- staging.stg_events (table) from Staging/StgEvents.cs:8
select
    event_id,
    user_id,
    post_id,
    created_at,
    event_type,
    event_type = 'like' as is_like,
    cast(created_at as date) as partition_date
from "raw"."event"
