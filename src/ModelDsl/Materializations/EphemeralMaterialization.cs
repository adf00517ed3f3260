using ModelDsl.Catalog;

namespace ModelDsl.Materializations;

/// <summary>Ephemeral models are inlined as CTEs by the generator: there is nothing to build.</summary>
public sealed class EphemeralMaterialization : IMaterialization
{
    public NodeOutcome Build(BuildContext context, Node node) => NodeOutcome.Done("ephemeral", note: "inlined as a CTE, nothing to build");
}
