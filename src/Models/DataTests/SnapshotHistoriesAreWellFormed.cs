using EventStream.Analytics;
using EventStream.Snapshots;
using ModelDsl;

namespace EventStream.DataTests;

/// <summary>
/// Every SCD2 history of the warehouse is well formed: per key, versions never run backwards, never overlap, and
/// exactly one of them is current (open until the far-future marker).
/// </summary>
[DataTest]
public sealed partial class SnapshotHistoriesAreWellFormed : SqlTest
{
    public override string Sql => $"""
        with versions as (
            select 'raw__user_snapshots' as snapshot, user_id as key, valid_from, valid_to from {Ref<RawUserSnapshots>()}
            union all
            select 'raw__post_snapshots', post_id, valid_from, valid_to from {Ref<RawPostSnapshots>()}
            union all
            select 'dim_users_snapshots', user_id, valid_from, valid_to from {Ref<DimUsersSnapshots>()}
            union all
            select 'dim_posts_snapshots', post_id, valid_from, valid_to from {Ref<DimPostsSnapshots>()}
        ),
        checked as (
            select
                snapshot,
                key,
                valid_from,
                valid_to,
                lead(valid_from) over (partition by snapshot, key order by valid_from) as next_valid_from
            from versions
        )
        select snapshot, key, 'runs backwards or is empty' as problem from checked where valid_from >= valid_to
        union all
        select snapshot, key, 'overlaps the next version' from checked where next_valid_from < valid_to
        union all
        select snapshot, key, 'has ' || count(*) filter (where valid_to = timestamp '{Scd2Attribute.DefaultCurrentValidTo}') || ' current versions'
        from checked
        group by snapshot, key
        having count(*) filter (where valid_to = timestamp '{Scd2Attribute.DefaultCurrentValidTo}') <> 1
        """;
}
