using Generators.Tests.Harness;
using ModelDsl.Catalog;

namespace Generators.Tests;

/// <summary>What the generated <c>ProjectCatalog.Instance</c> says about each node.</summary>
public class CatalogContentTests
{
    private static GeneratorResult Run(params SourceFile[] files) => GeneratorHarness.Run(files).AssertClean();

    /// <summary>A model class with the given attributes whose Sql is <paramref name="sql"/> in a raw interpolated string.</summary>
    private static SourceFile Staging(string className, string attributes = "[Staging]", string sql = "select 1 as x") =>
        Fixtures.Model(className, $$""""
            {{attributes}}
            public sealed partial class {{className}} : SqlModel
            {
                public override string Sql => $"""
                    {{sql.Replace("\n", "\n        ")}}
                    """;
            }
            """");

    // ---- relation names ----

    [Theory]
    [InlineData("StgUsers", "stg_users")]
    [InlineData("StgUserSessions", "stg_user_sessions")]
    [InlineData("MAUByRegion", "mau_by_region")]
    [InlineData("Users2Posts", "users2_posts")]
    public void Relation_name_defaults_to_the_class_name_in_snake_case(string className, string expected)
    {
        var node = Run(Staging(className)).LoadCatalog().Nodes.Single();

        Assert.Equal(expected, node.Name);
        Assert.Equal("staging", node.Schema);
    }

    [Fact]
    public void Layer_Name_and_Schema_override_the_relation_name()
    {
        var result = Run(Staging("DimCustomers", "[Dimension(Name = \"customers\", Schema = \"mart\")]"));

        var node = result.Node("customers");
        Assert.Equal("mart", node.Schema);
        Assert.Equal("\"mart\".\"customers\"", node.QuotedRelation);
        Assert.Contains("public static string RelationName => \"\\\"mart\\\".\\\"customers\\\"\";", result.Sources["Shop.DimCustomers.g.cs"]);
    }

    // ---- layers and materializations ----

    [Theory]
    [InlineData("[Staging]", "staging", Layer.Staging, Materialization.Table)]
    [InlineData("[Intermediate]", "intermediate", Layer.Intermediate, Materialization.Ephemeral)]
    [InlineData("[Dimension]", "analytics", Layer.Dimension, Materialization.Table)]
    [InlineData("[Fact]", "analytics", Layer.Fact, Materialization.Table)]
    [InlineData("[Utility]", "utilities", Layer.Utility, Materialization.Table)]
    public void Layer_sets_schema_and_default_materialization(string attribute, string schema, Layer layer, Materialization materialization)
    {
        var node = Run(Staging("Model", attribute)).Node("model");

        Assert.Equal(schema, node.Schema);
        Assert.Equal(layer, node.Layer);
        Assert.Equal(materialization, node.Materialization);
        Assert.Equal(NodeKind.Model, node.Kind);
        Assert.Null(node.Config.Incremental);
        Assert.Null(node.Config.Scd2);
    }

    [Theory]
    [InlineData("[Intermediate, View]", Materialization.View)]
    [InlineData("[Intermediate, Table]", Materialization.Table)]
    [InlineData("[Staging, Ephemeral]", Materialization.Ephemeral)]
    [InlineData("[Dimension, View]", Materialization.View)]
    public void Materialization_attribute_overrides_the_layer_default(string attributes, Materialization expected)
    {
        Assert.Equal(expected, Run(Staging("Model", attributes)).Node("model").Materialization);
    }

    [Fact]
    public void Fact_with_day_grain_is_incremental_with_its_config()
    {
        var node = Run(Staging("FctViews", "[Fact(Grain = Grain.Day, EventTime = \"viewed_at\", LookbackDays = 2)]")).Node("fct_views");

        Assert.Equal(Layer.Fact, node.Layer);
        Assert.Equal(Materialization.Incremental, node.Materialization);
        Assert.Equal(new IncrementalConfig(Grain.Day, "viewed_at", null, 2, OnSchemaChange.Fail), node.Config.Incremental);
    }

    [Fact]
    public void Incremental_attribute_records_its_config()
    {
        var attributes = "[Staging, Incremental(Grain = Grain.Event, UniqueKey = \"event_id\", LookbackDays = 3, OnSchemaChange = OnSchemaChange.AppendNewColumns)]";

        var node = Run(Staging("StgEvents", attributes)).Node("stg_events");

        Assert.Equal(Materialization.Incremental, node.Materialization);
        Assert.Equal(new IncrementalConfig(Grain.Event, null, "event_id", 3, OnSchemaChange.AppendNewColumns), node.Config.Incremental);
    }

    [Fact]
    public void Incremental_attribute_defaults_to_day_grain_and_no_look_back()
    {
        var node = Run(Staging("StgEvents", "[Staging, Incremental(EventTime = \"created_at\")]")).Node("stg_events");

        Assert.Equal(new IncrementalConfig(Grain.Day, "created_at", null, 0, OnSchemaChange.Fail), node.Config.Incremental);
    }

    [Fact]
    public void Scd2_is_a_snapshot_with_its_config_recorded()
    {
        var attributes = "[Snapshot, Scd2(UniqueKey = \"user_id\", UpdatedAt = \"updated_at\", HardDeletes = HardDeletes.NewRecord)]";

        var node = Run(Staging("UsersSnapshot", attributes)).Node("users_snapshot");

        Assert.Equal("snapshots", node.Schema);
        Assert.Equal(Layer.Snapshot, node.Layer);
        Assert.Equal(Materialization.Snapshot, node.Materialization);
        var scd2 = node.Config.Scd2!;
        Assert.Equal(("user_id", "updated_at", Scd2Strategy.Timestamp, HardDeletes.NewRecord, "9999-12-31 00:00:00"),
            (scd2.UniqueKey, scd2.UpdatedAt, scd2.Strategy, scd2.HardDeletes, scd2.CurrentValidTo));
        Assert.Empty(scd2.CheckColumns);
    }

    [Fact]
    public void Scd2_check_strategy_records_check_columns_and_a_null_current_valid_to()
    {
        var attributes = "[Dimension, Scd2(UniqueKey = \"id\", Strategy = Scd2Strategy.Check, CheckColumns = new[] { \"name\", \"email\" }, CurrentValidTo = null, HardDeletes = HardDeletes.Invalidate)]";

        var scd2 = Run(Staging("DimPeople", attributes)).Node("dim_people").Config.Scd2!;

        Assert.Equal(("id", (string?)null, Scd2Strategy.Check, HardDeletes.Invalidate, (string?)null), (scd2.UniqueKey, scd2.UpdatedAt, scd2.Strategy, scd2.HardDeletes, scd2.CurrentValidTo));
        Assert.Equal(["name", "email"], scd2.CheckColumns);
    }

    [Fact]
    public void Source_is_an_external_node_with_its_event_time_and_loaded_at()
    {
        var node = Run(Fixtures.RawUsers).Node("users");

        Assert.Equal(("raw", NodeKind.Source, Layer.Source, Materialization.External), (node.Schema, node.Kind, node.Layer, node.Materialization));
        Assert.Equal(new SourceConfig("created_at", "loaded_at"), node.Config.Source);
        Assert.Equal("", node.Sql);
        Assert.Empty(node.DependsOn);
    }

    [Fact]
    public void Seed_records_its_path_in_schema_raw_by_default()
    {
        var seeds = Fixtures.Model("Seeds", """
            [Seed("countries.csv")]
            public sealed partial class CountryCodes : SeedTable;

            [Seed("ref/colors.csv", Name = "colors", Schema = "reference")]
            public sealed partial class Colors : SeedTable;
            """);

        var catalog = Run(seeds).LoadCatalog();

        var countries = catalog.Find("country_codes")!;
        Assert.Equal(("raw", NodeKind.Seed, Layer.Seed, Materialization.Seed), (countries.Schema, countries.Kind, countries.Layer, countries.Materialization));
        Assert.Equal(new SeedConfig("countries.csv"), countries.Config.Seed);
        var colors = catalog.Find("colors")!;
        Assert.Equal("reference", colors.Schema);
        Assert.Equal(new SeedConfig("ref/colors.csv"), colors.Config.Seed);
    }

    [Fact]
    public void Layer_tags_are_recorded()
    {
        var node = Run(Staging("StgUsers", "[Staging(Tags = new[] { \"pii\", \"daily\" })]")).Node("stg_users");

        Assert.Equal(["pii", "daily"], node.Config.Tags);
    }

    // ---- compiled SQL ----

    [Fact]
    public void References_compile_to_quoted_relation_names()
    {
        var node = Run(Fixtures.RawUsers, Fixtures.StgUsers).Node("stg_users");

        Assert.Equal("""
            select user_id, trim(name) as name, created_at
            from "raw"."users"
            """, node.Sql);
    }

    [Fact]
    public void Ephemeral_model_is_inlined_as_a_cte()
    {
        var node = Run(Fixtures.Warehouse).Node("dim_users");

        Assert.Equal("""
            with "__ephemeral__int_users" as (
                select user_id, name
                from "staging"."stg_users"
            )
            select user_id, name
            from "__ephemeral__int_users"
            """, node.Sql);
    }

    [Fact]
    public void Ephemeral_chain_is_inlined_dependencies_first_and_each_once()
    {
        var first = Staging("IntFirst", "[Intermediate]", "select 1 as x");
        var second = Staging("IntSecond", "[Intermediate]", "select x from {Ref<IntFirst>()}");
        var dimension = Staging("DimChain", "[Dimension]", "select * from {Ref<IntSecond>()} join {Ref<IntFirst>()} using (x)");

        var node = Run(first, second, dimension).Node("dim_chain");

        Assert.Equal("""
            with "__ephemeral__int_first" as (
                select 1 as x
            ),
            "__ephemeral__int_second" as (
                select x from "__ephemeral__int_first"
            )
            select * from "__ephemeral__int_second" join "__ephemeral__int_first" using (x)
            """, node.Sql);
    }

    [Fact]
    public void Model_with_its_own_with_clause_gets_the_ctes_prepended_to_its_list()
    {
        var model = Staging("DimRecent", "[Dimension]", """
            with recent as (select * from {Ref<IntUsers>()} where name is not null)
            select * from recent
            """);

        var node = Run(Fixtures.RawUsers, Fixtures.StgUsers, Fixtures.IntUsers, model).Node("dim_recent");

        Assert.Equal("""
            with "__ephemeral__int_users" as (
                select user_id, name
                from "staging"."stg_users"
            ),
            recent as (select * from "__ephemeral__int_users" where name is not null)
            select * from recent
            """, node.Sql);
    }

    [Fact]
    public void With_recursive_keeps_recursive_right_after_with()
    {
        var model = Staging("DimDays", "[Dimension]", """
            WITH RECURSIVE days(n) as (select 1 union all select n + 1 from days where n < 7)
            select * from days cross join {Ref<IntUsers>()}
            """);

        var node = Run(Fixtures.RawUsers, Fixtures.StgUsers, Fixtures.IntUsers, model).Node("dim_days");

        Assert.Equal("""
            with recursive "__ephemeral__int_users" as (
                select user_id, name
                from "staging"."stg_users"
            ),
            days(n) as (select 1 union all select n + 1 from days where n < 7)
            select * from days cross join "__ephemeral__int_users"
            """, node.Sql);
    }

    [Fact]
    public void Comments_before_a_models_own_WITH_stay_in_front_of_the_merged_WITH()
    {
        var model = Staging("DimNoted", "[Dimension]", """
            /* the latest users */
            -- one row per user
            with recent as (select * from {Ref<IntUsers>()})
            select * from recent
            """);

        var node = Run(Fixtures.RawUsers, Fixtures.StgUsers, Fixtures.IntUsers, model).Node("dim_noted");

        Assert.Equal("""
            /* the latest users */
            -- one row per user
            with "__ephemeral__int_users" as (
                select user_id, name
                from "staging"."stg_users"
            ),
            recent as (select * from "__ephemeral__int_users")
            select * from recent
            """, node.Sql);
    }

    [Fact]
    public void Trailing_spaces_inside_the_sql_are_kept()
    {
        var node = Run(Staging("StgPadded", sql: "select 'a  \n  b' as padded")).Node("stg_padded");

        Assert.Equal("select 'a  \n  b' as padded", node.Sql);
    }

    [Fact]
    public void Constant_holes_are_inlined()
    {
        var model = Fixtures.Model("StgOrders", """"
            public static class Statuses
            {
                public const string Open = "'open'";
            }

            [Staging]
            public sealed partial class StgOrders : SqlModel
            {
                private const int Limit = 10;
                private const string Table = "orders";

                public override string Sql => $"""
                    select * from raw.{Table}
                    where status = {Statuses.Open} and loaded_at <= {RunTime}
                    limit {Limit}
                    """;
            }
            """");

        var node = Run(model).Node("stg_orders");

        Assert.Equal("""
            select * from raw.orders
            where status = 'open' and loaded_at <= {{ run_time }}
            limit 10
            """, node.Sql);
    }

    [Fact]
    public void Sql_may_be_a_plain_string_literal_or_a_getter()
    {
        var literal = Staging("StgA", sql: "select 1 as a");
        var getter = Fixtures.Model("StgB", """
            [Staging]
            public sealed partial class StgB : SqlModel
            {
                public override string Sql { get { return $"select a from {Ref<StgA>()}"; } }
            }
            """);

        var catalog = Run(literal, getter).LoadCatalog();

        Assert.Equal("select 1 as a", catalog.Find("stg_a")!.Sql);
        Assert.Equal("select a from \"staging\".\"stg_a\"", catalog.Find("stg_b")!.Sql);
    }

    // ---- dependencies and order ----

    [Fact]
    public void DependsOn_lists_each_referenced_node_once_in_order_of_first_use()
    {
        var orders = Staging("StgOrders", sql: "select 1 as user_id");
        var model = Staging("DimOrders", "[Dimension]",
            "select * from {Ref<StgOrders>()} o join {Ref<StgUsers>()} u using (user_id) join {RefAll<StgOrders>()} p using (user_id) join {Source<RawUsers>()} r using (user_id)");

        var node = Run(Fixtures.RawUsers, Fixtures.StgUsers, orders, model).Node("dim_orders");

        Assert.Equal(["stg_orders", "stg_users", "users"], node.DependsOn);
    }

    [Fact]
    public void Nodes_are_in_topological_order_with_ties_broken_by_name()
    {
        var zeta = Staging("StgZeta", sql: "select * from {Ref<DimUsers>()}");
        var alpha = Staging("StgAlpha", sql: "select 1 as x");

        var catalog = Run([.. Fixtures.Warehouse, zeta, alpha]).LoadCatalog();

        // The runtime catalog puts sources first (their tests run before any model); the rest keeps the generator's order.
        Assert.Equal(["users", "stg_alpha", "stg_users", "int_users", "dim_users", "stg_zeta"], catalog.Nodes.Where(n => n.Kind != NodeKind.Test).Select(n => n.Name));
    }

    [Fact]
    public void Ties_in_topological_order_are_broken_by_ordinal_name_not_culture()
    {
        var upper = Staging("First", "[Staging(Name = \"B\")]");
        var lower = Staging("Second", "[Staging(Name = \"a\")]");

        Assert.Equal(["B", "a"], Run(lower, upper).LoadCatalog().Nodes.Select(n => n.Name));
    }

    // ---- columns ----

    [Theory]
    [InlineData("string", "VARCHAR", false)]
    [InlineData("string?", "VARCHAR", true)]
    [InlineData("bool", "BOOLEAN", false)]
    [InlineData("short", "SMALLINT", false)]
    [InlineData("int", "INTEGER", false)]
    [InlineData("int?", "INTEGER", true)]
    [InlineData("long", "BIGINT", false)]
    [InlineData("float", "FLOAT", false)]
    [InlineData("double", "DOUBLE", false)]
    [InlineData("decimal", "DECIMAL(18,3)", false)]
    [InlineData("DateTime", "TIMESTAMP", false)]
    [InlineData("DateTime?", "TIMESTAMP", true)]
    [InlineData("DateOnly", "DATE", false)]
    [InlineData("TimeOnly", "TIME", false)]
    [InlineData("DateTimeOffset", "TIMESTAMP WITH TIME ZONE", false)]
    [InlineData("Guid?", "UUID", true)]
    public void Column_type_maps_to_sql_type_and_nullability(string clrType, string sqlType, bool nullable)
    {
        var model = Fixtures.Model("StgThings", $$""""
            [Staging]
            public sealed partial class StgThings : SqlModel
            {
                public {{clrType}} SomeValue { get; init; } = default!;
                public override string Sql => "select 1 as some_value";
            }
            """");

        var column = Run(model).Node("stg_things").Columns.Single();

        Assert.Equal(new Column("some_value", sqlType, nullable, [], null), column with { Tests = [] });
    }

    [Fact]
    public void Column_attribute_overrides_name_and_type_and_only_public_instance_properties_are_columns()
    {
        var model = Fixtures.Model("StgThings", """"
            [Staging]
            public sealed partial class StgThings : SqlModel
            {
                /// <summary>The <c>id</c> of the thing.</summary>
                [Column(Name = "thing_id")] public long Id { get; init; }
                [Column(SqlType = "JSON")] public string? Payload { get; init; }
                [Column(SqlType = "INTEGER[]")] public int[] Numbers { get; init; } = [];
                public static int Ignored { get; set; }
                internal int AlsoIgnored { get; set; }
                public override string Sql => "select 1 as thing_id";
            }
            """");

        var columns = Run(model).Node("stg_things").Columns;

        Assert.Equal(["thing_id BIGINT not null", "payload JSON null", "numbers INTEGER[] not null"],
            columns.Select(c => $"{c.Name} {c.SqlType} {(c.Nullable ? "null" : "not null")}"));
        Assert.Equal("The id of the thing.", columns[0].Description);
    }

    [Fact]
    public void Column_tests_are_recorded_with_arguments_and_severity()
    {
        var model = Fixtures.Model("FctEvents", """"
            [Fact]
            public sealed partial class FctEvents : SqlModel
            {
                [Unique, NotNull] public required string EventId { get; init; }
                [AcceptedValues("view", "like", Severity = Severity.Warn)] public required string EventType { get; init; }
                [AcceptedRange(Min = 0, Max = 2.5)] public double Score { get; init; }
                [References<RawUsers>("user_id")] public string? UserId { get; init; }
                public override string Sql => $"select * from {Source<RawUsers>()}";
            }
            """");

        var columns = Run(Fixtures.RawUsers, model).Node("fct_events").Columns;

        Assert.Equal(
            [
                "event_id: unique() Error, not_null() Error",
                "event_type: accepted_values(view, like) Warn",
                "score: accepted_range(0, 2.5) Error",
                "user_id: relationships(users, user_id) Error",
            ],
            columns.Select(c => c.Name + ": " + string.Join(", ", c.Tests.Select(t => $"{t.Kind}({string.Join(", ", t.Arguments)}) {t.Severity}"))));
    }

    // ---- description, file and line ----

    [Fact]
    public void Description_is_the_xml_doc_summary_as_plain_text()
    {
        var model = Fixtures.Model("StgUsers", """
            /// <summary>
            /// Users with <c>trimmed</c> names
            /// &amp; countries.
            /// </summary>
            /// <remarks>Not part of the description.</remarks>
            [Staging]
            public sealed partial class StgUsers : SqlModel
            {
                public override string Sql => "select 1 as x";
            }
            """);

        Assert.Equal("Users with trimmed names & countries.", Run(model).Node("stg_users").Description);
    }

    [Fact]
    public void Model_without_a_summary_has_no_description()
    {
        Assert.Null(Run(Staging("StgUsers")).Node("stg_users").Description);
    }

    [Fact]
    public void File_and_line_point_at_the_class_name()
    {
        var node = Run(Fixtures.RawUsers, Fixtures.StgUsers).Node("stg_users");

        // Line 1 namespace, 3 summary, 4 [Staging], 5 the class declaration.
        Assert.Equal(("/src/Models/StgUsers.cs", 5), (node.File, node.Line));
        Assert.Equal("Shop.StgUsers", node.ClrType);
    }

    [Fact]
    public void File_is_relative_to_the_project_directory_when_known()
    {
        var file = Fixtures.StgUsers with { Path = "/repo/src/Models/Staging/StgUsers.cs" };
        var options = new TestAnalyzerConfigOptionsProvider(new() { ["build_property.projectdir"] = "/repo/src/Models/" });

        var result = GeneratorHarness.Run(GeneratorHarness.Compile(Fixtures.RawUsers, file), GeneratorHarness.CreateDriver(options)).AssertClean();

        Assert.Equal("Staging/StgUsers.cs", result.Node("stg_users").File);
    }

    // ---- determinism ----

    [Fact]
    public void Running_twice_gives_identical_output()
    {
        var first = GeneratorHarness.Run(Fixtures.Warehouse).Sources;
        var second = GeneratorHarness.Run(Fixtures.Warehouse).Sources;

        Assert.Equal(first.OrderBy(s => s.Key, StringComparer.Ordinal), second.OrderBy(s => s.Key, StringComparer.Ordinal));
    }

    [Fact]
    public void Input_file_order_does_not_change_the_catalog()
    {
        var forward = GeneratorHarness.Run(Fixtures.Warehouse).CatalogSource;
        var backward = GeneratorHarness.Run(Fixtures.Warehouse.Reverse().ToArray()).CatalogSource;

        Assert.Equal(forward, backward);
    }
}
