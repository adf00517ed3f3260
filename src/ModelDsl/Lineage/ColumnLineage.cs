using ModelDsl.Catalog;
using ModelDsl.Materializations;

namespace ModelDsl.Lineage;

/// <summary>
/// Where a column of a node comes from: <see cref="DependsOn"/>, the columns of the nodes its query reads that it is computed
/// from (an ephemeral model counts as a node, though it is inlined), and <see cref="Sources"/>, those followed all the way down
/// to source and seed columns. <see cref="Untraceable"/> says what could not be followed (null: everything was). A column
/// with no upstream columns and nothing untraceable is computed from constants or row counts alone (<c>count(*)</c>).
/// </summary>
public sealed record ColumnLineage(string Column, IReadOnlyList<ColumnRef> DependsOn, IReadOnlyList<ColumnRef> Sources, string? Untraceable);

/// <summary>The column lineage of every model, snapshot and analysis of a project, from their compiled SQL.</summary>
public static class ProjectLineage
{
    /// <summary>Per node name, the lineage of each of its columns (the query's output columns, then declared columns it
    /// does not list). Sources, seeds and tests have none: sources and seeds are where lineage ends. <paramref name="parse"/>
    /// opens the parser the queries are read with.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<ColumnLineage>> Compute(ModelCatalog catalog, Func<IQueryParser> parse)
    {
        var lineage = new Dictionary<string, IReadOnlyList<ColumnLineage>>(StringComparer.OrdinalIgnoreCase);
        // A node's columns as the nodes below see them; null when not all of them are known.
        var columns = new Dictionary<string, IReadOnlyList<string>?>(StringComparer.OrdinalIgnoreCase);
        // The CTE names the generator gives the ephemeral models it inlines (plain, and narrowed to the days built).
        var inlined = catalog.Nodes.Where(n => n.Materialization == Materialization.Ephemeral)
            .SelectMany(n => new[] { ("__ephemeral__" + n.Name, n), ("__ephemeral__" + n.Name + "__narrowed", n) })
            .ToDictionary(p => p.Item1, p => p.n, StringComparer.OrdinalIgnoreCase);

        KnownRelation? Resolve(string? schema, string name)
        {
            var node = schema is null
                ? inlined.GetValueOrDefault(name)
                : catalog.Nodes.FirstOrDefault(n => n.Materialization != Materialization.Ephemeral && n.Kind != NodeKind.Test && n.Kind != NodeKind.Analysis
                    && string.Equals(n.Schema, schema, StringComparison.OrdinalIgnoreCase) && string.Equals(n.Name, name, StringComparison.OrdinalIgnoreCase));
            return node is null ? null : new KnownRelation(node.Name, columns.GetValueOrDefault(node.Name));
        }

        using var parser = parse();
        foreach (var node in catalog.Nodes)
        {
            if (node.Kind is NodeKind.Source or NodeKind.Seed)
            {
                columns[node.Name] = node.Columns.Select(c => c.Name).ToList();
                continue;
            }
            if (node.Kind == NodeKind.Test || node.Sql.Length == 0)
                continue;

            var (query, error) = parser.Parse(node.Sql);
            var outputs = query is { } tree ? Trace(tree, Resolve) : [new QueryColumn("*", [], $"DuckDB cannot parse it: {error}")];
            if (node.Config.Scd2 is not null)
                outputs = [.. outputs, .. SnapshotMaterialization.MetaColumns.Select(c => new QueryColumn(c, [], "an SCD2 meta column, set by the snapshot"))];
            var unlisted = outputs.FirstOrDefault(o => o.Name == "*");
            var traced = outputs.Where(o => o.Name != "*")
                .Concat(node.Columns.Where(c => !outputs.Any(o => Same(o.Name, c.Name)))
                    .Select(c => new QueryColumn(c.Name, [], unlisted?.Untraceable ?? "the query does not return it")))
                .DistinctBy(o => o.Name, StringComparer.OrdinalIgnoreCase)
                .Select(o => Down(o, lineage, catalog))
                .ToList();
            lineage[node.Name] = traced;
            columns[node.Name] = unlisted is null ? traced.Select(c => c.Column).ToList() : null;
        }
        return lineage;
    }

    // Every build writes the manifest: a parse tree of a shape the reader does not know leaves the node's lineage
    // untraceable rather than failing the build.
    private static IReadOnlyList<QueryColumn> Trace(System.Text.Json.JsonElement tree, Func<string?, string, KnownRelation?> resolve)
    {
        try
        {
            return DuckDbQueryLineage.Trace(tree, resolve);
        }
        catch (Exception e) when (e is KeyNotFoundException or InvalidOperationException or IndexOutOfRangeException or ArgumentException)
        {
            return [new QueryColumn("*", [], $"its parse tree has a shape the lineage reader does not follow ({e.Message})")];
        }
    }

    // Follows each upstream column to the sources it comes from; what an upstream column could not trace, this one cannot either.
    private static ColumnLineage Down(QueryColumn column, Dictionary<string, IReadOnlyList<ColumnLineage>> lineage, ModelCatalog catalog)
    {
        var sources = new HashSet<ColumnRef>();
        var problems = column.Untraceable is null ? new List<string>() : [column.Untraceable];
        foreach (var upstream in column.DependsOn)
        {
            if (catalog.Find(upstream.Node) is { Kind: NodeKind.Source or NodeKind.Seed })
                sources.Add(upstream);
            else if (lineage.GetValueOrDefault(upstream.Node)?.FirstOrDefault(c => Same(c.Column, upstream.Column)) is { } above)
            {
                sources.UnionWith(above.Sources);
                if (above.Untraceable is not null)
                    problems.Add($"{upstream}: {above.Untraceable}");
            }
            else
                problems.Add($"{upstream} is not a known column");
        }
        return new ColumnLineage(column.Name, column.DependsOn,
            sources.OrderBy(r => r.Node, StringComparer.Ordinal).ThenBy(r => r.Column, StringComparer.Ordinal).ToList(),
            problems.Count == 0 ? null : string.Join("; ", problems.Distinct()));
    }

    private static bool Same(string a, string b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);
}
