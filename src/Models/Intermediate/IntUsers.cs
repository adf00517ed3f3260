using EventStream.Staging;
using ModelDsl;

namespace EventStream.Intermediate;

/// <summary>Users with a soft-delete flag, ready to join to posts and events.</summary>
[Intermediate]
public sealed partial class IntUsers : SqlModel
{
    public override string Sql => $"""
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
        from {Ref<StgUsers>()}
        """;
}
