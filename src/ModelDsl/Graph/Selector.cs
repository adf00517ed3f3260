using ModelDsl.Catalog;
using ModelDsl.Runtime;

namespace ModelDsl.Graph;

/// <summary>
/// Which nodes a command works on: <c>--select</c> and <c>--exclude</c> by node name (or <c>schema.name</c>).
/// No <c>--select</c> means every node. This is the simple form; dbt's graph operators extend it here.
/// </summary>
public static class Selector
{
    /// <summary>The selected nodes, in catalog (topological) order.</summary>
    public static IReadOnlyList<Node> Select(ModelCatalog catalog, IReadOnlyList<string> select, IReadOnlyList<string> exclude)
    {
        var included = select.Count == 0
            ? catalog.Nodes.ToHashSet()
            : select.Select(name => Resolve(catalog, name, "--select")).ToHashSet();
        var excluded = exclude.Select(name => Resolve(catalog, name, "--exclude")).ToHashSet();
        return catalog.Nodes.Where(n => included.Contains(n) && !excluded.Contains(n)).ToList();
    }

    /// <summary>The node called <paramref name="name"/>; an unknown name is bad input with close suggestions.</summary>
    public static Node Resolve(ModelCatalog catalog, string name, string where)
    {
        var node = catalog.Find(name)
                   ?? catalog.Nodes.FirstOrDefault(n => string.Equals(n.Relation, name, StringComparison.OrdinalIgnoreCase));
        if (node is not null)
            return node;

        var suggestions = Levenshtein.Closest(name, catalog.Nodes.Select(n => n.Name));
        var hint = suggestions.Count == 0 ? "" : $"; did you mean {string.Join(", ", suggestions)}?";
        throw new BadInputException($"unknown node '{name}' in {where}{hint}");
    }
}
