using ModelDsl.Catalog;
using ModelDsl.Materializations;
using ModelDsl.Runtime.Reporting;

namespace ModelDsl.Runtime;

/// <summary>
/// Runs a <see cref="BuildPlan"/> on a pool of connections: a node starts once everything it waits for has finished
/// and a connection is free. All bookkeeping and node reporting happens on the calling thread; only node execution
/// (and a materialization's warnings) runs on the pool.
/// </summary>
internal sealed class Scheduler(BuildPlan plan, ModelCatalog catalog, BuildOptions options, IBuildReporter reporter)
{
    private readonly NodeResult?[] _results = new NodeResult?[plan.Nodes.Count];
    private readonly bool[] _started = new bool[plan.Nodes.Count];

    // Node name → why its dependents are skipped: the node was not built, or an error-severity test on it failed.
    private readonly Dictionary<string, string> _notBuilt = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, string> _failedTests = new(StringComparer.OrdinalIgnoreCase);
    private string? _stopped;

    public IReadOnlyList<NodeResult> Run(IReadOnlyList<BuildContext> workers)
    {
        var free = new Stack<BuildContext>(workers.Reverse());
        var running = new Dictionary<Task<NodeResult>, (int Index, BuildContext Worker)>();
        try
        {
            while (_results.Any(r => r is null))
            {
                StartReady(free, running);
                if (running.Count == 0)
                    break;
                var done = running.Keys.ElementAt(Task.WaitAny([.. running.Keys]));
                var (index, worker) = running[done];
                running.Remove(done);
                free.Push(worker);
                Finish(index, Cancelled(done.Result));
            }
        }
        catch
        {
            // The caller disposes the connections next: let the nodes still running on them end first.
            try
            {
                Task.WaitAll([.. running.Keys]);
            }
            catch (AggregateException)
            {
                // The error being thrown is the one to report.
            }
            throw;
        }
        return _results.Select((r, i) => r ?? Skipped(plan.Nodes[i], "skipped: not reached")).ToList();
    }

    private void StartReady(Stack<BuildContext> free, Dictionary<Task<NodeResult>, (int, BuildContext)> running)
    {
        for (var progressed = true; progressed;)
        {
            progressed = false;
            for (var i = 0; i < plan.Nodes.Count; i++)
            {
                if (_started[i] || !plan.Waits[i].All(w => _results[w] is not null))
                    continue;
                var node = plan.Nodes[i];
                if ((_stopped ?? (options.Cancellation.IsCancellationRequested ? CancelledReason : SkipReason(node))) is { } reason)
                {
                    _started[i] = true;
                    Finish(i, Skipped(node, reason));
                    progressed = true;
                }
                else if (free.Count > 0)
                {
                    _started[i] = true;
                    var worker = free.Pop();
                    reporter.Started(i + 1, plan.Nodes.Count, node);
                    running.Add(Task.Run(() => ProjectBuilder.Execute(worker, node, options.StoreFailures)), (i, worker));
                    progressed = true;
                }
            }
        }
    }

    // A test still runs when another test on its node failed; a model does not.
    private string? SkipReason(Node node)
    {
        foreach (var parent in node.DependsOn)
        {
            if (_notBuilt.TryGetValue(parent, out var reason))
                return $"skipped: {reason}";
            if (node.Kind != NodeKind.Test && _failedTests.TryGetValue(parent, out reason))
                return $"skipped: {reason}";
        }
        return null;
    }

    private void Finish(int index, NodeResult result)
    {
        _results[index] = result;
        reporter.Finished(index + 1, plan.Nodes.Count, result);

        var node = result.Node;
        if (node.Kind != NodeKind.Test && result.Status is NodeStatus.Error or NodeStatus.Skipped)
            _notBuilt[node.Name] = result.Status == NodeStatus.Error
                ? $"upstream {node.Relation} failed"
                : result.Message.StartsWith(SkippedPrefix, StringComparison.Ordinal) ? result.Message[SkippedPrefix.Length..] : result.Message;
        if (node.Kind == NodeKind.Test && result.Failed && options.TestFailuresSkipDownstream)
        {
            foreach (var tested in catalog.TestedBy(node))
                _failedTests.TryAdd(tested.Name, $"test {node.Name} failed on {tested.Relation}");
        }
        if (result.DiskFull)
            _stopped ??= DiskFullReason;
        if (result.Failed && options.FailFast)
            _stopped ??= $"skipped: --fail-fast after {ProjectBuilder.Display(node)} failed";
    }

    private const string SkippedPrefix = "skipped: ";

    private const string CancelledReason = "cancelled";

    // Every later write would fail the same way.
    private const string DiskFullReason = "skipped: the disk is full";

    // A node that failed once the build was cancelled was interrupted: it is cancelled, not broken.
    private NodeResult Cancelled(NodeResult result) =>
        options.Cancellation.IsCancellationRequested && result.Status == NodeStatus.Error
            ? Skipped(result.Node, CancelledReason) with { Elapsed = result.Elapsed, StartedAt = result.StartedAt }
            : result;

    private static NodeResult Skipped(Node node, string reason) => new(node, NodeStatus.Skipped, reason, null, TimeSpan.Zero);
}
