using ModelDsl;

namespace EventStream.Intermediate;

/// <summary>
/// Posts with their creator's current attributes, and the creator's country and region as of the post's creation
/// from the user history. Deleted creators' posts are kept. Models that need only the current attributes read
/// <c>int_posts_current</c>, so they do not pay for the history join.
/// </summary>
[Intermediate]
public sealed partial class IntPosts : SqlModel
{
    public override string Sql => $"""
        select
            p.*,
            h.country_code as creator_country_code_at_post,
            coalesce(h.region, 'Unknown') as creator_region_at_post
        from {Ref<IntPostsCurrent>()} p
        left join {Ref<IntUserHistory>()} h
            on h.user_id = p.creator_id and p.created_at >= h.valid_from and p.created_at < h.valid_to
        """;
}
