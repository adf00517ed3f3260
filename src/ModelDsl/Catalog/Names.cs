using ModelDsl.Runtime;

namespace ModelDsl.Catalog;

/// <summary>The lower-case names that the CLI, logs and artifacts use for kinds, layers and statuses.</summary>
public static class Names
{
    /// <summary>dbt's resource types: model, seed, snapshot, source, test, analysis.</summary>
    public static string ResourceType(Node node) => node.Kind switch
    {
        NodeKind.Source => "source",
        NodeKind.Seed => "seed",
        NodeKind.Test => "test",
        NodeKind.Analysis => "analysis",
        _ when node.Materialization == Materialization.Snapshot => "snapshot",
        _ => "model",
    };

    /// <summary>
    /// The node's relation as the artifacts and listings name it; null for tests and analyses, which are queries that are
    /// run, not relations that are built.
    /// </summary>
    public static string? Relation(Node node) => node.Kind is NodeKind.Test or NodeKind.Analysis ? null : node.Relation;

    public static string Status(NodeStatus status) => status.ToString().ToLowerInvariant();

    public static string Lower<T>(T value) where T : struct, Enum => value.ToString().ToLowerInvariant();
}
