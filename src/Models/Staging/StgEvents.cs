using EventStream.Sources;
using ModelDsl;

namespace EventStream.Staging;

/// <summary>View and like events with a like flag and the day they belong to; built day by day.</summary>
[Staging]
[Incremental(EventTime = "partition_date")]
public sealed partial class StgEvents : SqlModel
{
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
