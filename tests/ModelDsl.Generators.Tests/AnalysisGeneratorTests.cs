using Generators.Tests.Harness;
using Microsoft.CodeAnalysis;
using ModelDsl.Catalog;

namespace Generators.Tests;

/// <summary>Analyses as the generator records them: never-built nodes with edges, compiled SQL and the usual checks.</summary>
public class AnalysisGeneratorTests
{
    private static readonly SourceFile UsersByName = SourceFile.Model("UsersByName", """"
        namespace Shop;

        /// <summary>How many users share each name, as of the run.</summary>
        [Analysis]
        public sealed partial class UsersByName : SqlAnalysis
        {
            public override string Sql => $"""
                select u.name, count(*) as users, {RunTime} as as_of
                from {Ref<IntUsers>()} u
                join {Ref<DimUsers>()} d on d.user_id = u.user_id
                group by u.name
                order by u.name
                """;
        }
        """");

    [Fact]
    public void An_analysis_is_a_node_with_its_edges_compiled_sql_description_and_location()
    {
        var catalog = GeneratorHarness.Run([.. Fixtures.Warehouse, UsersByName]).AssertClean().LoadCatalog();

        var analysis = catalog.Find("users_by_name")!;
        Assert.Equal(NodeKind.Analysis, analysis.Kind);
        Assert.Equal(Layer.Analysis, analysis.Layer);
        Assert.Equal(Materialization.Analysis, analysis.Materialization);
        Assert.Equal("analysis", analysis.Schema);
        Assert.Equal(["int_users", "dim_users"], analysis.DependsOn);
        Assert.Equal("How many users share each name, as of the run.", analysis.Description);
        Assert.Equal(("/src/Models/UsersByName.cs", 5), (analysis.File, analysis.Line));
        Assert.Equal("Shop.UsersByName", analysis.ClrType);
        // The ephemeral model is inlined, the table referenced, the run time constant pasted in.
        Assert.StartsWith("with \"__ephemeral__int_users\" as (\n    select user_id, name\n    from \"staging\".\"stg_users\"\n)\nselect u.name", analysis.Sql);
        Assert.Contains("join \"analytics\".\"dim_users\" d on", analysis.Sql);
        Assert.Contains("{{ run_time }} as as_of", analysis.Sql);
        Assert.True(catalog.Nodes.ToList().IndexOf(analysis) > catalog.Nodes.ToList().FindIndex(n => n.Name == "dim_users"));
    }

    [Fact]
    public void Name_and_tags_come_from_the_attribute()
    {
        var analysis = SourceFile.Model("Weekly", """"
            namespace Shop;

            [Analysis(Name = "weekly_report", Tags = ["finance"])]
            public sealed partial class Weekly : SqlAnalysis
            {
                public override string Sql => $"select count(*) as n from {Ref<DimUsers>()}";
            }
            """");

        var node = GeneratorHarness.Run([.. Fixtures.Warehouse, analysis]).AssertClean().Node("weekly_report");

        Assert.Equal(NodeKind.Analysis, node.Kind);
        Assert.Equal(["finance"], node.Config.Tags);
        Assert.Null(node.Config.Test);
    }

    [Fact]
    public void An_analysis_of_a_missing_model_does_not_compile()
    {
        var analysis = SourceFile.Model("Broken", """"
            namespace Shop;

            [Analysis]
            public sealed partial class Broken : SqlAnalysis
            {
                public override string Sql => $"select * from {Ref<DimMissing>()}";
            }
            """");

        var result = GeneratorHarness.Run([.. Fixtures.Warehouse, analysis]);

        Assert.Contains(result.CompilationDiagnostics, d => d.Id == "CS0246" && d.Severity == DiagnosticSeverity.Error);
        Assert.Contains(result.Diagnostics("MDSL001"), d => d.GetMessage().StartsWith("'DimMissing' is not a model, source or seed"));
    }

    [Fact]
    public void An_analysis_that_references_a_type_that_is_not_a_node_is_MDSL001_at_the_reference()
    {
        var analysis = MarkedFile.Model("Odd", """"
            namespace Shop;

            public sealed class Fake : IRelation { public static string RelationName => "fake"; }

            [Analysis]
            public sealed partial class Odd : SqlAnalysis
            {
                public override string Sql => $"select * from {Ref<[|Fake|]>()}";
            }
            """");

        var diagnostic = Assert.Single(GeneratorHarness.Run([.. Fixtures.Warehouse, analysis.File]).Diagnostics("MDSL001"));

        analysis.AssertIsLocationOf(diagnostic.Location);
    }

    [Fact]
    public void A_model_cannot_reference_an_analysis()
    {
        var model = MarkedFile.Model("StgOdd", """"
            namespace Shop;

            [Staging]
            public sealed partial class StgOdd : SqlModel
            {
                public override string Sql => $"select * from {Ref<[|UsersByName|]>()}";
            }
            """");

        var diagnostic = Assert.Single(GeneratorHarness.Run([.. Fixtures.Warehouse, UsersByName, model.File]).Diagnostics("MDSL001"));

        model.AssertIsLocationOf(diagnostic.Location);
        Assert.Contains("it is an analysis; analyses are run from the CLI, never referenced", diagnostic.GetMessage());
    }

    [Theory]
    [InlineData("[Analysis]", "SqlModel", "must derive from ModelDsl.SqlAnalysis to be a [Analysis] node")]
    [InlineData("[Staging]", "SqlAnalysis", "derives from ModelDsl.SqlAnalysis: mark it [Analysis], not [Staging]")]
    [InlineData("[Dimension]", "SqlTest", "derives from ModelDsl.SqlTest: mark it [DataTest], not [Dimension]")]
    public void The_marker_and_the_base_type_must_agree_MDSL008(string attribute, string baseType, string problem)
    {
        var file = MarkedFile.Model("Report", $$""""
            namespace Shop;

            {{attribute}}
            public sealed partial class [|Report|] : {{baseType}}
            {
                public override string Sql => "select 1 as x";
            }
            """");

        var diagnostic = Assert.Single(GeneratorHarness.Run(file.File).Diagnostics("MDSL008"));

        file.AssertIsLocationOf(diagnostic.Location);
        Assert.Equal($"'Report' {problem}", diagnostic.GetMessage());
    }

    [Theory]
    [InlineData("[Analysis, RowCount(Min = 1)]", "")]
    [InlineData("[Analysis]", "[NotNull] public string? Name { get; init; }")]
    public void An_analysis_cannot_carry_data_tests_MDSL007(string attributes, string column)
    {
        var file = MarkedFile.Model("Report", $$""""
            namespace Shop;

            {{attributes}}
            public sealed partial class [|Report|] : SqlAnalysis
            {
                {{column}}
                public override string Sql => "select 'a' as name";
            }
            """");

        var diagnostic = Assert.Single(GeneratorHarness.Run(file.File).Diagnostics("MDSL007"));

        file.AssertIsLocationOf(diagnostic.Location);
        Assert.Contains("an analysis is never built, so it cannot carry data tests", diagnostic.GetMessage());
    }

    [Fact]
    public void Declared_columns_without_tests_document_an_analysis()
    {
        var file = SourceFile.Model("Report", """"
            namespace Shop;

            [Analysis]
            public sealed partial class Report : SqlAnalysis
            {
                /// <summary>The user's name.</summary>
                public string? Name { get; init; }

                public override string Sql => "select 'a' as name";
            }
            """");

        var node = GeneratorHarness.Run(file).AssertClean().Node("report");

        var column = node.Columns.Single();
        Assert.Equal(("name", "VARCHAR", true, "The user's name."), (column.Name, column.SqlType, column.Nullable, column.Description));
    }
}
