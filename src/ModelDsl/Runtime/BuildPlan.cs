using ModelDsl.Catalog;

namespace ModelDsl.Runtime;

/// <summary>
/// The nodes a build runs (never sources nor analyses), in catalog (topological) order, and for each the plan positions
/// it waits for: its parents, and, for a model, the tests on its parents (dbt's build: a model's tests run before its
/// children), unless such a test itself depends on something that comes later.
/// </summary>
internal sealed class BuildPlan
{
    private BuildPlan(IReadOnlyList<Node> nodes, IReadOnlyList<int[]> waits)
    {
        Nodes = nodes;
        Waits = waits;
    }

    public IReadOnlyList<Node> Nodes { get; }

    public IReadOnlyList<int[]> Waits { get; }

    public static BuildPlan Create(ModelCatalog catalog, IReadOnlySet<string>? selected)
    {
        var nodes = catalog.Nodes
            .Where(n => n.Materialization is not (Materialization.External or Materialization.Analysis))
            .Where(n => selected is null || selected.Contains(n.Name))
            .ToList();
        var index = nodes.Select((n, i) => (n.Name, i)).ToDictionary(p => p.Name, p => p.i, StringComparer.OrdinalIgnoreCase);
        var catalogPosition = catalog.Nodes.Select((n, i) => (n.Name, i)).ToDictionary(p => p.Name, p => p.i, StringComparer.OrdinalIgnoreCase);
        var testsOf = nodes.Where(n => n.Kind == NodeKind.Test)
            .SelectMany(t => catalog.TestedBy(t).Select(tested => (Tested: tested.Name, Test: t)))
            .ToLookup(p => p.Tested, p => p.Test, StringComparer.OrdinalIgnoreCase);

        var waits = nodes.Select(node =>
        {
            var parents = node.DependsOn.Where(index.ContainsKey).Select(p => index[p]);
            if (node.Kind == NodeKind.Test)
                return parents.Distinct().ToArray();
            var position = catalogPosition[node.Name];
            var parentTests = node.DependsOn
                .SelectMany(p => testsOf[p])
                .Where(t => t.DependsOn.All(d => catalogPosition.GetValueOrDefault(d, int.MaxValue) < position))
                .Select(t => index[t.Name]);
            return parents.Concat(parentTests).Distinct().ToArray();
        }).ToList();
        return new BuildPlan(nodes, waits);
    }
}
