using EventStream.Staging;
using ModelDsl;

namespace EventStream.Intermediate;

/// <summary>Posts with their creator's current attributes (deleted creators' posts are kept).</summary>
[Intermediate]
public sealed partial class IntPostsCurrent : SqlModel
{
    public override string Sql => $"""
        select
            p.post_id,
            p.creator_id,
            p.post_text,
            p.created_at,
            p.updated_at,
            p.deleted_at,
            p.deleted_at is not null as is_deleted,
            u.full_name as creator_full_name,
            u.country_code as creator_country_code,
            u.region as creator_region,
            u.is_deleted as is_creator_deleted
        from {RefAll<StgPosts>()} p
        left join {Ref<IntUsers>()} u on u.user_id = p.creator_id
        """;
}
