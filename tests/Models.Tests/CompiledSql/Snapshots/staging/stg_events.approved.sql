-- staging.stg_events (incremental) from Staging/StgEvents.cs:9
with "__narrowed__raw__event" as (
    select * from "raw"."event" where "created_at" >= {{ partition_start }} and "created_at" < {{ partition_end }}
)
select
    event_id,
    user_id,
    post_id,
    created_at,
    event_type,
    event_type = 'like' as is_like,
    cast(created_at as date) as partition_date
from "__narrowed__raw__event"
