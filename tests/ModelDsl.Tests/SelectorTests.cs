using ModelDsl.Catalog;
using ModelDsl.Graph;
using ModelDsl.Runtime;
using static ModelDslTests.TestNodes;

// Not under namespace ModelDsl: its [Fact] (a fact-table attribute) would hide xunit's.
namespace ModelDslTests;

public sealed class SelectorTests
{
    private static readonly ModelDsl.Catalog.ModelCatalog Catalog = TestNodes.Catalog(
        Source("raw_users"),
        Model("stg_users", "select 1"),
        Model("stg_posts", "select 1"),
        Model("dim_users", "select 1", dependsOn: "stg_users"));

    private static string[] Names(string[] select, string[] exclude) =>
        Selector.Select(Catalog, select, exclude).Select(n => n.Name).ToArray();

    [Fact]
    public void No_select_means_everything_in_catalog_order() =>
        Assert.Equal(["raw_users", "stg_users", "stg_posts", "dim_users"], Names([], []));

    [Fact]
    public void Select_and_exclude_by_name_keep_catalog_order()
    {
        Assert.Equal(["stg_users", "dim_users"], Names(["dim_users", "STG_USERS"], []));
        Assert.Equal(["raw_users", "stg_posts", "dim_users"], Names([], ["staging.stg_users"]));
    }

    [Fact]
    public void An_unknown_name_suggests_the_closest()
    {
        var error = Assert.Throws<BadInputException>(() => Names(["stg_user"], []));
        Assert.Equal("unknown node 'stg_user' in --select; did you mean stg_users?", error.Message);

        var far = Assert.Throws<BadInputException>(() => Names([], ["completely_different"]));
        Assert.Equal("unknown node 'completely_different' in --exclude", far.Message);
    }

    [Fact]
    public void Levenshtein_distance() => Assert.Equal(3, Levenshtein.Distance("kitten", "sitting"));
}
