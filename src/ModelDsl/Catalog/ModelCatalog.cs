namespace ModelDsl.Catalog;

/// <summary>
/// The compiled project: every node in topological order (each after everything it depends on), as emitted
/// by the source generator.
/// </summary>
public sealed class ModelCatalog
{
    private readonly Dictionary<string, Node> _byName;

    public ModelCatalog(IReadOnlyList<Node> nodes)
    {
        Nodes = nodes;
        _byName = nodes.ToDictionary(n => n.Name, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>All nodes, in topological order.</summary>
    public IReadOnlyList<Node> Nodes { get; }

    public Node? Find(string name) => _byName.GetValueOrDefault(name);

    /// <summary>The nodes that depend directly on <paramref name="node"/>.</summary>
    public IEnumerable<Node> Children(Node node) =>
        Nodes.Where(n => n.DependsOn.Contains(node.Name, StringComparer.OrdinalIgnoreCase));
}
