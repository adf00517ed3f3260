using ModelDsl.Catalog;

namespace ModelDsl.Runtime;

/// <summary>
/// <c>--empty</c>: every selected model built with zero rows, to check its SQL and its contract fast, in a scratch in-memory
/// database, so the real one (opened read-only) is never written. What the selection reads and does not build (its sources,
/// unselected models) is created there as an empty table of the real relation's columns; each model's query is limited to
/// zero rows, so nothing is read, while the engine still binds and plans it. Seeds load their files (they are small, and it
/// checks them); tests run on the empty relations, as dbt's do, and one that fails there (a minimum row count) skips nothing
/// downstream, whose SQL is still to be checked.
/// </summary>
public static class EmptyBuild
{
    /// <summary>The scratch database, with an empty table for each relation the <paramref name="built"/> nodes read from
    /// <paramref name="real"/> without building it (one missing from the real database is left out: its readers fail as they would).</summary>
    public static Warehouse Sandbox(Warehouse real, ModelCatalog catalog, IReadOnlyCollection<Node> built)
    {
        // Sources are never built, and a selection may hold them.
        var names = built.Where(n => n.Materialization != Materialization.External).Select(n => n.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var inputs = built.SelectMany(catalog.Reads).Where(n => !names.Contains(n.Name)).Distinct()
            .Where(n => real.FindRelation(n.Schema, n.Name) != RelationType.None)
            .Select(n => (Node: n, Columns: real.Describe(n.QuotedRelation)))
            .ToList();
        var sandbox = real.OpenScratch();
        foreach (var (node, columns) in inputs)
        {
            sandbox.CreateSchema(node.Schema);
            sandbox.Execute($"CREATE TABLE {node.QuotedRelation} ({string.Join(", ", columns.Select(c => $"{sandbox.Dialect.Quote(c.Name)} {c.Type}"))})");
        }
        return sandbox;
    }

    /// <summary>The catalog with every model's query limited to zero rows.</summary>
    public static ModelCatalog Catalog(ModelCatalog catalog) =>
        new(catalog.Nodes.Select(n => n.Kind == NodeKind.Model ? n with { Sql = $"SELECT * FROM (\n{n.Sql}\n) AS empty_build LIMIT 0" } : n).ToList());
}
