using ModelDsl.Catalog;

namespace ModelDsl.Runtime.Reporting;

/// <summary>
/// Passes every call on to <paramref name="inner"/> under one lock, so a reporter never sees two calls at once even
/// when a materialization warns from a worker thread. <see cref="Run"/> is not locked: the build runs inside it.
/// </summary>
internal sealed class SynchronizedReporter(IBuildReporter inner) : IBuildReporter
{
    private readonly Lock _lock = new();

    public BuildResult Run(int total, Func<BuildResult> build) => inner.Run(total, build);

    public void Started(int index, int total, Node node)
    {
        lock (_lock)
            inner.Started(index, total, node);
    }

    public void Finished(int index, int total, NodeResult result)
    {
        lock (_lock)
            inner.Finished(index, total, result);
    }

    public void Completed(BuildResult result)
    {
        lock (_lock)
            inner.Completed(result);
    }

    public void Progress(Node node, int done, int total)
    {
        lock (_lock)
            inner.Progress(node, done, total);
    }

    public void Warning(string message)
    {
        lock (_lock)
            inner.Warning(message);
    }
}
