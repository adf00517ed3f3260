using Generators.Tests.Harness;
using Microsoft.CodeAnalysis;

namespace Generators.Tests;

/// <summary>One test per generator diagnostic: its id, and its location as the token marked [|like this|].</summary>
public class DiagnosticTests
{
    /// <summary>Runs the generator and asserts it reported exactly one <paramref name="id"/>, at the marked span.</summary>
    private static Diagnostic AssertReported(string id, MarkedFile marked, params SourceFile[] others)
    {
        var result = GeneratorHarness.Run([.. others, marked.File]);
        var diagnostic = Assert.Single(result.Diagnostics(id));
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        marked.AssertIsLocationOf(diagnostic.Location);
        return diagnostic;
    }

    private static MarkedFile Model(string name, string body) => MarkedFile.Model(name, "namespace Shop;\n\n" + body);

    private const string PlainClass = "public sealed class Plain { }";

    // ---- MDSL001: reference to something that is not a node ----

    [Fact]
    public void MDSL001_Ref_of_a_plain_class()
    {
        var model = Model("StgUsers", $$""""
            {{PlainClass}}

            [Staging]
            public sealed partial class StgUsers : SqlModel
            {
                public override string Sql => $"select * from {Ref<[|Plain|]>()}";
            }
            """");

        var diagnostic = AssertReported("MDSL001", model);

        Assert.StartsWith("'Shop.Plain' is not a model, source or seed", diagnostic.GetMessage());
        // Ref<T>'s constraint (T : IRelation) makes it a compiler error too; the generator's own error is the clear one.
        Assert.Contains(GeneratorHarness.Run(model.File).CompilationDiagnostics, d => d.Id == "CS0311");
    }

    [Fact]
    public void MDSL001_Ref_of_a_hand_written_IRelation_that_is_not_a_node()
    {
        var model = Model("StgUsers", """"
            public sealed class Fake : IRelation { public static string RelationName => "fake"; }

            [Staging]
            public sealed partial class StgUsers : SqlModel
            {
                public override string Sql => $"select * from {Ref<[|Fake|]>()}";
            }
            """");

        var result = GeneratorHarness.Run(model.File);

        model.AssertIsLocationOf(Assert.Single(result.Diagnostics("MDSL001")).Location);
        Assert.DoesNotContain(result.CompilationDiagnostics, d => d.Id.StartsWith("CS") && d.Severity == DiagnosticSeverity.Error);
    }

    [Fact]
    public void MDSL001_Ref_of_an_unknown_type()
    {
        var model = Model("StgUsers", """"
            [Staging]
            public sealed partial class StgUsers : SqlModel
            {
                public override string Sql => $"select * from {Ref<[|Missing|]>()}";
            }
            """");

        var diagnostic = AssertReported("MDSL001", model);

        Assert.StartsWith("'Missing' is not a model, source or seed", diagnostic.GetMessage());
    }

    [Fact]
    public void MDSL001_Source_of_a_model()
    {
        var model = Model("StgUsers", """"
            [Staging]
            public sealed partial class StgUsers : SqlModel
            {
                public override string Sql => $"select * from {Source<[|IntUsers|]>()}";
            }
            """");

        var diagnostic = AssertReported("MDSL001", model, Fixtures.IntUsers);

        Assert.Contains("Source<T>() takes a [Source] class", diagnostic.GetMessage());
    }

    [Fact]
    public void MDSL001_Ref_of_a_source()
    {
        var model = Model("StgUsers", """"
            [Staging]
            public sealed partial class StgUsers : SqlModel
            {
                public override string Sql => $"select * from {Ref<[|RawUsers|]>()}";
            }
            """");

        var diagnostic = AssertReported("MDSL001", model, Fixtures.RawUsers);

        Assert.Contains("reference it with Source<T>()", diagnostic.GetMessage());
    }

    [Fact]
    public void MDSL001_References_column_test_to_a_non_node()
    {
        var model = Model("DimUsers", """"
            public sealed class Fake : IRelation { public static string RelationName => "fake"; }

            [Dimension]
            public sealed partial class DimUsers : SqlModel
            {
                [[|References<Fake>("id")|]] public string? FakeId { get; init; }
                public override string Sql => "select 1 as fake_id";
            }
            """");

        var diagnostic = AssertReported("MDSL001", model);

        Assert.Contains("a relationship test must reference a model, source or seed", diagnostic.GetMessage());
    }

    [Fact]
    public void MDSL001_References_column_test_to_a_plain_class()
    {
        var model = Model("DimUsers", $$""""
            {{PlainClass}}

            [Dimension]
            public sealed partial class DimUsers : SqlModel
            {
                [[|References<Plain>("id")|]] public string? PlainId { get; init; }
                public override string Sql => "select 1 as plain_id";
            }
            """");

        AssertReported("MDSL001", model);
    }

    // ---- MDSL002: dependency cycles ----

    private static SourceFile Ref(string className, string target, bool marked = false) =>
        Fixtures.Model(className, $$""""
            [Staging]
            public sealed partial class {{className}} : SqlModel
            {
                public override string Sql => $"select * from {Ref<{{(marked ? "[|" + target + "|]" : target)}}>()}";
            }
            """");

    [Fact]
    public void MDSL002_cycle_of_two_models()
    {
        var a = Ref("A", "B");
        var b = MarkedFile.Model("B", Ref("B", "A", marked: true).Text);

        var diagnostic = AssertReported("MDSL002", b, a);

        Assert.Equal("Models form a dependency cycle: a -> b -> a", diagnostic.GetMessage());
        Assert.Single(diagnostic.AdditionalLocations);
    }

    [Fact]
    public void MDSL002_cycle_of_three_models_names_the_whole_cycle()
    {
        // "a" sorts first but only depends on the cycle; the cycle is b -> c -> d -> b.
        var a = Ref("A", "B");
        var b = Ref("B", "C");
        var c = Ref("C", "D");
        var d = MarkedFile.Model("D", Ref("D", "B", marked: true).Text);

        var diagnostic = AssertReported("MDSL002", d, a, b, c);

        Assert.Equal("Models form a dependency cycle: b -> c -> d -> b", diagnostic.GetMessage());
        Assert.Equal(["/src/Models/B.cs", "/src/Models/C.cs"], diagnostic.AdditionalLocations.Select(l => l.GetLineSpan().Path));
    }

    [Fact]
    public void MDSL002_model_referencing_itself()
    {
        var a = MarkedFile.Model("A", Ref("A", "A", marked: true).Text);

        var diagnostic = AssertReported("MDSL002", a);

        Assert.Equal("Models form a dependency cycle: a -> a", diagnostic.GetMessage());
    }

    // ---- MDSL003: a hole that is neither a reference nor a constant ----

    [Theory]
    [InlineData("DateTime.Now")]
    [InlineData("Today()")]
    [InlineData("Name")]
    public void MDSL003_hole_that_is_not_a_constant(string hole)
    {
        var model = Model("StgUsers", $$""""
            [Staging]
            public sealed partial class StgUsers : SqlModel
            {
                private static string Today() => "2024-01-01";
                private static readonly string Name = "users";
                public override string Sql => $"select * from x where d = '{[|{{hole}}|]}'";
            }
            """");

        var diagnostic = AssertReported("MDSL003", model);

        Assert.Contains($"'{hole}' in the SQL of 'StgUsers'", diagnostic.GetMessage());
    }

    [Theory]
    [InlineData("Limit", ":D4")]
    [InlineData("Limit", ",5")]
    [InlineData("Ref<StgUsers>()", ":x")]
    public void MDSL003_hole_with_a_format_or_alignment_clause(string hole, string clause)
    {
        var model = Model("StgOrders", $$""""
            [Staging]
            public sealed partial class StgOrders : SqlModel
            {
                private const int Limit = 10;
                public override string Sql => $"select * from x limit {[|{{hole}}|]{{clause}}}";
            }
            """");

        AssertReported("MDSL003", model, Fixtures.RawUsers, Fixtures.StgUsers);
    }

    // ---- MDSL004: two nodes with the same name ----

    [Fact]
    public void MDSL004_two_classes_with_the_same_relation_name()
    {
        var first = Fixtures.Model("StgUsers", """
            [Staging]
            public sealed partial class StgUsers : SqlModel { public override string Sql => "select 1 as x"; }
            """);
        var second = Model("Users", """
            [Dimension(Name = "stg_users")]
            public sealed partial class [|Users|] : SqlModel { public override string Sql => "select 1 as x"; }
            """);

        var diagnostic = AssertReported("MDSL004", second, first);

        Assert.Equal("'Users' and 'StgUsers' both define the node 'stg_users' (relation analytics.stg_users)", diagnostic.GetMessage());
    }

    // ---- MDSL005: not partial ----

    [Fact]
    public void MDSL005_model_class_not_partial()
    {
        var model = Model("StgUsers", """
            [Staging]
            public sealed class [|StgUsers|] : SqlModel { public override string Sql => "select 1 as x"; }
            """);

        AssertReported("MDSL005", model);
    }

    // ---- MDSL006: no SQL ----

    [Fact]
    public void MDSL006_no_Sql_override()
    {
        var model = Model("StgUsers", """
            [Staging]
            public abstract partial class [|StgUsers|] : SqlModel { }
            """);

        AssertReported("MDSL006", model);
    }

    [Fact]
    public void MDSL006_Sql_is_not_a_string_literal()
    {
        var model = Model("StgUsers", """
            [Staging]
            public sealed partial class StgUsers : SqlModel
            {
                private static string Build() => "select 1";
                public override string Sql => [|Build()|];
            }
            """);

        AssertReported("MDSL006", model);
    }

    [Fact]
    public void MDSL006_Sql_getter_with_more_than_a_return()
    {
        var model = Model("StgUsers", """
            [Staging]
            public sealed partial class StgUsers : SqlModel
            {
                public override string [|Sql|] { get { var sql = "select 1"; return sql; } }
            }
            """);

        AssertReported("MDSL006", model);
    }

    // ---- MDSL007: missing or contradictory configuration ----

    [Theory]
    [InlineData("[Snapshot, Scd2(UpdatedAt = \"updated_at\")]", "[Scd2] needs UniqueKey")]
    [InlineData("[Snapshot, Scd2(UniqueKey = \"id\")]", "[Scd2] with the timestamp strategy needs UpdatedAt")]
    [InlineData("[Staging, View, Table]", "has more than one materialization ([View], [Table])")]
    [InlineData("[Staging, Dimension]", "has more than one layer attribute ([Staging], [Dimension])")]
    [InlineData("[Fact(Grain = Grain.Day)]", "a day-grain incremental model needs EventTime")]
    [InlineData("[Fact(Grain = Grain.Event)]", "an event-grain incremental model needs UniqueKey")]
    [InlineData("[Staging, Incremental(Grain = Grain.Key)]", "a key-grain incremental model needs UniqueKey")]
    [InlineData("[Snapshot]", "[Snapshot] models need [Scd2(UniqueKey = ..., UpdatedAt = ...)]")]
    [InlineData("[Fact(Grain = Grain.Day, EventTime = \"t\"), View]", "[Fact(Grain = ...)] makes the model incremental; it cannot also be view")]
    public void MDSL007_invalid_configuration(string attributes, string problem)
    {
        var model = Model("Thing", $$"""
            {{attributes}}
            public sealed partial class [|Thing|] : SqlModel { public override string Sql => "select 1 as x"; }
            """);

        var diagnostic = AssertReported("MDSL007", model);

        Assert.Equal("'Thing': " + problem, diagnostic.GetMessage());
    }

    // ---- MDSL008: wrong base type or shape ----

    [Fact]
    public void MDSL008_marker_on_a_class_not_deriving_from_SqlModel()
    {
        var model = Model("StgUsers", """
            [Staging]
            public sealed partial class [|StgUsers|] { public string Sql => "select 1 as x"; }
            """);

        var diagnostic = AssertReported("MDSL008", model);

        Assert.Equal("'StgUsers' must derive from ModelDsl.SqlModel to be a [Staging] node", diagnostic.GetMessage());
    }

    [Fact]
    public void MDSL008_source_not_deriving_from_SourceTable()
    {
        var model = Model("RawUsers", """
            [Source("raw", "users")]
            public sealed partial class [|RawUsers|] : SqlModel { public override string Sql => "select 1 as x"; }
            """);

        AssertReported("MDSL008", model);
    }

    [Fact]
    public void MDSL008_nested_class()
    {
        var model = Model("Outer", """
            public static partial class Outer
            {
                [Staging]
                public sealed partial class [|StgUsers|] : SqlModel { public override string Sql => "select 1 as x"; }
            }
            """);

        var diagnostic = AssertReported("MDSL008", model);

        Assert.Equal("'StgUsers' must be a top-level class", diagnostic.GetMessage());
    }

    [Fact]
    public void MDSL008_generic_class()
    {
        var model = Model("StgThings", """
            [Staging]
            public sealed partial class [|StgThings|]<T> : SqlModel { public override string Sql => "select 1 as x"; }
            """);

        var diagnostic = AssertReported("MDSL008", model);

        Assert.Equal("'StgThings' must not be generic: a node is one relation", diagnostic.GetMessage());
    }

    // ---- MDSL009: unsupported column type ----

    [Fact]
    public void MDSL009_unsupported_column_type()
    {
        var model = Model("StgUsers", """
            [Staging]
            public sealed partial class StgUsers : SqlModel
            {
                public Uri? [|Homepage|] { get; init; }
                public override string Sql => "select 1 as homepage";
            }
            """);

        var diagnostic = AssertReported("MDSL009", model);

        Assert.Equal("Column 'Homepage' of 'StgUsers' has type 'System.Uri?', which has no SQL mapping; set [Column(SqlType = ...)]", diagnostic.GetMessage());
    }

    // ---- MDSL010: a bad windowed reference ----

    [Theory]
    [InlineData("0")]
    [InlineData("-7")]
    [InlineData("Days")]
    [InlineData("DateTime.Now.Day")]
    public void MDSL010_RefWindow_days_that_are_not_a_constant_of_at_least_one(string days)
    {
        var model = Model("FctUsers", $$""""
            [Fact(Grain = Grain.Day, EventTime = "created_at")]
            public sealed partial class FctUsers : SqlModel
            {
                private static int Days => 7;
                public override string Sql => $"select * from {RefWindow<StgUsers>([|{{days}}|])}";
            }
            """");

        var diagnostic = AssertReported("MDSL010", model, Fixtures.RawUsers, EventTimedStgUsers);

        Assert.Equal("RefWindow<Shop.StgUsers> in the SQL of 'FctUsers': the number of days must be a constant int of at least 1", diagnostic.GetMessage());
    }

    [Fact]
    public void MDSL010_RefWindow_of_a_node_without_an_event_time()
    {
        var model = Model("FctUsers", """"
            [Fact(Grain = Grain.Day, EventTime = "created_at")]
            public sealed partial class FctUsers : SqlModel
            {
                public override string Sql => $"select * from {RefWindow<[|StgUsers|]>(7)}";
            }
            """");

        var diagnostic = AssertReported("MDSL010", model, Fixtures.RawUsers, Fixtures.StgUsers);

        Assert.Equal("RefWindow<Shop.StgUsers> in the SQL of 'FctUsers': the target has no event time to narrow by (set EventTime on its attribute)",
            diagnostic.GetMessage());
    }

    private static readonly SourceFile EventTimedStgUsers = Fixtures.Model("StgUsers", """
        [Staging(EventTime = "created_at")]
        public sealed partial class StgUsers : SqlModel { public override string Sql => $"select * from {Source<RawUsers>()}"; }
        """);

    // ---- MDSL011: a name or schema that is not an identifier ----

    [Theory]
    [InlineData("[Staging(Name = [|\"../../../../escaped_model\"|])]", "Thing", "name", "../../../../escaped_model")]
    [InlineData("[Staging(Name = [|\"\"|])]", "Thing", "name", "")]
    [InlineData("[Staging(Name = [|\"1st_thing\"|])]", "Thing", "name", "1st_thing")]
    [InlineData("[Dimension(Tags = [\"x\"], Schema = [|\"my schema\"|])]", "Thing", "schema", "my schema")]
    [InlineData("[Staging]", "[|Thé|]", "name", "thé")]
    public void MDSL011_a_name_or_schema_that_is_not_an_identifier(string attributes, string className, string what, string value)
    {
        var model = Model("Thing", $$"""
            {{attributes}}
            public sealed partial class {{className}} : SqlModel { public override string Sql => "select 1 as x"; }
            """);

        var diagnostic = AssertReported("MDSL011", model);

        Assert.Equal($"The {what} '{value}' of '{className.Trim('[', '|', ']')}' is not an identifier: use letters, digits and underscores, not starting with a digit",
            diagnostic.GetMessage());
    }

    [Theory]
    [InlineData("[Source([|\"raw.data\"|], \"users\")]", "schema", "raw.data")]
    [InlineData("[Source(\"raw\", [|\"users/../x\"|])]", "name", "users/../x")]
    public void MDSL011_a_source_name_or_schema_that_is_not_an_identifier(string attribute, string what, string value)
    {
        var source = Model("RawUsers", $$"""
            {{attribute}}
            public sealed partial class RawUsers : SourceTable { }
            """);

        Assert.StartsWith($"The {what} '{value}' of 'RawUsers' is not an identifier", AssertReported("MDSL011", source).GetMessage());
    }

    // ---- MDSL012: an analytics model or column without a description (a warning) ----

    [Fact]
    public void MDSL012_an_analytics_model_without_a_summary()
    {
        var model = Model("DimThings", """
            [Dimension]
            public sealed partial class [|DimThings|] : SqlModel { public override string Sql => "select 1 as x"; }
            """);

        var diagnostic = Assert.Single(GeneratorHarness.Run(model.File).Diagnostics("MDSL012"));

        Assert.Equal(DiagnosticSeverity.Warning, diagnostic.Severity);
        model.AssertIsLocationOf(diagnostic.Location);
        Assert.Equal("The analytics model 'DimThings' has no description: write a /// <summary> on it (analytics models are what people read)", diagnostic.GetMessage());
    }

    [Fact]
    public void MDSL012_an_analytics_column_without_a_summary_and_none_when_all_are_described()
    {
        var model = Model("FctThings", """
            /// <summary>Things.</summary>
            [Fact]
            public sealed partial class FctThings : SqlModel
            {
                /// <summary>The thing's id.</summary>
                public int Id { get; init; }
                public int [|Size|] { get; init; }
                public override string Sql => "select 1 as id, 2 as size";
            }
            """);

        var diagnostic = Assert.Single(GeneratorHarness.Run(model.File).Diagnostics("MDSL012"));

        model.AssertIsLocationOf(diagnostic.Location);
        Assert.StartsWith("Column 'size' of 'FctThings' has no description", diagnostic.GetMessage());
        // Staging models are not held to it.
        Assert.Empty(GeneratorHarness.Run(Model("StgThings", """
            [Staging]
            public sealed partial class [|StgThings|] : SqlModel { public int Id { get; init; } public override string Sql => "select 1 as id"; }
            """).File).Diagnostics("MDSL012"));
    }
}
