using ModelDsl;

namespace EventStream.Analytics;

/// <summary>SCD2 history of <c>dim_posts</c>; a post that leaves it (soft-deleted) gets a deletion version.</summary>
[Dimension]
[Scd2(UniqueKey = "post_id", UpdatedAt = "updated_at", HardDeletes = HardDeletes.NewRecord)]
public sealed partial class DimPostsSnapshots : SqlModel
{
    public override string Sql => $"""
        select * from {Ref<DimPosts>()}
        """;
}
