using EventStream.Staging;
using ModelDsl;

namespace EventStream.Intermediate;

/// <summary>Events with the viewed post's creator, ready for facts.</summary>
[Intermediate(EventTime = "created_at")]
public sealed partial class IntEvents : SqlModel
{
    // Only the creator is needed, so the posts come from staging, not from int_posts and its creator joins.
    public override string Sql => $"""
        select
            e.event_id,
            e.user_id as viewer_id,
            e.post_id,
            p.creator_id,
            e.created_at,
            e.event_type,
            e.is_like,
            e.partition_date as event_date
        from {Ref<StgEvents>()} e
        left join {RefAll<StgPosts>()} p on p.post_id = e.post_id
        """;
}
