using ModelDsl.Artifacts;
using ModelDsl.Catalog;
using ModelDsl.Runtime;

namespace ModelDsl.Docs;

/// <summary>
/// <c>target/catalog.json</c>: what the database actually holds for each node, as dbt's catalog does: the columns and types
/// of every built relation, read from DuckDB's <c>information_schema</c>. Without a database it lists no node.
/// </summary>
public static class DatabaseCatalog
{
    public const string FileName = "catalog.json";

    public static void Write(string targetDirectory, ModelCatalog catalog, Warehouse? warehouse)
    {
        var nodes = new Dictionary<string, CatalogNode>();
        if (warehouse is not null)
        {
            var columns = warehouse.Rows("""
                    SELECT table_schema, table_name, column_name, data_type FROM information_schema.columns
                    ORDER BY table_schema, table_name, ordinal_position
                    """)
                .GroupBy(r => ((string)r[0]!, (string)r[1]!), r => new CatalogColumn((string)r[2]!, (string)r[3]!))
                .ToDictionary(g => g.Key, g => g.ToList());
            foreach (var node in catalog.Nodes.Where(n => Names.Relation(n) is not null))
                if (columns.FirstOrDefault(c => Same(c.Key.Item1, node.Schema) && Same(c.Key.Item2, node.Name)).Value is { } found)
                    nodes[node.Name] = new CatalogNode(node.Relation, found);
        }
        ArtifactJson.Write(Path.Combine(targetDirectory, FileName),
            new CatalogFile(new CatalogMetadata(DateTime.UtcNow, warehouse?.Path), nodes));
    }

    private static bool Same(string a, string b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);

    private sealed record CatalogFile(CatalogMetadata Metadata, IReadOnlyDictionary<string, CatalogNode> Nodes);

    private sealed record CatalogMetadata(DateTime GeneratedAt, string? Database);

    private sealed record CatalogNode(string Relation, IReadOnlyList<CatalogColumn> Columns);

    private sealed record CatalogColumn(string Name, string Type);
}
