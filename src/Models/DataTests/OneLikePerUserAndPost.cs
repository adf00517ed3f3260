using EventStream.Staging;
using ModelDsl;

namespace EventStream.DataTests;

/// <summary>
/// A user likes a given post at most once, ever. Checks the pairs liked in the days the build processes, counting
/// their likes over every day.
/// </summary>
[DataTest(Incremental = true)]
public sealed partial class OneLikePerUserAndPost : SqlTest
{
    public override string Sql => $"""
        select a.user_id, a.post_id, count(*) as likes
        from {RefAll<StgEvents>()} a
        where a.event_type = 'like'
          and exists (
              select 1 from {Ref<StgEvents>()} n
              where n.event_type = 'like' and n.user_id = a.user_id and n.post_id = a.post_id)
        group by a.user_id, a.post_id
        having count(*) > 1
        """;
}
