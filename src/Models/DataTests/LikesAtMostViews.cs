using EventStream.Staging;
using ModelDsl;

namespace EventStream.DataTests;

/// <summary>Per post and day, likes never outnumber views, so a like ratio lies in [0, 1]. Checks the days the build processes.</summary>
[DataTest(Incremental = true)]
public sealed partial class LikesAtMostViews : SqlTest
{
    public override string Sql => $"""
        select post_id, partition_date, count(*) filter (where is_like) as likes, count(*) filter (where not is_like) as views
        from {Ref<StgEvents>()}
        group by post_id, partition_date
        having count(*) filter (where is_like) > count(*) filter (where not is_like)
        """;
}
