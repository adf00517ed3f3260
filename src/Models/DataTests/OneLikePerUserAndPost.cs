using EventStream.Staging;
using ModelDsl;

namespace EventStream.DataTests;

/// <summary>A user likes a given post at most once, ever.</summary>
[DataTest]
public sealed partial class OneLikePerUserAndPost : SqlTest
{
    public override string Sql => $"""
        select user_id, post_id, count(*) as likes
        from {Ref<StgEvents>()}
        where event_type = 'like'
        group by user_id, post_id
        having count(*) > 1
        """;
}
