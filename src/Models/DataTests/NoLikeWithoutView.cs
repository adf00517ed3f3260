using EventStream.Staging;
using ModelDsl;

namespace EventStream.DataTests;

/// <summary>
/// Every like follows an earlier view of the same post by the same user. Checks the likes of the days the build
/// processes, against views of any day.
/// </summary>
[DataTest(Incremental = true)]
public sealed partial class NoLikeWithoutView : SqlTest
{
    public override string Sql => $"""
        select l.event_id, l.user_id, l.post_id, l.created_at
        from {Ref<StgEvents>()} l
        where l.event_type = 'like'
          and not exists (
              select 1 from {RefAll<StgEvents>()} v
              where v.event_type = 'view' and v.user_id = l.user_id and v.post_id = l.post_id and v.created_at < l.created_at)
        """;
}
