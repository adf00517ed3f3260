using System.Diagnostics;
using DuckDB.NET.Data;
using ModelDsl.Catalog;
using ModelDsl.Materializations;

namespace ModelDsl.Runtime;

/// <summary>
/// Builds the selected nodes in catalog (topological) order. A failed node skips everything downstream of it;
/// independent branches still build.
/// </summary>
public static class ProjectBuilder
{
    public static BuildResult Build(Warehouse warehouse, ModelCatalog catalog, BuildOptions options, TextWriter output)
    {
        var total = Stopwatch.StartNew();
        var reporter = new BuildReporter(output);
        var nodes = catalog.Nodes
            .Where(n => n.Materialization != Materialization.External)
            .Where(n => options.Selected is null || options.Selected.Contains(n.Name, StringComparer.OrdinalIgnoreCase))
            .ToList();

        warehouse.SetRunTime(options.RunTime);
        var context = BuildContext.For(warehouse, catalog, options, output);

        // Node name → relation of the failed node at the root of its trouble, for skip messages.
        var failedUpstream = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var results = new List<NodeResult>();
        for (var i = 0; i < nodes.Count; i++)
        {
            var node = nodes[i];
            var result = BuildNode(context, node, failedUpstream);
            if (result.Status != NodeStatus.Success)
                failedUpstream[node.Name] = failedUpstream.GetValueOrDefault(node.Name) ?? node.Relation;
            results.Add(result);
            reporter.NodeDone(i + 1, nodes.Count, result);
        }

        var buildResult = new BuildResult(results, total.Elapsed);
        reporter.Summary(buildResult);
        return buildResult;
    }

    private static NodeResult BuildNode(BuildContext context, Node node, Dictionary<string, string> failedUpstream)
    {
        var failedParent = node.DependsOn.FirstOrDefault(failedUpstream.ContainsKey);
        if (failedParent is not null)
        {
            var root = failedUpstream[failedParent];
            failedUpstream[node.Name] = root;
            return new NodeResult(node, NodeStatus.Skipped, $"skipped: upstream {root} failed", null, TimeSpan.Zero);
        }

        var watch = Stopwatch.StartNew();
        try
        {
            var outcome = MaterializationFor.Node(node).Build(context, node);
            return outcome.Succeeded
                ? new NodeResult(node, NodeStatus.Success, outcome.Action, outcome.Rows, watch.Elapsed, outcome.Note)
                : new NodeResult(node, NodeStatus.Error, FailureMessage(node, outcome.Error!), null, watch.Elapsed);
        }
        catch (DuckDBException e)
        {
            return new NodeResult(node, NodeStatus.Error, FailureMessage(node, e.Message), null, watch.Elapsed);
        }
    }

    private static string FailureMessage(Node node, string error) =>
        $"{node.Relation} ({node.Location}) failed: {error.Trim()}";
}
