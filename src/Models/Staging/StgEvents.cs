using EventStream.Sources;
using ModelDsl;

namespace EventStream.Staging;

/// <summary>View and like events with a like flag and the day they belong to; built day by day.</summary>
[Staging]
[Incremental(EventTime = "partition_date")]
public sealed partial class StgEvents : SqlModel
{
    [NotNull] public required string EventId { get; init; }
    /// <summary>The viewer.</summary>
    [NotNull] public required string UserId { get; init; }
    [NotNull] public required string PostId { get; init; }
    [NotNull] public DateTime CreatedAt { get; init; }
    [NotNull, AcceptedValues("view", "like")] public required string EventType { get; init; }
    [NotNull] public bool IsLike { get; init; }
    /// <summary>The event's date: the day partition it belongs to.</summary>
    [NotNull] public DateOnly PartitionDate { get; init; }

    public override string Sql => $"""
        select
            event_id,
            user_id,
            post_id,
            created_at,
            event_type,
            event_type = 'like' as is_like,
            cast(created_at as date) as partition_date
        from {Source<RawEvent>()}
        """;
}
