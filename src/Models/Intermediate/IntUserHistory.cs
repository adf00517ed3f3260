using EventStream.Seeds;
using EventStream.Snapshots;
using ModelDsl;

namespace EventStream.Intermediate;

/// <summary>
/// Every version of every user from the user snapshot, with the version's country code and region, ready for
/// point-in-time joins (<c>on user_id = ... and t &gt;= valid_from and t &lt; valid_to</c>). A user's first version
/// counts from the beginning of time, so a row older than the first snapshot still finds a version; doing it here
/// instead of with an <c>or</c> in each join keeps those joins hash joins.
/// </summary>
[Intermediate, UniqueCombination("user_id", "valid_from")]
public sealed partial class IntUserHistory : SqlModel
{
    public override string Sql => $"""
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
            from {Ref<RawUserSnapshots>()}
        ) s
        left join {Ref<Countries>()} c on c.country_code = s.country_code
        """;
}
