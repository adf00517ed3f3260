using EventStream.Intermediate;
using ModelDsl;

namespace EventStream.Analytics;

/// <summary>One row per view or like event; built incrementally, adding only events not seen before.</summary>
[Fact(Grain = Grain.Event, EventTime = "created_at", UniqueKey = "event_id")]
public sealed partial class FctEvents : SqlModel
{
    /// <summary>The event's id.</summary>
    [Unique, NotNull] public required string EventId { get; init; }
    /// <summary>The user who viewed or liked.</summary>
    [NotNull] public required string ViewerId { get; init; }
    /// <summary>The post viewed or liked.</summary>
    [NotNull] public required string PostId { get; init; }
    /// <summary>The creator of the post (NULL when the post is not known).</summary>
    public string? CreatorId { get; init; }
    /// <summary>When the event happened (UTC).</summary>
    [NotNull] public DateTime CreatedAt { get; init; }
    /// <summary><c>view</c> or <c>like</c>.</summary>
    [NotNull, AcceptedValues("view", "like")] public required string EventType { get; init; }
    /// <summary>Whether the event is a like.</summary>
    [NotNull] public bool IsLike { get; init; }
    /// <summary>The day of created_at: the day partition the row is built in.</summary>
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
