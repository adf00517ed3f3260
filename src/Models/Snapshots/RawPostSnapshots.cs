using EventStream.Sources;
using ModelDsl;

namespace EventStream.Snapshots;

/// <summary>SCD2 history of <c>raw.post</c>: one version per change of <c>updated_at</c>.</summary>
[Snapshot(Name = "raw__post_snapshots")]
[Scd2(UniqueKey = "post_id", UpdatedAt = "updated_at")]
public sealed partial class RawPostSnapshots : SqlModel
{
    public override string Sql => $"""
        select * from {Source<RawPost>()}
        """;
}
