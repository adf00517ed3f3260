-- intermediate.int_user_history (ephemeral) from Intermediate/IntUserHistory.cs:14
select
    s.user_id,
    s.country_code,
    coalesce(c.region, 'Unknown') as region,
    case
        when s.valid_from = min(s.valid_from) over (partition by s.user_id) then timestamp '-infinity'
        else s.valid_from
    end as valid_from,
    s.valid_to
from (
    select user_id, upper(trim(country_code)) as country_code, valid_from, valid_to
    from "snapshots"."raw__user_snapshots"
) s
left join "raw"."countries" c on c.country_code = s.country_code
