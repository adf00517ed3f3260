using ModelDsl.Catalog;

namespace ModelDsl.Runtime;

/// <summary>How a node ended. Models end Success, Error or Skipped; tests Pass, Warn, Fail, Error or Skipped.</summary>
public enum NodeStatus
{
    Success,
    Error,
    Skipped,
    Pass,
    Warn,
    Fail,
}

/// <summary>
/// How one node's build ended. <see cref="Message"/> is the action taken, the error or the skip reason;
/// <see cref="Note"/> says why a successful node wrote nothing (an ephemeral model). A test has its failing-row
/// count and a few <see cref="SampleRows"/>.
/// </summary>
public sealed record NodeResult(Node Node, NodeStatus Status, string Message, long? Rows, TimeSpan Elapsed, string? Note = null)
{
    public long? Failures { get; init; }

    public IReadOnlyList<IReadOnlyDictionary<string, string?>> SampleRows { get; init; } = [];

    /// <summary>When the node started (UTC); null when it was skipped.</summary>
    public DateTime? StartedAt { get; init; }

    /// <summary>The node failed because the disk is full: the build stops (nothing else could be written either).</summary>
    public bool DiskFull { get; init; }

    /// <summary>A failure that makes the build fail (a warning does not).</summary>
    public bool Failed => Status is NodeStatus.Error or NodeStatus.Fail;
}

/// <summary>The outcome of a build: one result per node that was attempted, in build order.</summary>
public sealed record BuildResult(IReadOnlyList<NodeResult> Nodes, TimeSpan Elapsed)
{
    public bool Succeeded => Nodes.All(n => n.Status is NodeStatus.Success or NodeStatus.Pass or NodeStatus.Warn);

    public NodeResult? For(string name) =>
        Nodes.FirstOrDefault(n => string.Equals(n.Node.Name, name, StringComparison.OrdinalIgnoreCase));

    public int Count(NodeStatus status) => Nodes.Count(n => n.Status == status);

    /// <summary>The node that found the disk full, if one did.</summary>
    public NodeResult? DiskFull => Nodes.FirstOrDefault(n => n.DiskFull);
}
