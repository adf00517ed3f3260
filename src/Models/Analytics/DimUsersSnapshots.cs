using ModelDsl;

namespace EventStream.Analytics;

/// <summary>SCD2 history of <c>dim_users</c>; a user who leaves it (soft-deleted) gets a deletion version.</summary>
[Dimension]
[Scd2(UniqueKey = "user_id", UpdatedAt = "updated_at", HardDeletes = HardDeletes.NewRecord)]
public sealed partial class DimUsersSnapshots : SqlModel
{
    public override string Sql => $"""
        select * from {Ref<DimUsers>()}
        """;
}
