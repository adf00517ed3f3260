using ModelDsl.Catalog;
using ModelDsl.Lineage;
using ModelDsl.Runtime;

namespace ModelDsl.Artifacts;

/// <summary>
/// <c>target/manifest.json</c>: the whole compiled project for other tools: every node (models, sources, seeds, tests, analyses)
/// with its relation, type, materialization, config, dependencies, columns, tests, description, file/line and
/// compiled SQL, and the column lineage of each model, snapshot and analysis (<see cref="ProjectLineage"/>). <c>target/compiled/&lt;schema&gt;/&lt;name&gt;.sql</c> holds each compiled query.
/// </summary>
public static class Manifest
{
    public const string FileName = "manifest.json";

    /// <summary>
    /// Writes the manifest of the whole project and the compiled SQL of <paramref name="selected"/> (default: every node);
    /// a compiled file no node of the project has any more (a deleted or renamed model) is deleted. Column lineage is read
    /// with <paramref name="parser"/> (none without one).
    /// </summary>
    public static void Write(string targetDirectory, ModelCatalog catalog, IEnumerable<Node>? selected = null, Func<IQueryParser>? parser = null)
    {
        var compiled = catalog.Nodes.Where(n => n.Sql.Length > 0).ToDictionary(n => n, n => Inside(targetDirectory, CompiledPath(n)));
        var lineage = parser is null ? new Dictionary<string, IReadOnlyList<ColumnLineage>>() : ProjectLineage.Compute(catalog, parser);
        var nodes = catalog.Nodes.ToDictionary(n => n.Name, n => Describe(catalog, n, lineage.GetValueOrDefault(n.Name)));
        ArtifactJson.Write(Path.Combine(targetDirectory, FileName), new ManifestFile(new ManifestMetadata(DateTime.UtcNow, nodes.Count), nodes));
        DeleteStale(Path.Combine(targetDirectory, CompiledFolder), compiled.Values.ToHashSet(StringComparer.Ordinal));
        foreach (var node in selected ?? catalog.Nodes)
            if (compiled.TryGetValue(node, out var path))
                ArtifactJson.WriteText(path, node.Sql.TrimEnd() + "\n");
    }

    private const string CompiledFolder = "compiled";

    // Only .sql files under compiled/ are ours to delete; a folder left empty goes too.
    private static void DeleteStale(string folder, HashSet<string> current)
    {
        if (!Directory.Exists(folder))
            return;
        try
        {
            foreach (var file in Directory.EnumerateFiles(folder, "*.sql", SearchOption.AllDirectories).Where(f => !current.Contains(Path.GetFullPath(f))))
                File.Delete(file);
            foreach (var directory in Directory.EnumerateDirectories(folder, "*", SearchOption.AllDirectories).OrderByDescending(d => d.Length))
                if (!Directory.EnumerateFileSystemEntries(directory).Any())
                    Directory.Delete(directory);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new BadInputException($"cannot delete stale files under '{folder}': {e.Message}");
        }
    }

    // Names and schemas become path segments. The generator allows only identifiers (MDSL011); a catalog made by hand
    // must not write outside the target folder either, so every path is checked before anything is written.
    private static string Inside(string targetDirectory, string relative)
    {
        var target = Path.TrimEndingDirectorySeparator(Path.GetFullPath(targetDirectory)) + Path.DirectorySeparatorChar;
        var path = Path.GetFullPath(Path.Combine(target, relative));
        return path.StartsWith(target, StringComparison.Ordinal)
            ? path
            : throw new InvalidOperationException($"the artifact '{relative}' would be written outside the target folder '{targetDirectory}'");
    }

    /// <summary>Where a node's compiled SQL is written, relative to the target folder.</summary>
    public static string CompiledPath(Node node) => Path.Combine(CompiledFolder, node.Schema, node.Name + ".sql");

    private static ManifestNode Describe(ModelCatalog catalog, Node node, IReadOnlyList<ColumnLineage>? lineage)
    {
        var tests = catalog.Nodes.Where(t => t.Config.Test?.AttachedTo is { } on && string.Equals(on, node.Name, StringComparison.OrdinalIgnoreCase)).ToList();
        var columns = node.Columns.Select(c => new ManifestColumn(
            c.Name, c.SqlType, c.Nullable, c.Description,
            tests.Where(t => string.Equals(t.Config.Test!.Column, c.Name, StringComparison.OrdinalIgnoreCase)).Select(t => t.Name).ToList())).ToList();
        return new ManifestNode(
            node.Name,
            Names.ResourceType(node),
            Names.Relation(node),
            node.Schema,
            Names.Lower(node.Layer),
            Names.Lower(node.Materialization),
            node.Config,
            node.DependsOn,
            columns,
            tests.Select(t => t.Name).ToList(),
            node.Description,
            node.File,
            node.Line,
            node.Sql.Length == 0 ? null : node.Sql,
            node.Sql.Length == 0 ? null : CompiledPath(node).Replace('\\', '/'),
            lineage);
    }

    private sealed record ManifestFile(ManifestMetadata Metadata, IReadOnlyDictionary<string, ManifestNode> Nodes);

    private sealed record ManifestMetadata(DateTime GeneratedAt, int NodeCount);

    private sealed record ManifestNode(
        string Name,
        string ResourceType,
        string? Relation,
        string Schema,
        string Layer,
        string Materialization,
        NodeConfig Config,
        IReadOnlyList<string> DependsOn,
        IReadOnlyList<ManifestColumn> Columns,
        IReadOnlyList<string> Tests,
        string? Description,
        string File,
        int Line,
        string? CompiledSql,
        string? CompiledPath,
        IReadOnlyList<ColumnLineage>? ColumnLineage);

    private sealed record ManifestColumn(string Name, string Type, bool Nullable, string? Description, IReadOnlyList<string> Tests);
}
