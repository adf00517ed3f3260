using EventStream.Sources;
using ModelDsl;

namespace EventStream.Staging;

/// <summary>Posts from the raw layer; <c>creator_id</c> is the posting user.</summary>
[Staging(EventTime = "created_at")]
public sealed partial class StgPosts : SqlModel
{
    public override string Sql => $"""
        select
            post_id,
            user_id as creator_id,
            post_text,
            created_at,
            updated_at,
            deleted_at
        from {Source<RawPost>()}
        """;
}
