using Generators.Tests.Harness;
using Microsoft.CodeAnalysis;
using ModelDsl.Catalog;

namespace Generators.Tests;

/// <summary>Singular tests, model-level tests, thresholds and freshness limits as the generator records them.</summary>
public class DataTestGeneratorTests
{
    private static readonly SourceFile NoDuplicateNames = SourceFile.Model("NoDuplicateNames", """"
        namespace Shop;

        /// <summary>Two users never share a name.</summary>
        [DataTest(Severity = Severity.Warn, WarnIf = 2)]
        public sealed partial class NoDuplicateNames : SqlTest
        {
            public override string Sql => $"""
                select name, count(*) as n from {Ref<DimUsers>()} group by name having count(*) > 1
                """;
        }
        """");

    [Fact]
    public void A_singular_test_is_a_test_node_with_its_dependencies_and_compiled_sql()
    {
        var catalog = GeneratorHarness.Run([.. Fixtures.Warehouse, NoDuplicateNames]).AssertClean().LoadCatalog();

        var test = catalog.Find("no_duplicate_names")!;
        Assert.Equal(NodeKind.Test, test.Kind);
        Assert.Equal(Materialization.Test, test.Materialization);
        Assert.Equal("audit", test.Schema);
        Assert.Equal(["dim_users"], test.DependsOn);
        Assert.Contains("from \"analytics\".\"dim_users\" group by name", test.Sql);
        Assert.Equal(new TestConfig(Severity.Warn, WarnIf: 2), test.Config.Test);
        Assert.Equal("Two users never share a name.", test.Description);
        // After everything it reads.
        Assert.True(catalog.Nodes.ToList().IndexOf(test) > catalog.Nodes.ToList().FindIndex(n => n.Name == "dim_users"));
    }

    [Fact]
    public void A_singular_test_of_a_missing_model_does_not_compile()
    {
        var test = MarkedFile.Model("Broken", """"
            namespace Shop;

            [DataTest]
            public sealed partial class Broken : SqlTest
            {
                public override string Sql => $"select * from {Ref<[|DimMissing|]>()}";
            }
            """");

        var result = GeneratorHarness.Run([.. Fixtures.Warehouse, test.File]);

        Assert.Contains(result.CompilationDiagnostics, d => d.Id == "CS0246" && d.Severity == DiagnosticSeverity.Error);
    }

    [Fact]
    public void A_model_cannot_reference_a_test()
    {
        var model = MarkedFile.Model("StgOdd", """"
            namespace Shop;

            [Staging]
            public sealed partial class StgOdd : SqlModel
            {
                public override string Sql => $"select * from {Ref<[|NoDuplicateNames|]>()}";
            }
            """");

        var result = GeneratorHarness.Run([.. Fixtures.Warehouse, NoDuplicateNames, model.File]);

        var diagnostic = Assert.Single(result.Diagnostics("MDSL001"));
        model.AssertIsLocationOf(diagnostic.Location);
        Assert.Contains("it is a data test", diagnostic.GetMessage());
    }

    [Fact]
    public void Model_tests_and_thresholds_are_recorded()
    {
        var model = SourceFile.Model("DimPosts", """"
            namespace Shop;

            [Dimension, RowCount(Min = 1, Max = 1000), ExpressionIsTrue("likes <= views", Severity = Severity.Warn)]
            [UniqueCombination("post_id", "like_ratio", ErrorIf = 2)]
            public sealed partial class DimPosts : SqlModel
            {
                [Unique(WarnIf = 5, ErrorIf = 10)] public required string PostId { get; init; }
                [AcceptedRange(Min = 0, Max = 1)] public double? LikeRatio { get; init; }

                public override string Sql => "select 'p' as post_id, 0.5 as like_ratio";
            }
            """");

        var node = GeneratorHarness.Run(model).AssertClean().Node("dim_posts");

        Assert.Equal(["row_count 1,1000 Error 0 0", "expression_is_true likes <= views Warn 0 0", "unique_combination post_id,like_ratio Error 0 2"],
            node.Config.Tests!.Select(Show));
        Assert.Equal("unique  Error 5 10", Show(node.Columns[0].Tests.Single()));
        Assert.Equal(["0", "1"], node.Columns[1].Tests.Single().Arguments);
    }

    private static string Show(ColumnTest t) => $"{t.Kind} {string.Join(",", t.Arguments)} {t.Severity} {t.WarnIf} {t.ErrorIf}";

    [Fact]
    public void Source_freshness_limits_are_recorded()
    {
        var source = SourceFile.Model("RawOrders", """
            namespace Shop;

            [Source("raw", "orders", LoadedAt = "loaded_at", WarnAfterHours = 12, ErrorAfterHours = 36)]
            public sealed partial class RawOrders : SourceTable;
            """);

        var node = GeneratorHarness.Run(source).AssertClean().Node("orders");

        Assert.Equal(new SourceConfig(null, "loaded_at", 12, 36), node.Config.Source);
    }

    [Fact]
    public void Freshness_limits_without_a_loaded_at_column_are_refused()
    {
        var source = SourceFile.Model("RawOrders", """
            namespace Shop;

            [Source("raw", "orders", WarnAfterHours = 12)]
            public sealed partial class RawOrders : SourceTable;
            """);

        var diagnostic = Assert.Single(GeneratorHarness.Run(source).Diagnostics("MDSL007"));
        Assert.Contains("freshness limits need LoadedAt", diagnostic.GetMessage());
    }
}
