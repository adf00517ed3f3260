using EventStream.Seeds;
using EventStream.Staging;
using ModelDsl;

namespace EventStream.Intermediate;

/// <summary>Users with a soft-delete flag and their country's name and region (<c>Unknown</c> for codes not in the seed).</summary>
[Intermediate]
public sealed partial class IntUsers : SqlModel
{
    public override string Sql => $"""
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
        from {Ref<StgUsers>()} u
        left join {Ref<Countries>()} c on c.country_code = u.country_code
        """;
}
