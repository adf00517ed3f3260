using ModelDsl;

namespace EventStream.Sources;

/// <summary>Posts, each by one creator; soft-deleted rows keep their data.</summary>
[Source("raw", "post", EventTime = "updated_at", LoadedAt = "updated_at")]
public sealed partial class RawPost : SourceTable
{
    [Unique, NotNull] public required string PostId { get; init; }
    /// <summary>The creator.</summary>
    [NotNull, References<RawUser>("user_id")] public required string UserId { get; init; }
    public string? PostText { get; init; }
    [NotNull] public DateTime CreatedAt { get; init; }
    public DateTime UpdatedAt { get; init; }
    public DateTime? DeletedAt { get; init; }
}
