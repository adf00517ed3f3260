using EventStream.Intermediate;
using ModelDsl;

namespace EventStream.Analytics;

/// <summary>One row per view or like event; built incrementally, adding only events not seen before.</summary>
[Fact(Grain = Grain.Event, EventTime = "created_at", UniqueKey = "event_id")]
public sealed partial class FctEvents : SqlModel
{
    [Unique, NotNull] public required string EventId { get; init; }
    [NotNull] public required string ViewerId { get; init; }
    [NotNull] public required string PostId { get; init; }
    public string? CreatorId { get; init; }
    [NotNull] public DateTime CreatedAt { get; init; }
    [NotNull, AcceptedValues("view", "like")] public required string EventType { get; init; }
    [NotNull] public bool IsLike { get; init; }
    [NotNull] public DateOnly PartitionDate { get; init; }

    public override string Sql => $"""
        select
            event_id,
            viewer_id,
            post_id,
            creator_id,
            created_at,
            event_type,
            is_like,
            event_date as partition_date
        from {Ref<IntEvents>()}
        """;
}
