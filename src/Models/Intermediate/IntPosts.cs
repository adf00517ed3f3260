using EventStream.Seeds;
using EventStream.Snapshots;
using EventStream.Staging;
using ModelDsl;

namespace EventStream.Intermediate;

/// <summary>
/// Posts with their creator's current attributes, and the creator's attributes as of the post's creation from
/// the user snapshot (a post older than the creator's first snapshot version gets that first version).
/// Deleted creators' posts are kept.
/// </summary>
[Intermediate]
public sealed partial class IntPosts : SqlModel
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
            u.is_deleted as is_creator_deleted,
            h.country_code as creator_country_code_at_post,
            coalesce(hc.region, 'Unknown') as creator_region_at_post
        from {Ref<StgPosts>()} p
        left join {Ref<IntUsers>()} u on u.user_id = p.creator_id
        left join (
            select
                user_id,
                upper(trim(country_code)) as country_code,
                valid_from,
                valid_to,
                valid_from = min(valid_from) over (partition by user_id) as is_first_version
            from {Ref<RawUserSnapshots>()}
        ) h on h.user_id = p.creator_id
            and (p.created_at >= h.valid_from or h.is_first_version)
            and p.created_at < h.valid_to
        left join {Ref<Countries>()} hc on hc.country_code = h.country_code
        """;
}
