using Generators.Tests.Harness;

namespace Generators.Tests;

/// <summary>The emitted code for the small warehouse (source, staging, ephemeral, dimension), reviewed as approved files.</summary>
public class EmittedCodeSnapshotTests
{
    private static readonly GeneratorResult Result = GeneratorHarness.Run(Fixtures.Warehouse).AssertClean();

    [Fact]
    public void Catalog() => Snapshot.Verify(Result.CatalogSource, "cs");

    [Fact]
    public void Relation_partial_of_a_staging_model() => Snapshot.Verify(Result.Sources["Shop.StgUsers.g.cs"], "cs");

    [Fact]
    public void Relation_partial_of_an_ephemeral_model() => Snapshot.Verify(Result.Sources["Shop.IntUsers.g.cs"], "cs");

    [Fact]
    public void Generates_one_partial_per_node_and_the_catalog()
    {
        Assert.Equal(
            ["ProjectCatalog.g.cs", "Shop.DimUsers.g.cs", "Shop.IntUsers.g.cs", "Shop.RawUsers.g.cs", "Shop.StgUsers.g.cs"],
            Result.Sources.Keys.Order(StringComparer.Ordinal));
    }
}
