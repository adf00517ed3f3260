using Generators.Tests.Harness;

namespace Generators.Tests;

/// <summary>
/// Inside an incremental model, references to nodes that declare an event time compile to subqueries filtered
/// to the processed days (DuckDB variables the runtime sets); <c>RefAll</c> and other models are left alone.
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
                    {{sql}}
                    """;
            }
            """");

    private const string NarrowedUsers =
        """(select * from "raw"."users" where "created_at" >= getvariable('partition_start') and "created_at" < getvariable('partition_end'))""";

    [Fact]
    public void An_incremental_model_narrows_a_source_with_an_event_time()
    {
        var node = Run(Model("FctSignups", "[Fact(Grain = Grain.Day, EventTime = \"created_at\")]", "select user_id, created_at from {Source<RawUsers>()} u"))
            .Node("fct_signups");

        Assert.Equal($"select user_id, created_at from {NarrowedUsers} u", node.Sql);
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
            """select s.*, c.code from (select * from "staging"."stg_users" where "signed_up_at" >= getvariable('partition_start') and "signed_up_at" < getvariable('partition_end')) s cross join "analytics"."dim_countries" c""",
            node.Sql);
        Assert.Equal(["stg_users"], node.Config.Incremental!.NarrowedInputs);
    }

    [Fact]
    public void An_ephemeral_with_an_event_time_is_narrowed_where_referenced_not_inside()
    {
        var result = Run(
            Model("IntUsers", "[Intermediate(EventTime = \"created_at\")]", "select * from {Source<RawUsers>()}"),
            Model("FctSignups", "[Incremental(EventTime = \"created_at\"), Staging]", "select * from {Ref<IntUsers>()}"));

        var node = result.Node("fct_signups");
        Assert.Equal(
            """
            with "__ephemeral__int_users" as (
                select * from "raw"."users"
            )
            select * from (select * from "__ephemeral__int_users" where "created_at" >= getvariable('partition_start') and "created_at" < getvariable('partition_end'))
            """.ReplaceLineEndings("\n"),
            node.Sql);
        Assert.Equal(["int_users"], node.Config.Incremental!.NarrowedInputs);
    }
}
