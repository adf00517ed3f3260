using ModelDsl.Catalog;

namespace ModelDsl.Runtime;

public enum NodeStatus
{
    Success,
    Error,
    Skipped,
}

/// <summary>
/// How one node's build ended. <see cref="Message"/> is the action taken, the error or the skip reason;
/// <see cref="Note"/> says why a successful node wrote nothing (an ephemeral model).
/// </summary>
public sealed record NodeResult(Node Node, NodeStatus Status, string Message, long? Rows, TimeSpan Elapsed, string? Note = null);

/// <summary>The outcome of a build: one result per node that was attempted, in build order.</summary>
public sealed record BuildResult(IReadOnlyList<NodeResult> Nodes, TimeSpan Elapsed)
{
    public bool Succeeded => Nodes.All(n => n.Status == NodeStatus.Success);

    public NodeResult? For(string name) =>
        Nodes.FirstOrDefault(n => string.Equals(n.Node.Name, name, StringComparison.OrdinalIgnoreCase));

    public int Count(NodeStatus status) => Nodes.Count(n => n.Status == status);
}
