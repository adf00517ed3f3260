using System.Diagnostics;
using ModelDsl.Catalog;

namespace ModelDsl.Materializations;

/// <summary>Picks the materialization that builds a node.</summary>
public static class MaterializationFor
{
    public static IMaterialization Node(Node node) => node.Materialization switch
    {
        Materialization.View => new ViewMaterialization(),
        Materialization.Table => new TableMaterialization(),
        Materialization.Ephemeral => new EphemeralMaterialization(),
        Materialization.Incremental => new IncrementalMaterialization(),
        Materialization.Snapshot => new SnapshotMaterialization(),
        Materialization.Seed => new SeedMaterialization(),
        // Sources and analyses are not in a build plan; tests run through TestRunner.
        Materialization.External or Materialization.Test or Materialization.Analysis => throw new UnreachableException($"{node.Relation} ({node.Materialization}) is not built"),
        _ => throw new UnreachableException($"unknown materialization {node.Materialization}"),
    };
}
