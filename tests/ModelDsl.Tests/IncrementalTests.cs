using ModelDsl.Catalog;
using ModelDsl.Materializations;
using ModelDsl.Runtime;
using static ModelDslTests.TestNodes;

namespace ModelDslTests;

/// <summary>
/// Incremental models on every engine, over a source <c>raw.events</c> with event time <c>created_at</c>. The
/// models' SQL is written as the generator compiles it: the reference to the source narrowed to the window.
/// </summary>
public abstract class IncrementalTests(TestEngine engine)
{
    private const string Events = """(select * from "raw"."events" where "created_at" >= {{ partition_start }} and "created_at" < {{ partition_end }})""";

    private static readonly Node Source = EventSource("events", "created_at");

    /// <summary>The narrowed reference to <c>raw.events</c> over a window of <paramref name="days"/> days, as the generator compiles it.</summary>
    private static string Window(string relation, string column, int days) =>
        $"""(select * from {relation} where "{column}" >= {Narrowing.PartitionStart} - INTERVAL '{days - 1} days' and "{column}" < {Narrowing.PartitionEnd})""";

    /// <summary>Day grain: per day and user, the events and the day's total (per day: the SQL is day-local).</summary>
    private static Node DailyCounts(int lookbackDays = 1, OnSchemaChange onSchemaChange = OnSchemaChange.Fail, string extraColumns = "") =>
        Incremental("daily_counts",
            $"""
            select cast(created_at as date) as event_date, user_id, count(*) as events,
                   sum(count(*)) over (partition by cast(created_at as date)) as day_total{extraColumns}
            from {Events} as events group by 1, 2
            """,
            new IncrementalConfig(Grain.Day, "event_date", null, lookbackDays, onSchemaChange, ["events"]), "events");

    /// <summary>Event grain: one row per event, added once.</summary>
    private static readonly Node Facts = Incremental("fct",
        $"select event_id, user_id, created_at from {Events} as events",
        new IncrementalConfig(Grain.Event, "created_at", "event_id", 1, OnSchemaChange.Fail, ["events"]), "events");

    /// <summary>Not day-local on purpose: every row counts the rows of the whole narrowed input, the days one statement reads.</summary>
    private static readonly Node InputRows = Incremental("input_rows",
        $"select distinct cast(created_at as date) as event_date, count(*) over () as input_rows from {Events} as events",
        new IncrementalConfig(Grain.Day, "event_date", null, 0, OnSchemaChange.Fail, ["events"]), "events");

    private static readonly string Day = Narrowing.PartitionDay;

    /// <summary>
    /// Distinct users with an event in the 1, 7 and 30 days ending on each day, as the generator compiles
    /// <c>RefWindow&lt;IntEvents&gt;(30)</c> of an ephemeral with an event time: narrowed inside and out.
    /// </summary>
    private static readonly Node Activity = Incremental("activity",
        $"""
        with "__ephemeral__int_events__narrowed" as (
            select user_id, cast(created_at as date) as event_date
            from {Window("\"raw\".\"events\"", "created_at", 30)} as events
        )
        select {Day} as activity_date,
               count(distinct user_id) filter (where event_date = {Day}) as dau,
               count(distinct user_id) filter (where event_date > {Day} - 7) as wau,
               count(distinct user_id) as mau
        from {Window("\"__ephemeral__int_events__narrowed\"", "event_date", 30)} as events
        """,
        new IncrementalConfig(Grain.Day, "activity_date", null, 1, OnSchemaChange.Fail, ["events"], WindowDays: 30), "events");

    private static ModelCatalog Project(params Node[] models) => Catalog([Source, .. models]);

    private static BuildResult Build(Warehouse warehouse, ModelCatalog catalog, DateOnly runDay, RefreshOptions? refresh = null) =>
        ProjectBuilder.Build(warehouse, catalog,
            new BuildOptions(runDay.ToDateTime(new TimeOnly(23, 59, 59)), Refresh: refresh), new StringWriter());

    private static readonly DateOnly Day1 = new(2024, 1, 1);

    private Warehouse NewWarehouse()
    {
        var warehouse = engine.Open();
        warehouse.Execute("create schema raw; create table raw.events (event_id varchar, user_id integer, created_at timestamp)");
        return warehouse;
    }

    private static int _nextEvent;

    private static void AddEvents(Warehouse warehouse, DateOnly day, int count, int users = 3, Random? random = null)
    {
        random ??= new Random(count);
        for (var i = 0; i < count; i++)
        {
            var at = day.ToDateTime(TimeOnly.MinValue).AddSeconds(random.Next(86_400));
            warehouse.Execute("insert into raw.events values ($1, $2, $3)", $"e{Interlocked.Increment(ref _nextEvent)}", random.Next(users), at);
        }
    }

    /// <summary>Rows of <paramref name="relation"/> as sorted text, to compare two states exactly.</summary>
    private static string[] Contents(Warehouse warehouse, string relation) =>
        warehouse.Rows($"select cast(t as varchar) from {relation} t order by 1").Select(r => (string)r[0]!).ToArray();

    private static DateOnly[] ProcessedDays(Warehouse warehouse, string model) =>
        warehouse.Rows("select day from _modeldsl.partitions where model = $1 order by day", model)
            .Select(r => Warehouse.AsDate(r[0]!)).ToArray();

    [Fact]
    public void After_any_sequence_of_daily_builds_the_table_equals_a_full_refresh()
    {
        for (var iteration = 0; iteration < 6; iteration++)
        {
            var random = new Random(1000 + iteration);
            using var warehouse = NewWarehouse();
            var catalog = Project(DailyCounts(), Facts, Activity);
            var days = 8 + random.Next(6);
            for (var d = 0; d < days; d++)
            {
                var today = Day1.AddDays(d);
                // Some days are empty; some bring late rows for yesterday (inside the one-day look-back).
                if (random.NextDouble() > 0.25)
                    AddEvents(warehouse, today, random.Next(1, 30), random: random);
                if (d > 0 && random.NextDouble() < 0.4)
                    AddEvents(warehouse, today.AddDays(-1), random.Next(1, 5), random: random);
                // Builds skip some days and sometimes run twice.
                if (random.NextDouble() < 0.7)
                    Assert.True(Build(warehouse, catalog, today).Succeeded);
                if (random.NextDouble() < 0.15)
                    Assert.True(Build(warehouse, catalog, today).Succeeded);
            }
            var lastDay = Day1.AddDays(days - 1);
            Assert.True(Build(warehouse, catalog, lastDay).Succeeded);
            var daily = Contents(warehouse, "analytics.daily_counts");
            var facts = Contents(warehouse, "analytics.fct");
            var activity = Contents(warehouse, "analytics.activity");

            Assert.True(Build(warehouse, catalog, lastDay, new RefreshOptions(FullRefresh: true)).Succeeded);

            Assert.Equal(Contents(warehouse, "analytics.daily_counts"), daily);
            Assert.Equal(Contents(warehouse, "analytics.fct"), facts);
            Assert.Equal(Contents(warehouse, "analytics.activity"), activity);
            Assert.Equal(warehouse.Scalar<long>("select count(*) from raw.events"), facts.Length);
        }
    }

    [Fact]
    public void References_are_narrowed_to_the_processed_day()
    {
        using var warehouse = NewWarehouse();
        AddEvents(warehouse, Day1, 5);
        AddEvents(warehouse, Day1.AddDays(1), 7);
        var catalog = Project(InputRows);
        Build(warehouse, catalog, Day1);
        Build(warehouse, catalog, Day1.AddDays(1));

        // input_rows counts the whole narrowed input: one day's events, not all of them.
        Assert.Equal([5L, 7L], warehouse.Rows("select input_rows from analytics.input_rows order by event_date").Select(r => (long)r[0]!));
    }

    [Fact]
    public void A_rebuild_is_one_statement_over_all_the_days_and_records_each_day()
    {
        using var warehouse = NewWarehouse();
        AddEvents(warehouse, Day1, 5);
        AddEvents(warehouse, Day1.AddDays(2), 9); // day 2 has none
        var catalog = Project(InputRows, Facts);
        Assert.True(Build(warehouse, catalog, Day1.AddDays(2)).Succeeded);

        // One statement read the three days: every row counts all 14 events.
        Assert.Equal([14L, 14L], warehouse.Rows("select input_rows from analytics.input_rows order by event_date").Select(r => (long)r[0]!));
        Assert.Equal([(Day1, 5L), (Day1.AddDays(1), 0L), (Day1.AddDays(2), 9L)], RowCounts(warehouse, "analytics.fct"));
        Assert.Equal([(Day1, 1L), (Day1.AddDays(1), 0L), (Day1.AddDays(2), 1L)], RowCounts(warehouse, "analytics.input_rows"));

        // A daily build after it reads its own day only.
        AddEvents(warehouse, Day1.AddDays(3), 4);
        Assert.True(Build(warehouse, catalog, Day1.AddDays(3)).Succeeded);
        Assert.Equal(4, warehouse.Scalar<long>($"select input_rows from analytics.input_rows where event_date = DATE '{Day1.AddDays(3):yyyy-MM-dd}'"));
    }

    [Fact]
    public void A_rebuild_of_event_grain_keeps_each_keys_rows_of_its_first_day_as_daily_builds_do()
    {
        using var warehouse = NewWarehouse();
        // e1 on days 1 and 2, twice on day 1; a NULL key on both days.
        warehouse.Execute("""
            insert into raw.events values
                ('e1', 1, TIMESTAMP '2024-01-01 10:00'), ('e1', 2, TIMESTAMP '2024-01-01 11:00'), ('e1', 3, TIMESTAMP '2024-01-02 10:00'),
                ('e2', 4, TIMESTAMP '2024-01-02 12:00'), (NULL, 5, TIMESTAMP '2024-01-01 09:00'), (NULL, 6, TIMESTAMP '2024-01-02 09:00')
            """);
        // No look-back: re-processing a day would add its NULL-key rows again.
        var catalog = Project(Facts with { Config = Facts.Config with { Incremental = Facts.Config.Incremental! with { LookbackDays = 0 } } });
        Assert.True(Build(warehouse, catalog, Day1).Succeeded);
        Assert.True(Build(warehouse, catalog, Day1.AddDays(1)).Succeeded);
        var daily = Contents(warehouse, "analytics.fct");

        Assert.True(Build(warehouse, catalog, Day1.AddDays(1), new RefreshOptions(FullRefresh: true)).Succeeded);

        Assert.Equal(daily, Contents(warehouse, "analytics.fct"));
        Assert.Equal([1L, 2L, 4L, 5L, 6L], warehouse.Rows("select user_id from analytics.fct order by 1").Select(r => Convert.ToInt64(r[0])));
        Assert.Equal([(Day1, 3L), (Day1.AddDays(1), 2L)], RowCounts(warehouse, "analytics.fct"));
    }

    [Fact]
    public void A_windowed_model_gives_rolling_counts_day_by_day_and_on_a_full_refresh()
    {
        using var warehouse = NewWarehouse();
        var catalog = Project(Activity);
        var random = new Random(7);
        const int days = 40;
        for (var d = 0; d < days; d++)
        {
            if (d % 9 != 4) // some days without events
                AddEvents(warehouse, Day1.AddDays(d), random.Next(1, 6), users: 25, random: random);
            Assert.True(Build(warehouse, catalog, Day1.AddDays(d)).Succeeded);
        }
        var expected = RollingUsers(warehouse, Day1, Day1.AddDays(days - 1));
        Assert.Equal(expected, Contents(warehouse, "analytics.activity"));

        Assert.True(Build(warehouse, catalog, Day1.AddDays(days - 1), new RefreshOptions(FullRefresh: true)).Succeeded);

        Assert.Equal(expected, Contents(warehouse, "analytics.activity"));
        Assert.Equal(Enumerable.Range(0, days).Select(d => (Day1.AddDays(d), 1L)), RowCounts(warehouse, "analytics.activity"));
    }

    [Fact]
    public void The_first_day_of_an_incremental_input_comes_from_its_recorded_days()
    {
        using var warehouse = NewWarehouse();
        AddEvents(warehouse, Day1, 3);
        AddEvents(warehouse, Day1.AddDays(1), 3);
        var counts = DailyCounts(lookbackDays: 0);
        Assert.True(Build(warehouse, Project(counts), Day1.AddDays(1)).Succeeded);
        // Its recorded days still start on day 1; its table no longer does.
        warehouse.Execute($"delete from analytics.daily_counts where event_date = DATE '{Day1:yyyy-MM-dd}'");

        var userDays = Incremental("user_days",
            """select event_date, user_id from (select * from "analytics"."daily_counts" where "event_date" >= {{ partition_start }} and "event_date" < {{ partition_end }}) as counts""",
            new IncrementalConfig(Grain.Day, "event_date", null, 0, OnSchemaChange.Fail, ["daily_counts"]), "daily_counts");
        Assert.True(Build(warehouse, Project(counts, userDays), Day1.AddDays(1)).Succeeded);

        Assert.Equal([Day1, Day1.AddDays(1)], ProcessedDays(warehouse, "analytics.user_days"));
    }

    /// <summary>What <see cref="Activity"/> should hold, straight from <c>raw.events</c>.</summary>
    private static string[] RollingUsers(Warehouse warehouse, DateOnly first, DateOnly last) =>
        warehouse.Rows($"""
            select cast(r as varchar) from (
                select d.day as activity_date,
                       count(distinct e.user_id) filter (where cast(e.created_at as date) = d.day) as dau,
                       count(distinct e.user_id) filter (where cast(e.created_at as date) > d.day - 7) as wau,
                       count(distinct e.user_id) as mau
                from (select cast(g.day as date) as day
                      from generate_series(TIMESTAMP '{first:yyyy-MM-dd}', TIMESTAMP '{last:yyyy-MM-dd}', INTERVAL '1 day') as g(day)) d
                left join raw.events e on cast(e.created_at as date) > d.day - 30 and cast(e.created_at as date) <= d.day
                group by d.day
            ) r order by 1
            """).Select(r => (string)r[0]!).ToArray();

    private static (DateOnly Day, long Rows)[] RowCounts(Warehouse warehouse, string model) =>
        warehouse.Rows("select day, row_count from _modeldsl.partitions where model = $1 order by day", model)
            .Select(r => (Warehouse.AsDate(r[0]!), (long)r[1]!)).ToArray();

    [Fact]
    public void Empty_days_produce_no_rows_and_are_still_marked()
    {
        using var warehouse = NewWarehouse();
        AddEvents(warehouse, Day1, 4);
        AddEvents(warehouse, Day1.AddDays(3), 4);
        var catalog = Project(DailyCounts());
        Assert.True(Build(warehouse, catalog, Day1).Succeeded);
        Assert.True(Build(warehouse, catalog, Day1.AddDays(4)).Succeeded);

        Assert.Equal(
            [Day1, Day1.AddDays(3)],
            warehouse.Rows("select distinct event_date from analytics.daily_counts order by 1").Select(r => Warehouse.AsDate(r[0]!)));
        Assert.Equal(Enumerable.Range(0, 5).Select(Day1.AddDays), ProcessedDays(warehouse, "analytics.daily_counts"));
    }

    [Fact]
    public void With_no_input_yet_the_table_is_created_empty()
    {
        using var warehouse = NewWarehouse();
        Assert.True(Build(warehouse, Project(DailyCounts(), Facts), Day1).Succeeded);

        Assert.Equal(0, warehouse.Scalar<long>("select count(*) from analytics.daily_counts"));
        Assert.Equal(["event_date", "user_id", "events", "day_total"], warehouse.Describe("analytics.daily_counts").Select(c => c.Name));
    }

    [Fact]
    public void Late_rows_outside_the_look_back_wait_for_a_re_process_of_their_range()
    {
        using var warehouse = NewWarehouse();
        var catalog = Project(DailyCounts());
        for (var d = 0; d < 5; d++)
        {
            AddEvents(warehouse, Day1.AddDays(d), 3);
            Build(warehouse, catalog, Day1.AddDays(d));
        }
        AddEvents(warehouse, Day1, 10); // four days late: outside the look-back
        Build(warehouse, catalog, Day1.AddDays(4));
        Assert.Equal(3, warehouse.Scalar<long>($"select sum(events) from analytics.daily_counts where event_date = DATE '{Day1:yyyy-MM-dd}'"));

        Build(warehouse, catalog, Day1.AddDays(4), new RefreshOptions(From: Day1, To: Day1));
        Assert.Equal(13, warehouse.Scalar<long>($"select sum(events) from analytics.daily_counts where event_date = DATE '{Day1:yyyy-MM-dd}'"));
    }

    [Fact]
    public void Re_processing_a_range_changes_only_those_days()
    {
        using var warehouse = NewWarehouse();
        var catalog = Project(DailyCounts(lookbackDays: 0));
        for (var d = 0; d < 7; d++)
            AddEvents(warehouse, Day1.AddDays(d), 6);
        Assert.True(Build(warehouse, catalog, Day1.AddDays(6)).Succeeded);
        var before = PerDay(warehouse);

        // Change the source on every day; only days 3 and 4 are re-processed.
        warehouse.Execute("update raw.events set user_id = user_id + 100");
        Assert.True(Build(warehouse, catalog, Day1.AddDays(6), new RefreshOptions(From: Day1.AddDays(2), To: Day1.AddDays(3))).Succeeded);
        var after = PerDay(warehouse);

        var changed = before.Keys.Where(day => before[day] != after[day]).Order();
        Assert.Equal([Day1.AddDays(2), Day1.AddDays(3)], changed);
    }

    private static Dictionary<DateOnly, string> PerDay(Warehouse warehouse) =>
        warehouse.Rows("select event_date, string_agg(cast(t as varchar), '|' order by user_id) from analytics.daily_counts t group by 1")
            .ToDictionary(r => Warehouse.AsDate(r[0]!), r => (string)r[1]!);

    [Fact]
    public void Re_running_an_event_grain_model_adds_nothing()
    {
        using var warehouse = NewWarehouse();
        AddEvents(warehouse, Day1, 10);
        var catalog = Project(Facts);
        Assert.True(Build(warehouse, catalog, Day1).Succeeded);
        Assert.True(Build(warehouse, catalog, Day1).Succeeded);
        Assert.True(Build(warehouse, catalog, Day1, new RefreshOptions(From: Day1, To: Day1)).Succeeded);

        Assert.Equal(10, warehouse.Scalar<long>("select count(*) from analytics.fct"));
        Assert.Equal(10, warehouse.Scalar<long>("select count(distinct event_id) from analytics.fct"));
    }

    [Fact]
    public void Changed_output_columns_fail_with_a_hint_to_full_refresh_and_leave_the_table()
    {
        using var warehouse = NewWarehouse();
        AddEvents(warehouse, Day1, 5);
        Assert.True(Build(warehouse, Project(DailyCounts()), Day1).Succeeded);
        var before = Contents(warehouse, "analytics.daily_counts");

        AddEvents(warehouse, Day1.AddDays(1), 5);
        var result = Build(warehouse, Project(DailyCounts(extraColumns: ", 'x' as note")), Day1.AddDays(1));

        var failure = result.For("daily_counts")!;
        Assert.Equal(NodeStatus.Error, failure.Status);
        Assert.Contains("the output columns of analytics.daily_counts changed since it was built (added: note); run with --full-refresh", failure.Message);
        Assert.Equal(before, Contents(warehouse, "analytics.daily_counts"));

        Assert.True(Build(warehouse, Project(DailyCounts(extraColumns: ", 'x' as note")), Day1.AddDays(1), new RefreshOptions(FullRefresh: true)).Succeeded);
        Assert.Equal(0, warehouse.Scalar<long>("select count(*) from analytics.daily_counts where note is distinct from 'x'"));
    }

    [Fact]
    public void Append_new_columns_adds_them_NULL_in_older_rows()
    {
        using var warehouse = NewWarehouse();
        AddEvents(warehouse, Day1, 5);
        Assert.True(Build(warehouse, Project(DailyCounts(lookbackDays: 0, onSchemaChange: OnSchemaChange.AppendNewColumns)), Day1).Succeeded);

        AddEvents(warehouse, Day1.AddDays(1), 5);
        var model = DailyCounts(lookbackDays: 0, onSchemaChange: OnSchemaChange.AppendNewColumns, extraColumns: ", 'x' as note");
        Assert.True(Build(warehouse, Project(model), Day1.AddDays(1)).Succeeded);

        Assert.Equal(
            [(Day1, "NULL"), (Day1.AddDays(1), "x")],
            warehouse.Rows("select distinct event_date, coalesce(note, 'NULL') from analytics.daily_counts order by 1")
                .Select(r => (Warehouse.AsDate(r[0]!), (string)r[1]!)));
    }

    [Fact]
    public void Appended_columns_are_not_added_when_the_first_day_fails()
    {
        using var warehouse = NewWarehouse();
        AddEvents(warehouse, Day1, 5);
        Assert.True(Build(warehouse, Project(DailyCounts(lookbackDays: 0, onSchemaChange: OnSchemaChange.AppendNewColumns)), Day1).Succeeded);
        var columnsBefore = warehouse.Describe("analytics.daily_counts");

        AddEvents(warehouse, Day1.AddDays(1), 5);
        // Binds (so the column check passes) but fails on every row.
        var model = DailyCounts(lookbackDays: 0, onSchemaChange: OnSchemaChange.AppendNewColumns, extraColumns: ", cast('x' || user_id as integer) as note");
        var result = Build(warehouse, Project(model), Day1.AddDays(1));

        Assert.Equal(NodeStatus.Error, result.For("daily_counts")!.Status);
        Assert.Equal(columnsBefore, warehouse.Describe("analytics.daily_counts"));
    }

    [Fact]
    public void A_day_that_fails_halfway_leaves_its_previous_rows_and_stays_unmarked()
    {
        using var warehouse = NewWarehouse();
        for (var d = 0; d < 3; d++)
            AddEvents(warehouse, Day1.AddDays(d), 4);
        Assert.True(Build(warehouse, Project(DailyCounts()), Day1.AddDays(2)).Succeeded);
        var before = PerDay(warehouse);
        var marksBefore = warehouse.Rows("select day, run_time from _modeldsl.partitions order by day").Select(r => $"{r[0]} {r[1]}").ToList();

        // Same columns, but the cast fails on day 2's rows, after day 1 has been re-processed.
        var failsOnDay2 = Incremental("daily_counts",
            $"""
            select cast(created_at as date) as event_date, user_id,
                   cast(sum(cast(case when cast(created_at as date) = DATE '2024-01-02' then 'x' || user_id else '1' end as bigint)) as bigint) as events,
                   sum(count(*)) over () as day_total
            from {Events} as events group by 1, 2
            """,
            DailyCounts().Config.Incremental!, "events");
        warehouse.Execute("update raw.events set user_id = user_id + 100");
        var result = Build(warehouse, Project(failsOnDay2), Day1.AddDays(2), new RefreshOptions(From: Day1, To: Day1.AddDays(2)));

        Assert.Equal(NodeStatus.Error, result.For("daily_counts")!.Status);
        Assert.Contains("'x1", result.For("daily_counts")!.Message.Replace('"', '\''));   // the value that does not convert
        var after = PerDay(warehouse);
        Assert.NotEqual(before[Day1], after[Day1]);                  // day 1 committed
        Assert.Equal(before[Day1.AddDays(1)], after[Day1.AddDays(1)]); // day 2 rolled back
        Assert.Equal(before[Day1.AddDays(2)], after[Day1.AddDays(2)]); // day 3 never started
        var marksAfter = warehouse.Rows("select day, run_time from _modeldsl.partitions order by day").Select(r => $"{r[0]} {r[1]}").ToList();
        Assert.Equal(marksBefore.Skip(1), marksAfter.Skip(1));
    }

    [Fact]
    public void A_full_refresh_that_fails_leaves_the_previous_table_and_state()
    {
        using var warehouse = NewWarehouse();
        AddEvents(warehouse, Day1, 4);
        Assert.True(Build(warehouse, Project(DailyCounts()), Day1).Succeeded);
        var before = Contents(warehouse, "analytics.daily_counts");

        var broken = DailyCounts() with { Sql = DailyCounts().Sql.Replace("count(*) as events", "cast('x' || user_id as integer) as events") };
        var result = Build(warehouse, Project(broken), Day1, new RefreshOptions(FullRefresh: true));

        Assert.Equal(NodeStatus.Error, result.For("daily_counts")!.Status);
        Assert.Equal(before, Contents(warehouse, "analytics.daily_counts"));
        Assert.Equal([Day1], ProcessedDays(warehouse, "analytics.daily_counts"));
    }

    [Fact]
    public void A_daily_builds_tests_check_the_days_it_wrote_and_key_tests_count_those_keys_over_the_whole_table()
    {
        using var warehouse = NewWarehouse();
        var facts = Facts with
        {
            Config = Facts.Config with { Incremental = Facts.Config.Incremental! with { LookbackDays = 0 } },
            Columns = [new Column("event_id", "VARCHAR", true, [new ColumnTest("unique", [], Severity.Error)], null),
                       new Column("user_id", "INTEGER", true, [new ColumnTest("accepted_range", ["0", "2"], Severity.Error)], null),
                       new Column("created_at", "TIMESTAMP", true, [], null)],
        };
        var catalog = Project(facts);
        AddEvents(warehouse, Day1, 5);
        var first = Build(warehouse, catalog, Day1);
        Assert.True(first.Succeeded, string.Join("\n", first.Nodes.Select(r => $"{r.Node.Name} {r.Status} {r.Message}")));
        // A bad row on day 1, written behind the build's back: day 2's build does not re-check day 1 ...
        warehouse.Execute("update analytics.fct set user_id = 99 where event_id = (select min(event_id) from analytics.fct)");
        AddEvents(warehouse, Day1.AddDays(1), 5);

        var daily = Build(warehouse, catalog, Day1.AddDays(1));

        Assert.True(daily.Succeeded);
        Assert.Equal(NodeStatus.Pass, daily.For("accepted_range_fct_user_id")!.Status);
        // ... the test verb checks everything, and finds it.
        var all = ProjectBuilder.Build(warehouse, catalog, new BuildOptions(Day1.AddDays(1).ToDateTime(new TimeOnly(23, 59, 59)),
            Selected: catalog.Nodes.Where(n => n.Kind == NodeKind.Test).Select(n => n.Name).ToHashSet()), new StringWriter());
        Assert.Equal(1, all.For("accepted_range_fct_user_id")!.Failures);

        // A key written on day 3 that repeats a day-2 key fails day 3's unique test.
        var dayTwoKey = warehouse.Scalar<string>("select min(event_id) from analytics.fct where created_at >= '2024-01-02'");
        warehouse.Execute("insert into raw.events values ($1, 1, $2)", "late_copy", Day1.AddDays(2).ToDateTime(new TimeOnly(12, 0)));
        warehouse.Execute("insert into analytics.fct values ($1, 1, $2)", dayTwoKey, Day1.AddDays(2).ToDateTime(new TimeOnly(13, 0)));

        var third = Build(warehouse, catalog, Day1.AddDays(2));

        Assert.Equal(1, third.For("unique_fct_event_id")!.Failures);
        Assert.Equal(dayTwoKey, third.For("unique_fct_event_id")!.SampleRows.Single()["event_id"]);
    }

    [Fact]
    public void Tests_of_an_event_timed_source_and_incremental_data_tests_check_the_days_the_build_processes()
    {
        using var warehouse = NewWarehouse();
        var source = Source with
        {
            Columns = [new Column("user_id", "INTEGER", true, [new ColumnTest("accepted_range", ["0", "2"], Severity.Error)], null)],
        };
        // As the generator compiles [DataTest(Incremental = true)]: Ref narrowed to the window, RefAll whole.
        var noLateUser = new Node("no_late_user", "audit", NodeKind.Test, Layer.Test, Materialization.Test,
            $"""select * from {Events} e where e.user_id > 2 and exists (select 1 from "raw"."events" a where a.user_id = e.user_id)""",
            ["events"], [], new NodeConfig([], Test: new TestConfig(Severity.Error, Incremental: true)),
            "No user above 2.", "Models.NoLateUser", "Tests/NoLateUser.cs", 5);
        var catalog = Catalog(source, DailyCounts(lookbackDays: 0), noLateUser);
        AddEvents(warehouse, Day1, 5);
        Assert.True(Build(warehouse, catalog, Day1).Succeeded);
        // A bad row on day 1, behind the build's back: day 2's build processes day 2 only, so it does not see it ...
        warehouse.Execute("insert into raw.events values ('bad', 99, $1)", Day1.ToDateTime(new TimeOnly(12, 0)));
        AddEvents(warehouse, Day1.AddDays(1), 5);

        var daily = Build(warehouse, catalog, Day1.AddDays(1));

        Assert.Equal(NodeStatus.Pass, daily.For("source_accepted_range_raw_events_user_id")!.Status);
        Assert.Equal(NodeStatus.Pass, daily.For("no_late_user")!.Status);
        // ... a full refresh processes every day, and both tests find it; so does the test verb alone.
        var refresh = Build(warehouse, catalog, Day1.AddDays(1), new RefreshOptions(FullRefresh: true));
        Assert.Equal(1, refresh.For("source_accepted_range_raw_events_user_id")!.Failures);
        Assert.Equal(1, refresh.For("no_late_user")!.Failures);
        var tests = ProjectBuilder.Build(warehouse, catalog, new BuildOptions(Day1.AddDays(1).ToDateTime(new TimeOnly(23, 59, 59)),
            Selected: catalog.Nodes.Where(n => n.Kind == NodeKind.Test).Select(n => n.Name).ToHashSet()), new StringWriter());
        Assert.Equal(1, tests.For("no_late_user")!.Failures);

        // A bad row on the day a build processes is found by that build.
        warehouse.Execute("insert into raw.events values ('bad2', 98, $1)", Day1.AddDays(2).ToDateTime(new TimeOnly(12, 0)));
        var third = Build(warehouse, catalog, Day1.AddDays(2));
        Assert.Equal(1, third.For("source_accepted_range_raw_events_user_id")!.Failures);
        Assert.Equal("98", third.For("no_late_user")!.SampleRows.Single()["user_id"]);
    }

    /// <summary>
    /// Key grain over <c>raw.accounts</c>, whose rows are updated in place (event time <c>updated_at</c>): each day
    /// replaces the rows of the accounts that changed that day.
    /// </summary>
    private static readonly Node Accounts = Incremental("stg_accounts",
        """select id, upper(name) as name, updated_at from (select * from "raw"."accounts" where "updated_at" >= {{ partition_start }} and "updated_at" < {{ partition_end }}) as a""",
        new IncrementalConfig(Grain.Key, "updated_at", "id", 0, OnSchemaChange.Fail, ["accounts"]), "accounts");

    private static void Upsert(Warehouse warehouse, string id, string name, DateOnly day, int hour)
    {
        warehouse.Execute("delete from raw.accounts where id = $1", id);
        warehouse.Execute("insert into raw.accounts values ($1, $2, $3)", id, name, day.ToDateTime(new TimeOnly(hour, 0)));
    }

    [Fact]
    public void Key_grain_replaces_the_rows_of_the_keys_changed_on_the_day_and_equals_a_full_refresh()
    {
        using var warehouse = NewWarehouse();
        warehouse.Execute("create table raw.accounts (id varchar, name varchar, updated_at timestamp)");
        var catalog = Catalog([EventSource("accounts", "updated_at"), Accounts]);
        Upsert(warehouse, "a", "ann", Day1, 1);
        Upsert(warehouse, "b", "bob", Day1, 2);
        Assert.True(Build(warehouse, catalog, Day1).Succeeded);

        // Day 2 renames a and adds c; b is not read again.
        var day2 = Day1.AddDays(1);
        Upsert(warehouse, "a", "amy", day2, 3);
        Upsert(warehouse, "c", "cy", day2, 4);
        Assert.True(Build(warehouse, catalog, day2).Succeeded);

        var expected = new[] { "a|AMY", "b|BOB", "c|CY" };
        string[] Rows() => warehouse.Rows("select id, name from analytics.stg_accounts order by id").Select(r => $"{r[0]}|{r[1]}").ToArray();
        Assert.Equal(expected, Rows());
        Assert.Equal([(Day1, 2L), (day2, 2L)], RowCounts(warehouse, "analytics.stg_accounts"));

        // A row changed behind the model's back on an old day stays as merged: only changed keys are read.
        warehouse.Execute("update analytics.stg_accounts set name = 'stale' where id = 'b'");
        Upsert(warehouse, "a", "abe", day2.AddDays(1), 5);
        Assert.True(Build(warehouse, catalog, day2.AddDays(1)).Succeeded);
        Assert.Equal(["a|ABE", "b|stale", "c|CY"], Rows());

        // A full refresh merges every day at once: one row per key, recorded on the run's day.
        Assert.True(Build(warehouse, catalog, day2.AddDays(1), new RefreshOptions(FullRefresh: true)).Succeeded);
        Assert.Equal(["a|ABE", "b|BOB", "c|CY"], Rows());
        Assert.Equal([(Day1, 0L), (day2, 0L), (day2.AddDays(1), 3L)], RowCounts(warehouse, "analytics.stg_accounts"));
    }

    [Fact]
    public void A_model_naming_the_day_it_builds_is_rebuilt_day_by_day()
    {
        using var warehouse = NewWarehouse();
        var perDay = Incremental("per_day", $"select {Day} as event_date, count(*) as events from {Events} as events",
            new IncrementalConfig(Grain.Day, "event_date", null, 0, OnSchemaChange.Fail, ["events"]), "events");
        AddEvents(warehouse, Day1, 3);
        AddEvents(warehouse, Day1.AddDays(1), 5);

        Assert.True(Build(warehouse, Project(perDay), Day1.AddDays(1)).Succeeded);

        Assert.Equal(["2024-01-01|3", "2024-01-02|5"],
            warehouse.Rows("select event_date, events from analytics.per_day order by 1")
                .Select(r => $"{Warehouse.AsDate(r[0]!):yyyy-MM-dd}|{r[1]}"));
    }
}

public sealed class IncrementalTestsOnDuckDb() : IncrementalTests(TestEngine.DuckDb);

public sealed class IncrementalTestsOnPostgres() : IncrementalTests(TestEngine.Postgres);
