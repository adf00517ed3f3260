using ModelDsl.Catalog;
using ModelDsl.Graph;
using ModelDsl.Runtime;
using static ModelDslTests.TestNodes;

// Not under namespace ModelDsl: its [Fact] (a fact-table attribute) would hide xunit's.
namespace ModelDslTests;

/// <summary>dbt's selection grammar on a small graph: raw → stg_a → int_a → dim_a → agg, and stg_b → dim_a.</summary>
public sealed class SelectionGrammarTests
{
    private static readonly ModelCatalog Graph = Catalog(
        Source("raw", tests: new ColumnTest("unique", [], Severity.Error)),
        Model("stg_a", "select 1", dependsOn: "raw") with { Config = new NodeConfig(["daily"]) },
        Model("stg_b", "select 1") with { Config = new NodeConfig(["daily", "pii"]) },
        Model("int_a", "select 1", Materialization.Ephemeral, "intermediate", "stg_a") with { Layer = Layer.Intermediate, File = "Intermediate/IntA.cs" },
        Model("dim_a", "select 1", Materialization.Table, "analytics", "int_a", "stg_b") with { Layer = Layer.Dimension, File = "Analytics/DimA.cs" },
        Model("agg", "select 1", Materialization.Table, "analytics", "dim_a") with { Layer = Layer.Fact, File = "Analytics/Agg.cs" },
        Model("other", "select 1"));

    private static string[] Names(string select, string exclude = "") =>
        Selector.Select(Graph, select.Length == 0 ? [] : [select], exclude.Length == 0 ? [] : [exclude]).Select(n => n.Name).ToArray();

    [Theory]
    [InlineData("int_a", "int_a")]
    [InlineData("+int_a", "raw source_unique_raw_raw_id stg_a int_a")]
    [InlineData("1+int_a", "stg_a int_a")]
    [InlineData("int_a+", "int_a dim_a agg")]
    [InlineData("int_a+1", "int_a dim_a")]
    [InlineData("@int_a", "raw source_unique_raw_raw_id stg_a stg_b int_a dim_a agg")]
    [InlineData("tag:daily", "stg_a stg_b")]
    [InlineData("tag:daily,tag:pii", "stg_b")]
    [InlineData("layer:dimension", "dim_a")]
    [InlineData("layer:analytics", "dim_a agg")]
    [InlineData("path:Analytics/", "dim_a agg")]
    [InlineData("resource_type:source", "raw source_unique_raw_raw_id")]
    [InlineData("resource_type:test", "source_unique_raw_raw_id")]
    [InlineData("stg_b other", "stg_b other")]
    [InlineData("stg_a+,tag:daily", "stg_a")]
    [InlineData("analytics.agg", "agg")]
    public void Selects_in_dbt_grammar(string select, string expected) =>
        Assert.Equal(expected.Split(' '), Names(select));

    [Fact]
    public void Exclude_uses_the_same_grammar_and_removes_tests_of_excluded_nodes()
    {
        Assert.Equal(["stg_a", "stg_b", "int_a", "dim_a", "agg", "other"], Names("", "raw"));
        Assert.Equal(["raw", "stg_a", "stg_b", "other"], Names("", "int_a+ resource_type:test"));
    }

    [Theory]
    [InlineData("stg_c", "unknown node 'stg_c' in --select; did you mean stg_a, stg_b?")]
    [InlineData("tag:dayly", "no node matches 'tag:dayly' in --select; did you mean daily?")]
    [InlineData("layer:stagin", "no node matches 'layer:stagin' in --select; did you mean staging?")]
    [InlineData("resource_type:modle", "no node matches 'resource_type:modle' in --select; did you mean model?")]
    [InlineData("colour:red", "unknown selector method 'colour:' in --select (expected one of: tag, layer, path, resource_type)")]
    [InlineData("+", "cannot read selector '+' in --select")]
    [InlineData("99999999999+int_a", "depth 99999999999 in selector '99999999999+int_a' of --select is too large (at most 2147483647)")]
    [InlineData("int_a+99999999999", "depth 99999999999 in selector 'int_a+99999999999' of --select is too large (at most 2147483647)")]
    [InlineData("@stg_c", "unknown node 'stg_c' in '@stg_c' of --select; did you mean stg_a, stg_b?")]
    [InlineData("2+tag:dayly", "no node matches 'tag:dayly' in '2+tag:dayly' of --select; did you mean daily?")]
    [InlineData("path:", "selector 'path:' in --select has nothing after 'path:'")]
    [InlineData("tag:,stg_a", "selector 'tag:' in --select has nothing after 'tag:'")]
    [InlineData(" ", "empty selector ' ' in --select")]
    public void Bad_selectors_are_bad_input_with_suggestions(string select, string message) =>
        Assert.Equal(message, Assert.Throws<BadInputException>(() => Selector.Select(Graph, [select], [])).Message);

    [Fact]
    public void An_empty_value_is_an_error_not_everything()
    {
        Assert.Equal("empty selector '' in --select", Assert.Throws<BadInputException>(() => Selector.Select(Graph, [""], [])).Message);
        Assert.Equal("empty selector '' in --exclude", Assert.Throws<BadInputException>(() => Selector.Select(Graph, [], [""])).Message);
    }

    [Fact]
    public void A_tag_in_a_project_without_tags_says_there_are_none()
    {
        var untagged = Catalog(Model("stg_a", "select 1"));
        Assert.Equal("no node matches 'tag:dayly' in --select (no node has a tag)",
            Assert.Throws<BadInputException>(() => Selector.Select(untagged, ["tag:dayly"], [])).Message);
    }

    [Fact]
    public void A_known_resource_type_with_no_nodes_is_an_empty_selection() =>
        Assert.Empty(Names("resource_type:snapshot"));
}
