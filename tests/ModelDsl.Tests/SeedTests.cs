using ModelDsl.Catalog;
using ModelDsl.Runtime;
using static ModelDslTests.TestNodes;

namespace ModelDslTests;

/// <summary>Seeds: CSV files loaded by the engine, with the declared column types, swapped in atomically; on every engine.</summary>
public abstract class SeedTests(TestEngine engine) : IDisposable
{
    private readonly TempFolder _seeds = new();

    private static readonly Node Countries = new("countries", "raw", NodeKind.Seed, Layer.Seed, Materialization.Seed, "", [],
        [new Column("code", "VARCHAR", false, [], null), new Column("population", "BIGINT", false, [], null), new Column("joined", "DATE", true, [], null)],
        new NodeConfig([], Seed: new SeedConfig("countries.csv")), null, "Seeds.Countries", "Seeds/Countries.cs", 5);

    private BuildResult Build(Warehouse warehouse) =>
        ProjectBuilder.Build(warehouse, Catalog(Countries),
            new BuildOptions(new DateTime(2024, 1, 1), SeedsDirectory: _seeds.Path), new StringWriter());

    [Fact]
    public void Loads_the_csv_with_the_declared_column_types()
    {
        File.WriteAllText(_seeds.File("countries.csv"), "code,population,joined\nNL,17900000,2004-05-01\n007,1,\n");
        using var warehouse = engine.Open();

        var result = Build(warehouse);

        Assert.True(result.Succeeded, result.For("countries")!.Message);
        Assert.Equal(2, result.For("countries")!.Rows);
        var type = warehouse.Dialect.NormalizeType;
        Assert.Equal([("code", type("VARCHAR")), ("population", type("BIGINT")), ("joined", type("DATE"))],
            warehouse.Describe("raw.countries").Select(c => (c.Name, type(c.Type))));
        Assert.Equal("007", warehouse.Scalar<string>("select code from raw.countries where population = 1")); // not read as a number
    }

    [Fact]
    public void A_bad_value_in_a_later_row_leaves_the_previous_table()
    {
        File.WriteAllText(_seeds.File("countries.csv"), "code,population,joined\nNL,17900000,2004-05-01\n");
        using var warehouse = engine.Open();
        Assert.True(Build(warehouse).Succeeded);

        File.WriteAllText(_seeds.File("countries.csv"), "code,population,joined\nBE,11800000,\nDE,many,\n");
        var result = Build(warehouse);

        Assert.Equal(NodeStatus.Error, result.For("countries")!.Status);
        Assert.Contains("many", result.For("countries")!.Message);
        Assert.Equal("NL", warehouse.Scalar<string>("select string_agg(code, ',') from raw.countries"));
    }

    [Fact]
    public void A_header_that_does_not_match_the_declared_columns_is_refused()
    {
        File.WriteAllText(_seeds.File("countries.csv"), "population,code,joined\n1,NL,\n");
        using var warehouse = engine.Open();

        var result = Build(warehouse);

        Assert.Contains("but the seed declares (code, population, joined)", result.For("countries")!.Message);
        Assert.Equal(RelationType.None, warehouse.FindRelation("raw", "countries"));
    }

    [Fact]
    public void A_missing_file_is_named()
    {
        using var warehouse = engine.Open();

        Assert.Contains($"seed file '{_seeds.File("countries.csv")}' not found", Build(warehouse).For("countries")!.Message);
    }

    public void Dispose() => _seeds.Dispose();
}

public sealed class SeedTestsOnDuckDb() : SeedTests(TestEngine.DuckDb);

public sealed class SeedTestsOnPostgres() : SeedTests(TestEngine.Postgres);
