using EventStream.Sources;
using ModelDsl;

namespace EventStream.Staging;

/// <summary>
/// Posts from the raw layer; <c>creator_id</c> is the posting user. A build rewrites the posts changed (created,
/// edited, deleted) on the days it processes.
/// </summary>
[Staging]
[Incremental(Grain = Grain.Key, UniqueKey = "post_id", EventTime = "updated_at")]
public sealed partial class StgPosts : SqlModel
{
    [Unique, NotNull] public required string PostId { get; init; }
    [NotNull, References<StgUsers>("user_id")] public required string CreatorId { get; init; }
    public string? PostText { get; init; }
    [NotNull] public DateTime CreatedAt { get; init; }
    [NotNull] public DateTime UpdatedAt { get; init; }
    public DateTime? DeletedAt { get; init; }

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
