using System.Globalization;
using ModelDsl.Catalog;
using ModelDsl.Runtime;
using static ModelDslTests.TestNodes;

namespace ModelDslTests;

/// <summary>
/// SCD2 snapshot behaviour as a table of scenarios, on every engine: each scenario replaces the source's rows and
/// builds the snapshot once per step, then compares the whole history, drawn as one line per version:
/// <c>key columns… [valid_from, valid_to)</c> with days of January 2024 as <c>01-07</c>, the current marker
/// as <c>∞</c>, NULL as <c>∅</c>, and <c>deleted</c> on deletion rows. Every step also checks the invariants:
/// unique scd_id, no empty or overlapping interval per key, at most one current row per key (exactly one
/// unless deletes invalidate).
/// </summary>
public abstract class SnapshotScenarioTests(TestEngine engine)
{
    /// <summary>One build: the source's rows (<c>key name day-of-updated_at</c>, or SQL) and the run's day.</summary>
    public sealed record Step(string Input, int RunDay, string? ExpectError = null);

    public sealed record Scenario(Scd2Config Config, Step[] Steps, string[] History);

    private static Scd2Config Timestamp(HardDeletes hardDeletes = HardDeletes.Ignore, string? validTo = "9999-12-31 00:00:00") =>
        new("user_id", "updated_at", Scd2Strategy.Timestamp, [], hardDeletes, validTo);

    private static Scd2Config Check(params string[] columns) => new("user_id", null, Scd2Strategy.Check, columns, HardDeletes.Ignore, "9999-12-31 00:00:00");

    private static Step Run(int runDay, params string[] rows) => new(Values(rows), runDay);

    private static readonly Dictionary<string, Scenario> Scenarios = new()
    {
        ["first run: one current version per key, opened at updated_at"] = new(Timestamp(),
            [Run(5, "u1 a 1", "u2 b 2")],
            ["u1 a [01-01, ∞)", "u2 b [01-02, ∞)"]),
        ["unchanged re-run adds no rows"] = new(Timestamp(),
            [Run(5, "u1 a 1", "u2 b 2"), Run(6, "u1 a 1", "u2 b 2"), Run(6, "u1 a 1", "u2 b 2")],
            ["u1 a [01-01, ∞)", "u2 b [01-02, ∞)"]),
        ["changed row closes the old version at the new updated_at"] = new(Timestamp(),
            [Run(5, "u1 a 1", "u2 b 2"), Run(7, "u1 c 6", "u2 b 2")],
            ["u1 a [01-01, 01-06)", "u1 c [01-06, ∞)", "u2 b [01-02, ∞)"]),
        // Documented limitation of the timestamp strategy: a change that keeps updated_at is not seen.
        ["equal updated_at with changed data is not captured by the timestamp strategy"] = new(Timestamp(),
            [Run(5, "u1 a 1"), Run(7, "u1 changed 1")],
            ["u1 a [01-01, ∞)"]),
        ["hard delete, Ignore: the deleted key stays current"] = new(Timestamp(HardDeletes.Ignore),
            [Run(5, "u1 a 1", "u2 b 2"), Run(7, "u2 b 2")],
            ["u1 a [01-01, ∞)", "u2 b [01-02, ∞)"]),
        ["hard delete, Invalidate: the current version closes at the run time"] = new(Timestamp(HardDeletes.Invalidate),
            [Run(5, "u1 a 1", "u2 b 2"), Run(7, "u2 b 2"), Run(8, "u2 b 2")],
            ["u1 a [01-01, 01-07)", "u2 b [01-02, ∞)"]),
        ["hard delete, NewRecord: a deletion version opens at the run time"] = new(Timestamp(HardDeletes.NewRecord),
            [Run(5, "u1 a 1", "u2 b 2"), Run(7, "u2 b 2"), Run(8, "u2 b 2")],
            ["u1 a [01-01, 01-07)", "u1 a [01-07, ∞) deleted", "u2 b [01-02, ∞)"]),
        ["deleted then back with a later updated_at: reopens at updated_at"] = new(Timestamp(HardDeletes.NewRecord),
            [Run(5, "u1 a 1"), Run(7), Run(10, "u1 c 9")],
            ["u1 a [01-01, 01-07)", "u1 a [01-07, 01-09) deleted", "u1 c [01-09, ∞)"]),
        ["deleted then back with an updated_at equal to the deletion: reopens at the run time"] = new(Timestamp(HardDeletes.NewRecord),
            [Run(5, "u1 a 1"), Run(7), Run(10, "u1 c 7")],
            ["u1 a [01-01, 01-07)", "u1 a [01-07, 01-10) deleted", "u1 c [01-10, ∞)"]),
        ["deleted then back with an earlier updated_at: reopens at the run time, never backwards"] = new(Timestamp(HardDeletes.NewRecord),
            [Run(5, "u1 a 1"), Run(7), Run(10, "u1 a 1"), Run(11, "u1 a 1")],
            ["u1 a [01-01, 01-07)", "u1 a [01-07, 01-10) deleted", "u1 a [01-10, ∞)"]),
        ["invalidated then back: the gap stays, the new version opens after the deletion"] = new(Timestamp(HardDeletes.Invalidate),
            [Run(5, "u1 a 1"), Run(7), Run(10, "u1 a 1"), Run(12), Run(15, "u1 d 13")],
            ["u1 a [01-01, 01-07)", "u1 a [01-10, 01-12)", "u1 d [01-13, ∞)"]),
        ["duplicate keys are refused before anything is written"] = new(Timestamp(),
            [Run(5, "u1 a 1"), new(Values("u1 b 6", "u1 c 6", "u2 x 6", "u2 y 6", "u3 z 6"), 7, "duplicate unique keys (user_id): 2 key(s), e.g. u1; u2")],
            ["u1 a [01-01, ∞)"]),
        ["NULL updated_at is refused before anything is written"] = new(Timestamp(),
            [Run(5, "u1 a 1"), new("select 'u1' as user_id, 'b' as name, cast(null as timestamp) as updated_at", 7, "NULL updated_at: 1 key(s), e.g. u1")],
            ["u1 a [01-01, ∞)"]),
        ["a new input column is added, NULL in older versions"] = new(Timestamp(),
            [Run(5, "u1 a 1"), new("select 'u1' as user_id, 'a' as name, 'a@x' as email, TIMESTAMP '2024-01-06' as updated_at", 7)],
            ["u1 a ∅ [01-01, 01-06)", "u1 a a@x [01-06, ∞)"]),
        ["a vanished input column stays, NULL in new versions"] = new(Timestamp(),
            [Run(5, "u1 a 1"), new("select 'u1' as user_id, TIMESTAMP '2024-01-06' as updated_at", 7)],
            ["u1 a [01-01, 01-06)", "u1 ∅ [01-06, ∞)"]),
        ["check strategy: NULL to NULL is no change, NULL to a value is, both at the run time"] = new(Check(),
            [new("select 'u1' as user_id, cast(null as varchar) as name", 5), new("select 'u1' as user_id, cast(null as varchar) as name", 6),
             new("select 'u1' as user_id, 'x' as name", 7), new("select 'u1' as user_id, cast(null as varchar) as name", 8)],
            ["u1 ∅ [01-05, 01-07)", "u1 x [01-07, 01-08)", "u1 ∅ [01-08, ∞)"]),
        ["check strategy: only the listed columns are compared"] = new(Check("name"),
            [new("select 'u1' as user_id, 'a' as name, 1 as visits", 5), new("select 'u1' as user_id, 'a' as name, 2 as visits", 6),
             new("select 'u1' as user_id, 'b' as name, 3 as visits", 7)],
            ["u1 a 1 [01-05, 01-07)", "u1 b 3 [01-07, ∞)"]),
        ["current valid_to may be NULL"] = new(Timestamp(HardDeletes.NewRecord, validTo: null),
            [Run(5, "u1 a 1", "u2 b 2"), Run(7, "u2 c 6")],
            ["u1 a [01-01, 01-07)", "u1 a [01-07, ∅) deleted", "u2 b [01-02, 01-06)", "u2 c [01-06, ∅)"]),
    };

    public static TheoryData<string> Names => [.. Scenarios.Keys];

    [Theory]
    [MemberData(nameof(Names), MemberType = typeof(SnapshotScenarioTests))]
    public void Snapshot_scenario(string name)
    {
        var scenario = Scenarios[name];
        using var warehouse = engine.Open();
        warehouse.Execute("create schema raw");
        var catalog = Catalog(Source("users"), Snapshot("user_history", "select * from \"raw\".\"users\"", scenario.Config, "users"));

        foreach (var step in scenario.Steps)
        {
            var before = History(warehouse, scenario.Config);
            Replace(warehouse, step.Input);
            var result = ProjectBuilder.Build(warehouse, catalog, new BuildOptions(Day(step.RunDay)), new StringWriter());

            if (step.ExpectError is { } error)
            {
                Assert.Equal(NodeStatus.Error, result.For("user_history")!.Status);
                Assert.Contains(error, result.For("user_history")!.Message);
                Assert.Equal(before, History(warehouse, scenario.Config));
            }
            else
            {
                Assert.True(result.Succeeded, result.For("user_history")!.Message);
            }
            AssertInvariants(warehouse, scenario.Config);
        }
        Assert.Equal(scenario.History, History(warehouse, scenario.Config));
    }

    [Fact]
    public void A_failing_second_statement_rolls_back_the_whole_snapshot_run()
    {
        using var warehouse = engine.Open();
        warehouse.Execute("create schema raw");
        var catalog = Catalog(Source("users"), Snapshot("user_history", "select * from \"raw\".\"users\"", Timestamp(), "users"));
        warehouse.Execute($"create table raw.users as {Values("u1 1 1", "u2 2 2")}");
        Assert.True(ProjectBuilder.Build(warehouse, catalog, new BuildOptions(Day(5)), new StringWriter()).Succeeded);
        warehouse.Execute("alter table snapshots.user_history alter column name type integer using cast(name as integer)");
        var before = History(warehouse, Timestamp());

        // u1 changed: closing its version succeeds, then inserting the new one fails on the INTEGER column.
        Replace(warehouse, Values("u1 not-a-number 6", "u2 2 2"));
        var result = ProjectBuilder.Build(warehouse, catalog, new BuildOptions(Day(7)), new StringWriter());

        Assert.Equal(NodeStatus.Error, result.For("user_history")!.Status);
        Assert.Equal(before, History(warehouse, Timestamp()));
        Assert.Equal(1, warehouse.Scalar<long>("select count(*) from _modeldsl.snapshot_runs"));
    }

    [Fact]
    public void Full_refresh_keeps_snapshot_history_and_the_explicit_option_wipes_it_loudly()
    {
        using var warehouse = engine.Open();
        warehouse.Execute("create schema raw");
        var catalog = Catalog(Source("users"), Snapshot("user_history", "select * from \"raw\".\"users\"", Timestamp(), "users"));
        warehouse.Execute($"create table raw.users as {Values("u1 a 1")}");
        ProjectBuilder.Build(warehouse, catalog, new BuildOptions(Day(5)), new StringWriter());
        Replace(warehouse, Values("u1 b 6"));
        ProjectBuilder.Build(warehouse, catalog, new BuildOptions(Day(7)), new StringWriter());

        ProjectBuilder.Build(warehouse, catalog, new BuildOptions(Day(8), Refresh: new RefreshOptions(FullRefresh: true)), new StringWriter());
        Assert.Equal(["u1 a [01-01, 01-06)", "u1 b [01-06, ∞)"], History(warehouse, Timestamp()));

        var output = new StringWriter();
        ProjectBuilder.Build(warehouse, catalog, new BuildOptions(Day(8), Refresh: new RefreshOptions(WipeSnapshotHistory: true)), output);
        Assert.Equal(["u1 b [01-06, ∞)"], History(warehouse, Timestamp()));
        Assert.Contains("WARNING: --wipe-snapshot-history: dropping the whole history of snapshot snapshots.user_history", output.ToString());
    }

    private static void Replace(Warehouse warehouse, string select)
    {
        warehouse.Execute("drop table if exists raw.users");
        warehouse.Execute($"create table raw.users as {select}");
    }

    private static DateTime Day(int day) => new(2024, 1, day, 0, 0, 0, DateTimeKind.Utc);

    /// <summary>Rows <c>"key name day"</c> as a SELECT of (user_id, name, updated_at); none gives an empty table.</summary>
    private static string Values(params string[] rows)
    {
        if (rows.Length == 0)
            return "select 'x' as user_id, 'x' as name, TIMESTAMP '2024-01-01' as updated_at limit 0";
        var values = rows.Select(r => r.Split(' ')).Select(p => $"('{p[0]}', '{p[1]}', TIMESTAMP '2024-01-{int.Parse(p[2]):00}')");
        return $"select * from (values {string.Join(", ", values)}) t(user_id, name, updated_at)";
    }

    private static string[] History(Warehouse warehouse, Scd2Config config)
    {
        if (warehouse.FindRelation("snapshots", "user_history") == RelationType.None)
            return [];
        var columns = warehouse.Describe("snapshots.user_history").Select(c => c.Name)
            .Where(c => c is not ("scd_id" or "valid_from" or "valid_to" or "is_deleted" or "updated_at")).ToList();
        var select = string.Join(", ", columns.Select(c => $"coalesce(cast(\"{c}\" as varchar), '∅')"));
        return warehouse.Rows(
                $"""
                select concat_ws(' ', {select}), valid_from, valid_to, is_deleted
                from snapshots.user_history order by user_id, valid_from
                """)
            .Select(r => $"{r[0]} [{Stamp(r[1])}, {Stamp(r[2])}){((bool)r[3]! ? " deleted" : "")}")
            .ToArray();
    }

    private static string Stamp(object? value) => value switch
    {
        null => "∅",
        DateTime { Year: 9999 } => "∞",
        DateTime time => time.ToString(time.TimeOfDay == TimeSpan.Zero ? "MM-dd" : "MM-dd HH:mm", CultureInfo.InvariantCulture),
        _ => value.ToString()!,
    };

    private static void AssertInvariants(Warehouse warehouse, Scd2Config config)
    {
        if (warehouse.FindRelation("snapshots", "user_history") == RelationType.None)
            return;
        const string T = "snapshots.user_history";
        const string Current = "(valid_to is null or valid_to = TIMESTAMP '9999-12-31')";
        Assert.Equal(0, warehouse.Scalar<long>($"select count(*) - count(distinct scd_id) from {T}"));
        Assert.Equal(0, warehouse.Scalar<long>($"select count(*) from {T} where not {Current} and valid_to <= valid_from"));
        Assert.Equal(0, warehouse.Scalar<long>(
            $"""
            select count(*) from {T} a join {T} b on a.user_id = b.user_id and a.scd_id <> b.scd_id
            and a.valid_from < coalesce(b.valid_to, TIMESTAMP '9999-12-31') and b.valid_from < coalesce(a.valid_to, TIMESTAMP '9999-12-31')
            """));
        Assert.Equal(0, warehouse.Scalar<long>($"select count(*) from (select user_id from {T} where {Current} group by 1 having count(*) > 1) as twice"));
        if (config.HardDeletes != HardDeletes.Invalidate)
            Assert.Equal(0, warehouse.Scalar<long>($"select count(*) from (select user_id from {T} group by 1 having count(*) filter (where {Current}) <> 1) as not_once"));
    }
}

public sealed class SnapshotScenarioTestsOnDuckDb() : SnapshotScenarioTests(TestEngine.DuckDb);

public sealed class SnapshotScenarioTestsOnPostgres() : SnapshotScenarioTests(TestEngine.Postgres);
