using ModelDsl.Catalog;

namespace ModelDsl.Materializations;

/// <summary>
/// Loads a seed's CSV file with the engine's reader into a table, swapped in atomically like any table. Declared
/// columns give the types (and must match the CSV header, in order); without them the engine detects the types.
/// </summary>
public sealed class SeedMaterialization : IMaterialization
{
    public NodeOutcome Build(BuildContext context, Node node)
    {
        var path = Path.GetFullPath(Path.Combine(context.SeedsDirectory, node.Config.Seed!.Path));
        if (!File.Exists(path))
            return NodeOutcome.Failed($"seed file '{path}' not found");
        if (HeaderProblem(path, node.Columns) is { } problem)
            return NodeOutcome.Failed(problem);

        var warehouse = context.Warehouse;
        var rows = TableMaterialization.Replace(warehouse, node, temp => warehouse.CreateTableFromCsv(temp, path, node.Columns));
        return NodeOutcome.Done("loaded seed", rows);
    }

    // A CSV reader names declared columns by position: a reordered or renamed CSV column would load silently wrong.
    private static string? HeaderProblem(string path, IReadOnlyList<Column> columns)
    {
        if (columns.Count == 0)
            return null;
        var header = File.ReadLines(path).FirstOrDefault()?.Split(',').Select(h => h.Trim().Trim('"')).ToList() ?? [];
        var declared = columns.Select(c => c.Name).ToList();
        return header.SequenceEqual(declared, StringComparer.OrdinalIgnoreCase)
            ? null
            : $"the header of '{path}' is ({string.Join(", ", header)}), but the seed declares ({string.Join(", ", declared)})";
    }
}
