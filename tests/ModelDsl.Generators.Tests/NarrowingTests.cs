using Generators.Tests.Harness;
using ModelDsl.Catalog;

namespace Generators.Tests;

/// <summary>
/// Inside an incremental model, references to nodes that declare an event time compile to CTEs filtered
/// to the processed days (placeholders the engine renders), also inside inlined ephemeral models with an event
/// time, and <c>RefWindow</c> widens the filter; <c>RefAll</c> and other models are left alone.
/// </summary>
public class NarrowingTests
{
    private static GeneratorResult Run(params SourceFile[] files) => GeneratorHarness.Run([Fixtures.RawUsers, .. files]).AssertClean();

    private static SourceFile Model(string className, string attributes, string sql) =>
        Fixtures.Model(className, $$""""
            {{attributes}}
            public sealed partial class {{className}} : SqlModel
            {
                public override string Sql => $"""
                    {{sql.ReplaceLineEndings("\n").Replace("\n", "\n        ")}}
                    """;
            }
            """");

    private const string NarrowedUsers = "\"__narrowed__raw__users\"";

    /// <summary>The CTE of a narrowed read: its name, and the filtered <paramref name="relation"/> over <paramref name="days"/> days ending on the day built.</summary>
    private static string Cte(string name, string relation, string column, int days = 1) =>
        $"{name} as (\n    select * from {relation} where \"{column}\" >= {Start}{(days > 1 ? $" - INTERVAL '{days - 1} days'" : "")}"
        + $" and \"{column}\" < {End}\n)";

    private const string UsersCte = "\"__narrowed__raw__users\" as (\n    select * from \"raw\".\"users\" where \"created_at\" >= {{ partition_start }} and \"created_at\" < {{ partition_end }}\n)";

    [Fact]
    public void An_incremental_model_narrows_a_source_with_an_event_time()
    {
        var node = Run(Model("FctSignups", "[Fact(Grain = Grain.Day, EventTime = \"created_at\")]", "select user_id, created_at from {Source<RawUsers>()} u"))
            .Node("fct_signups");

        Assert.Equal($"with {UsersCte}\nselect user_id, created_at from {NarrowedUsers} u", node.Sql);
        Assert.Equal(["users"], node.Config.Incremental!.NarrowedInputs);
        Assert.Equal("created_at", node.Config.EventTime);
    }

    [Fact]
    public void RefAll_is_never_narrowed()
    {
        var result = Run(
            Model("StgUsers", "[Staging(EventTime = \"created_at\")]", "select user_id, created_at from {Source<RawUsers>()}"),
            Model("FctSignups", "[Fact(Grain = Grain.Day, EventTime = \"created_at\")]", "select * from {RefAll<StgUsers>()}"));

        var node = result.Node("fct_signups");
        Assert.Equal("select * from \"staging\".\"stg_users\"", node.Sql);
        Assert.Null(node.Config.Incremental!.NarrowedInputs);
    }

    [Fact]
    public void An_incremental_data_test_narrows_Ref_like_an_incremental_model_and_reads_RefAll_whole()
    {
        var result = Run(
            Model("StgUsers", "[Staging(EventTime = \"created_at\")]", "select user_id, created_at from {Source<RawUsers>()}"),
            Fixtures.Model("NoLateSignups", """"
            [DataTest(Incremental = true)]
            public sealed partial class NoLateSignups : SqlTest
            {
                public override string Sql => $"""
                    select n.* from {Ref<StgUsers>()} n where exists (select 1 from {RefAll<StgUsers>()} a where a.user_id = n.user_id)
                    """;
            }
            """"));

        var test = result.Node("no_late_signups");
        Assert.Equal(
            $"with {Cte("\"__narrowed__staging__stg_users\"", "\"staging\".\"stg_users\"", "created_at")}\n"
            + "select n.* from \"__narrowed__staging__stg_users\" n where exists (select 1 from \"staging\".\"stg_users\" a where a.user_id = n.user_id)",
            test.Sql);
        Assert.True(test.Config.Test!.Incremental);
    }

    [Fact]
    public void A_data_test_that_is_not_incremental_reads_everything()
    {
        var result = Run(Fixtures.Model("NoSignups", """"
            [DataTest]
            public sealed partial class NoSignups : SqlTest
            {
                public override string Sql => $"""
                    select * from {Source<RawUsers>()}
                    """;
            }
            """"));

        var test = result.Node("no_signups");
        Assert.Equal("select * from \"raw\".\"users\"", test.Sql);
        Assert.False(test.Config.Test!.Incremental);
    }

    [Fact]
    public void Models_that_are_not_incremental_are_never_narrowed()
    {
        var node = Run(Model("StgUsers", "[Staging]", "select * from {Source<RawUsers>()}")).Node("stg_users");

        Assert.Equal("select * from \"raw\".\"users\"", node.Sql);
    }

    [Fact]
    public void A_layer_EventTime_makes_a_model_narrowable_and_nodes_without_one_are_not()
    {
        var result = Run(
            Model("StgUsers", "[Staging(EventTime = \"signed_up_at\")]", "select user_id, created_at as signed_up_at from {Source<RawUsers>()}"),
            Model("DimCountries", "[Dimension]", "select 'NL' as code"),
            Model("FctSignups", "[Fact(Grain = Grain.Day, EventTime = \"signed_up_at\")]",
                "select s.*, c.code from {Ref<StgUsers>()} s cross join {Ref<DimCountries>()} c"));

        Assert.Equal("signed_up_at", result.Node("stg_users").Config.EventTime);
        Assert.Null(result.Node("dim_countries").Config.EventTime);
        var node = result.Node("fct_signups");
        Assert.Equal(
            $"with {Cte("\"__narrowed__staging__stg_users\"", "\"staging\".\"stg_users\"", "signed_up_at")}\n"
            + """select s.*, c.code from "__narrowed__staging__stg_users" s cross join "analytics"."dim_countries" c""",
            node.Sql);
        Assert.Equal(["stg_users"], node.Config.Incremental!.NarrowedInputs);
    }

    // The engine-neutral placeholders compiled SQL holds; the engine renders them.
    private const string Start = "{{ partition_start }}";
    private const string End = "{{ partition_end }}";

    private static string Lines(string sql) => sql.ReplaceLineEndings("\n");

    [Fact]
    public void The_narrowing_predicate_is_the_runtimes_window_predicate()
    {
        var node = Run(Model("FctSignups", "[Fact(Grain = Grain.Day, EventTime = \"created_at\")]", "select * from {Source<RawUsers>()}"))
            .Node("fct_signups");

        Assert.Equal($"with \"__narrowed__raw__users\" as (\n    select * from \"raw\".\"users\" where {ModelDsl.Materializations.PartitionWindow.Contains("created_at")}\n)\n"
                     + "select * from \"__narrowed__raw__users\"", node.Sql);
    }

    [Fact]
    public void An_ephemeral_with_an_event_time_is_narrowed_where_referenced_and_inside()
    {
        var result = Run(
            Model("IntUsers", "[Intermediate(EventTime = \"created_at\")]", "select * from {Source<RawUsers>()}"),
            Model("FctSignups", "[Incremental(EventTime = \"created_at\"), Staging]", "select * from {Ref<IntUsers>()}"));

        var node = result.Node("fct_signups");
        Assert.Equal(
            """
            with "__narrowed__raw__users" as (
                select * from "raw"."users" where "created_at" >= {{ partition_start }} and "created_at" < {{ partition_end }}
            ),
            "__ephemeral__int_users__narrowed" as (
                select * from "__narrowed__raw__users"
            ),
            "__narrowed__ephemeral__int_users" as (
                select * from "__ephemeral__int_users__narrowed" where "created_at" >= {{ partition_start }} and "created_at" < {{ partition_end }}
            )
            select * from "__narrowed__ephemeral__int_users"
            """.ReplaceLineEndings("\n"),
            node.Sql);
        // The physical table, so the runtime finds the first day without running the ephemeral's SQL.
        Assert.Equal(["users"], node.Config.Incremental!.NarrowedInputs);
    }

    [Fact]
    public void Narrowing_reaches_through_a_chain_of_event_timed_ephemerals_but_not_into_lookups()
    {
        var result = Run(
            Model("StgUsers", "[Staging(EventTime = \"created_at\")]", "select user_id, created_at from {Source<RawUsers>()}"),
            Model("IntCountries", "[Intermediate]", "select user_id, 'NL' as country from {Ref<StgUsers>()}"),
            Model("IntSignups", "[Intermediate(EventTime = \"signed_up_at\")]",
                "select s.user_id, s.created_at as signed_up_at, c.country from {Ref<StgUsers>()} s left join {Ref<IntCountries>()} c using (user_id)"),
            Model("IntFirstSignups", "[Intermediate(EventTime = \"signed_up_at\")]", "select * from {Ref<IntSignups>()} where user_id is not null"),
            Model("FctSignups", "[Fact(Grain = Grain.Day, EventTime = \"signed_up_at\")]", "select * from {Ref<IntFirstSignups>()}"));

        var node = result.Node("fct_signups");
        Assert.Equal(Lines($$"""
            with {{Cte("\"__narrowed__staging__stg_users\"", "\"staging\".\"stg_users\"", "created_at")}},
            "__ephemeral__int_countries" as (
                select user_id, 'NL' as country from "staging"."stg_users"
            ),
            "__ephemeral__int_signups__narrowed" as (
                select s.user_id, s.created_at as signed_up_at, c.country from "__narrowed__staging__stg_users" s left join "__ephemeral__int_countries" c using (user_id)
            ),
            {{Cte("\"__narrowed__ephemeral__int_signups\"", "\"__ephemeral__int_signups__narrowed\"", "signed_up_at")}},
            "__ephemeral__int_first_signups__narrowed" as (
                select * from "__narrowed__ephemeral__int_signups" where user_id is not null
            ),
            {{Cte("\"__narrowed__ephemeral__int_first_signups\"", "\"__ephemeral__int_first_signups__narrowed\"", "signed_up_at")}}
            select * from "__narrowed__ephemeral__int_first_signups"
            """), node.Sql);
        Assert.Equal(["stg_users"], node.Config.Incremental!.NarrowedInputs);
    }

    [Theory]
    [InlineData("select n.user_id, (select count(*) from {RefAll<IntUsers>()}) as users from {Ref<IntUsers>()} n")]
    [InlineData("select n.user_id, (select count(*) from {Ref<IntLookup>()}) as users from {Ref<IntUsers>()} n")]
    public void An_ephemeral_also_read_whole_gets_a_whole_and_a_narrowed_CTE(string sql)
    {
        var result = Run(
            Model("IntUsers", "[Intermediate(EventTime = \"created_at\")]", "select user_id, created_at from {Source<RawUsers>()}"),
            Model("IntLookup", "[Intermediate]", "select * from {Ref<IntUsers>()}"),
            Model("FctSignups", "[Fact(Grain = Grain.Day, EventTime = \"created_at\")]", sql));

        var node = result.Node("fct_signups");
        Assert.StartsWith(Lines($$"""
            with {{UsersCte}},
            "__ephemeral__int_users" as (
                select user_id, created_at from "raw"."users"
            ),
            "__ephemeral__int_users__narrowed" as (
                select user_id, created_at from {{NarrowedUsers}}
            ),
            {{Cte("\"__narrowed__ephemeral__int_users\"", "\"__ephemeral__int_users__narrowed\"", "created_at")}}
            """), node.Sql);
        Assert.EndsWith("from \"__narrowed__ephemeral__int_users\" n", node.Sql);
        Assert.Equal(["users"], node.Config.Incremental!.NarrowedInputs);
    }

    // ---- RefWindow ----

    [Fact]
    public void RefWindow_narrows_to_the_days_ending_on_the_day_built()
    {
        var result = Run(
            Model("StgUsers", "[Staging(EventTime = \"created_at\")]", "select user_id, created_at from {Source<RawUsers>()}"),
            Model("AggSignups", "[Fact(Grain = Grain.Day, EventTime = \"signup_date\")]", """
                select {PartitionDay} as signup_date,
                       count(distinct user_id) filter (where cast(created_at as date) = {PartitionDay}) as daily,
                       count(distinct user_id) filter (where cast(created_at as date) > {PartitionDay} - 7) as weekly,
                       count(distinct user_id) as monthly
                from {RefWindow<StgUsers>(30)}
                """));

        var node = result.Node("agg_signups");
        Assert.Equal(Lines("""
            with "__narrowed__staging__stg_users__30d" as (
                select * from "staging"."stg_users" where "created_at" >= {{ partition_start }} - INTERVAL '29 days' and "created_at" < {{ partition_end }}
            )
            select {{ partition_day }} as signup_date,
                   count(distinct user_id) filter (where cast(created_at as date) = {{ partition_day }}) as daily,
                   count(distinct user_id) filter (where cast(created_at as date) > {{ partition_day }} - 7) as weekly,
                   count(distinct user_id) as monthly
            from "__narrowed__staging__stg_users__30d"
            """), node.Sql);
        Assert.Equal(["stg_users"], node.Config.Incremental!.NarrowedInputs);
        Assert.Equal(30, node.Config.Incremental.WindowDays);
    }

    [Fact]
    public void RefWindow_of_one_day_is_Ref()
    {
        var windowed = Run(Model("FctSignups", "[Fact(Grain = Grain.Day, EventTime = \"created_at\")]", "select * from {RefWindow<StgUsers>(1)}"), StgUsers)
            .Node("fct_signups");
        var plain = Run(Model("FctSignups", "[Fact(Grain = Grain.Day, EventTime = \"created_at\")]", "select * from {Ref<StgUsers>()}"), StgUsers)
            .Node("fct_signups");

        Assert.Equal(plain.Sql, windowed.Sql);
        Assert.Equal(1, windowed.Config.Incremental!.WindowDays);
    }

    [Fact]
    public void RefWindow_outside_an_incremental_model_is_the_whole_relation()
    {
        var node = Run(StgUsers, Model("DimSignups", "[Dimension]", "select * from {RefWindow<StgUsers>(7)}")).Node("dim_signups");

        Assert.Equal("select * from \"staging\".\"stg_users\"", node.Sql);
    }

    [Fact]
    public void A_window_through_ephemerals_widens_what_they_read()
    {
        var result = Run(
            StgUsers,
            Model("IntWeekly", "[Intermediate(EventTime = \"created_at\")]", "select user_id, created_at from {RefWindow<StgUsers>(7)}"),
            Model("AggWeekly", "[Fact(Grain = Grain.Day, EventTime = \"d\")]", "select {PartitionDay} as d, count(*) as n from {RefWindow<IntWeekly>(30)}"));

        var node = result.Node("agg_weekly");
        // 30 days of IntWeekly, each reading the 7 days ending on it: 36 days of StgUsers.
        Assert.Equal(Lines($$"""
            with {{Cte("\"__narrowed__staging__stg_users__36d\"", "\"staging\".\"stg_users\"", "created_at", 36)}},
            "__ephemeral__int_weekly__narrowed" as (
                select user_id, created_at from "__narrowed__staging__stg_users__36d"
            ),
            {{Cte("\"__narrowed__ephemeral__int_weekly__30d\"", "\"__ephemeral__int_weekly__narrowed\"", "created_at", 30)}}
            select {{Narrowing.PartitionDay}} as d, count(*) as n from "__narrowed__ephemeral__int_weekly__30d"
            """), node.Sql);
        Assert.Equal(["stg_users"], node.Config.Incremental!.NarrowedInputs);
        Assert.Equal(36, node.Config.Incremental.WindowDays);
    }

    [Fact]
    public void An_ephemeral_read_over_two_windows_is_narrowed_once_over_the_wider()
    {
        var result = Run(
            Model("IntUsers", "[Intermediate(EventTime = \"created_at\")]", "select user_id, created_at from {Source<RawUsers>()}"),
            Model("AggUsers", "[Fact(Grain = Grain.Day, EventTime = \"created_at\")]",
                "select t.* from {Ref<IntUsers>()} t where t.user_id in (select user_id from {RefWindow<IntUsers>(7)})"));

        var node = result.Node("agg_users");
        Assert.Equal(Lines($$"""
            with {{Cte("\"__narrowed__raw__users__7d\"", "\"raw\".\"users\"", "created_at", 7)}},
            "__ephemeral__int_users__narrowed" as (
                select user_id, created_at from "__narrowed__raw__users__7d"
            ),
            {{Cte("\"__narrowed__ephemeral__int_users\"", "\"__ephemeral__int_users__narrowed\"", "created_at")}},
            {{Cte("\"__narrowed__ephemeral__int_users__7d\"", "\"__ephemeral__int_users__narrowed\"", "created_at", 7)}}
            select t.* from "__narrowed__ephemeral__int_users" t where t.user_id in (select user_id from "__narrowed__ephemeral__int_users__7d")
            """), node.Sql);
    }

    private static readonly SourceFile StgUsers =
        Model("StgUsers", "[Staging(EventTime = \"created_at\")]", "select user_id, created_at from {Source<RawUsers>()}");
}
