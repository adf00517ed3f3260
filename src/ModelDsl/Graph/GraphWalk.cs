using ModelDsl.Catalog;

namespace ModelDsl.Graph;

/// <summary>Ancestors and descendants of a node, up to a depth (null: all the way).</summary>
public static class GraphWalk
{
    public static IEnumerable<Node> Ancestors(ModelCatalog catalog, Node node, int? depth = null) =>
        Walk(node, depth, catalog.Parents);

    public static IEnumerable<Node> Descendants(ModelCatalog catalog, Node node, int? depth = null)
    {
        // Children once per walk: the catalog only knows parents.
        var children = catalog.Nodes
            .SelectMany(child => catalog.Parents(child).Select(parent => (parent, child)))
            .ToLookup(p => p.parent.Name, p => p.child, StringComparer.OrdinalIgnoreCase);
        return Walk(node, depth, n => children[n.Name]);
    }

    // Breadth-first, so a depth limit counts the shortest path.
    private static IEnumerable<Node> Walk(Node start, int? depth, Func<Node, IEnumerable<Node>> next)
    {
        var seen = new HashSet<Node> { start };
        var frontier = new List<Node> { start };
        for (var level = 0; frontier.Count > 0 && (depth is null || level < depth); level++)
        {
            frontier = frontier.SelectMany(next).Where(seen.Add).ToList();
            foreach (var node in frontier)
                yield return node;
        }
    }
}
