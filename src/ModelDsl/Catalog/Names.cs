using ModelDsl.Runtime;

namespace ModelDsl.Catalog;

/// <summary>The lower-case names that the CLI, logs and artifacts use for kinds, layers and statuses.</summary>
public static class Names
{
    /// <summary>dbt's resource types: model, seed, snapshot, source, test.</summary>
    public static string ResourceType(Node node) => node.Kind switch
    {
        NodeKind.Source => "source",
        NodeKind.Seed => "seed",
        NodeKind.Test => "test",
        _ when node.Materialization == Materialization.Snapshot => "snapshot",
        _ => "model",
    };

    public static string Status(NodeStatus status) => status.ToString().ToLowerInvariant();

    public static string Lower<T>(T value) where T : struct, Enum => value.ToString().ToLowerInvariant();
}
