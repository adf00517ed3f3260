using ModelDsl.Catalog;

namespace ModelDsl.Runtime.Reporting;

/// <summary>
/// Where a build tells what it does. Calls never overlap (the builder serializes them), so an implementation needs
/// no locking. <see cref="Started"/> and <see cref="Finished"/> per node (index and total in build order), then
/// <see cref="Completed"/>, come in order from the thread that schedules the build; <see cref="Warning"/> may come
/// from the worker thread that builds a node.
/// </summary>
public interface IBuildReporter
{
    /// <summary>Runs the whole build; a live display wraps it here.</summary>
    BuildResult Run(int total, Func<BuildResult> build) => build();

    void Started(int index, int total, Node node);

    void Finished(int index, int total, NodeResult result);

    void Completed(BuildResult result);

    /// <summary>Something the user must not miss, said while the build runs (e.g. a snapshot's history wiped).</summary>
    void Warning(string message);

    /// <summary>A node working through many days has processed <paramref name="done"/> of <paramref name="total"/>; may
    /// come from a worker thread.</summary>
    void Progress(Node node, int done, int total)
    {
    }
}
