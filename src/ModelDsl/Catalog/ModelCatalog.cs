namespace ModelDsl.Catalog;

/// <summary>
/// The compiled project: every node in topological order (each after everything it depends on), as emitted
/// by the source generator, plus a test node for each data test declared on a column or class.
/// </summary>
public sealed class ModelCatalog
{
    private readonly Dictionary<string, Node> _byName;

    public ModelCatalog(IReadOnlyList<Node> nodes)
        : this(Testing.GenericTests.Expand(nodes), null)
    {
    }

    private ModelCatalog(IReadOnlyList<Node> expanded, Engines.SqlDialect? dialect)
    {
        Nodes = expanded;
        Dialect = dialect;
        _byName = Nodes.ToDictionary(n => n.Name, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>The engine whose SQL the nodes hold; null for the compiled, engine-neutral catalog.</summary>
    public Engines.SqlDialect? Dialect { get; }

    /// <summary>
    /// The catalog as <paramref name="dialect"/>'s engine runs it: every node's SQL with the placeholders rendered (a
    /// substitution, once; this catalog itself if it is already that engine's).
    /// </summary>
    public ModelCatalog For(Engines.SqlDialect dialect) =>
        Dialect == dialect ? this : new(Nodes.Select(n => n with { Sql = dialect.Render(n.Sql) }).ToList(), dialect);

    /// <summary>All nodes, in topological order.</summary>
    public IReadOnlyList<Node> Nodes { get; }

    public Node? Find(string name) => _byName.GetValueOrDefault(name);

    /// <summary>The nodes <paramref name="node"/> depends on directly.</summary>
    public IEnumerable<Node> Parents(Node node) => node.DependsOn.Select(Find).OfType<Node>();

    /// <summary>The nodes whose relations <paramref name="node"/>'s compiled SQL reads: its parents, with ephemeral ones
    /// (inlined, never built) replaced by what they read.</summary>
    public IEnumerable<Node> Reads(Node node) =>
        Parents(node)
            .SelectMany(p => p.Materialization == Materialization.Ephemeral ? Reads(p) : [p])
            .Distinct();

    /// <summary>The nodes a test stands for: a failure (error severity) skips what is downstream of them.</summary>
    public IEnumerable<Node> TestedBy(Node test) =>
        test.Config.Test?.AttachedTo is { } attached ? [Find(attached)!] : Parents(test);
}
