using ModelDsl.Catalog;
using ModelDsl.Materializations;
using ModelDsl.Runtime;

namespace ModelDsl.Testing;

/// <summary>
/// A model's declared columns are its contract. Before the model is built, its query is bound without running
/// (the engine describes it) and the result's column names and types are compared with the declaration, types in the
/// engine's canonical spelling, so a broken contract writes nothing.
/// </summary>
public static class Contract
{
    /// <summary>Models with declared columns. Snapshots add their own meta columns, so they are not checked.</summary>
    public static bool Applies(Node node) =>
        node.Kind == NodeKind.Model && node.Columns.Count > 0 && node.Materialization
            is Materialization.Table or Materialization.View or Materialization.Ephemeral or Materialization.Incremental;

    /// <summary>Every difference between the declared and the actual columns, in column order; empty when they agree.</summary>
    public static IReadOnlyList<string> Differences(Warehouse warehouse, Node node)
    {
        var actual = warehouse.Describe($"SELECT * FROM (\n{node.Sql}\n) AS contract_check");
        var diff = ColumnDiff.Between(node.Columns.Select(c => (c.Name, c.SqlType)).ToList(), actual, warehouse.Dialect.NormalizeType);
        var extra = diff.Added.Select(c => c.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var retyped = diff.Retyped.ToDictionary(c => c.Name, StringComparer.OrdinalIgnoreCase);
        var differences = diff.Removed.Select(c => $"missing column {c.Name} ({c.Type})").ToList();
        foreach (var (name, type) in actual.DistinctBy(c => c.Name, StringComparer.OrdinalIgnoreCase))
        {
            if (extra.Contains(name))
                differences.Add($"extra column {name} ({type})");
            else if (retyped.TryGetValue(name, out var change))
                differences.Add($"column {name} is {type}, declared {change.Before}");
        }
        return differences;
    }
}
