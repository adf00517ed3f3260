using ModelDsl;

namespace EventStream.Sources;

/// <summary>View and like events, append-only.</summary>
[Source("raw", "event", EventTime = "created_at", LoadedAt = "created_at", WarnAfterHours = 24, ErrorAfterHours = 48)]
public sealed partial class RawEvent : SourceTable
{
    [Unique, NotNull] public required string EventId { get; init; }
    /// <summary>The viewer.</summary>
    [NotNull, References<RawUser>("user_id")] public required string UserId { get; init; }
    [NotNull, References<RawPost>("post_id")] public required string PostId { get; init; }
    [NotNull] public DateTime CreatedAt { get; init; }
    [NotNull, AcceptedValues("view", "like")] public required string EventType { get; init; }
}
