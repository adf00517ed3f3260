using ModelDsl.Catalog;
using ModelDsl.Runtime;
using static ModelDslTests.TestNodes;

// Not under namespace ModelDsl: its [Fact] (a fact-table attribute) would hide xunit's.
namespace ModelDslTests;

/// <summary>Contracts: declared columns against the columns the engine describes for the query, on every engine.</summary>
public abstract class ContractTests(TestEngine engine)
{
    private static readonly DateTime RunTime = new(2024, 3, 15, 23, 59, 59, DateTimeKind.Utc);

    private static BuildResult Build(Warehouse warehouse, ModelCatalog catalog) =>
        ProjectBuilder.Build(warehouse, catalog, new BuildOptions(RunTime), new StringWriter());

    [Fact]
    public void A_broken_contract_fails_the_model_listing_each_difference_and_writes_nothing()
    {
        using var warehouse = engine.Open();
        var model = Model("users", "select cast(1 as bigint) as id, 'x' as name, 2 as extra") with
        {
            Columns = [new("id", "INTEGER", false, [], null), new("name", "VARCHAR", true, [], null), new("email", "VARCHAR", true, [], null)],
        };

        var result = Build(warehouse, Catalog(model));

        var failed = result.For("users")!;
        Assert.Equal(NodeStatus.Error, failed.Status);
        // The actual types as the engine spells them.
        string Type(string expression) => warehouse.Describe($"select {expression} as x").Single().Type;
        Assert.Equal(
            "staging.users (Models/users.cs:7) failed: contract broken: missing column email (VARCHAR); " +
            $"column id is {Type("cast(1 as bigint)")}, declared INTEGER; extra column extra ({Type("2")})",
            failed.Message);
        Assert.Equal(RelationType.None, warehouse.FindRelation("staging", "users"));
    }

    [Fact]
    public void A_kept_contract_builds_and_aliases_and_varchar_lengths_are_the_same_type()
    {
        using var warehouse = engine.Open();
        var model = Model("users", "select 1 as id, 'x' as name, cast(now() as timestamptz) as at, cast(1.5 as decimal(18,3)) as amount") with
        {
            Columns =
            [
                new("id", "INT", false, [], null), new("NAME", "VARCHAR(16)", true, [], null),
                new("at", "TIMESTAMPTZ", true, [], null), new("amount", "DECIMAL(18,3)", true, [], null),
            ],
        };

        Assert.True(Build(warehouse, Catalog(model)).Succeeded);
    }
}

public sealed class ContractTestsOnDuckDb() : ContractTests(TestEngine.DuckDb);

public sealed class ContractTestsOnPostgres() : ContractTests(TestEngine.Postgres);
