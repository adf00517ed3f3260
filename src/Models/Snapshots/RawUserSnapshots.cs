using EventStream.Sources;
using ModelDsl;

namespace EventStream.Snapshots;

/// <summary>SCD2 history of <c>raw.user</c>: one version per change of <c>updated_at</c>.</summary>
[Snapshot(Name = "raw__user_snapshots")]
[Scd2(UniqueKey = "user_id", UpdatedAt = "updated_at")]
public sealed partial class RawUserSnapshots : SqlModel
{
    public override string Sql => $"""
        select * from {Source<RawUser>()}
        """;
}
