using EventStream.Analytics;
using EventStream.Snapshots;
using ModelDsl;

namespace EventStream.DataTests;

/// <summary>
/// Every SCD2 history of the warehouse is well formed: per key, versions never run backwards, never overlap, and
/// exactly one of them is current (open until the far-future marker). Checks the whole history of each key that
/// the days the build processes touched: a version opened or closed on or after the first of them (every key
/// when the build processes every day).
/// </summary>
[DataTest(Incremental = true)]
public sealed partial class SnapshotHistoriesAreWellFormed : SqlTest
{
    private const string Current = $"timestamp '{Scd2Attribute.DefaultCurrentValidTo}'";

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
        touched as (
            select distinct snapshot, key
            from versions
            where valid_from >= {PartitionDay} or (valid_to >= {PartitionDay} and valid_to <> {Current})
        ),
        checked as (
            select
                v.snapshot,
                v.key,
                v.valid_from,
                v.valid_to,
                lead(v.valid_from) over (partition by v.snapshot, v.key order by v.valid_from) as next_valid_from
            from versions v
            join touched t on t.snapshot = v.snapshot and t.key = v.key
        )
        select snapshot, key, 'runs backwards or is empty' as problem from checked where valid_from >= valid_to
        union all
        select snapshot, key, 'overlaps the next version' from checked where next_valid_from < valid_to
        union all
        select snapshot, key, 'has ' || count(*) filter (where valid_to = {Current}) || ' current versions'
        from checked
        group by snapshot, key
        having count(*) filter (where valid_to = {Current}) <> 1
        """;
}
