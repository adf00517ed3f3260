using ModelDsl.Catalog;

namespace ModelDsl.Materializations;

/// <summary>
/// Materializations not implemented yet (incremental, snapshot, seed): the node fails with a clear
/// message rather than pretending to have built something.
/// </summary>
public sealed class UnsupportedMaterialization : IMaterialization
{
    public NodeOutcome Build(BuildContext context, Node node)
    {
        var name = node.Materialization.ToString().ToLowerInvariant();
        return NodeOutcome.Failed($"building {name}", $"materialization '{name}' is not supported yet");
    }
}
