namespace ModelDsl.Materializations;

/// <summary>
/// How a relation's columns (<c>after</c>) differ from the ones expected (<c>before</c>): names compare without case, types
/// after the engine's normalisation. The one comparison behind contracts, incremental schema changes and snapshot inputs.
/// </summary>
public sealed record ColumnDiff(
    IReadOnlyList<(string Name, string Type)> Added,
    IReadOnlyList<(string Name, string Type)> Removed,
    IReadOnlyList<(string Name, string Before, string After)> Retyped)
{
    public bool IsEmpty => Added.Count == 0 && Removed.Count == 0 && Retyped.Count == 0;

    public static ColumnDiff Between(
        IReadOnlyList<(string Name, string Type)> before, IReadOnlyList<(string Name, string Type)> after, Func<string, string>? normalize = null)
    {
        normalize ??= type => type;
        var beforeTypes = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, type) in before)
            beforeTypes.TryAdd(name, type);
        var afterNames = after.Select(c => c.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        return new ColumnDiff(
            after.Where(c => !beforeTypes.ContainsKey(c.Name)).ToList(),
            before.Where(c => !afterNames.Contains(c.Name)).ToList(),
            after.Where(c => beforeTypes.TryGetValue(c.Name, out var type) && normalize(type) != normalize(c.Type))
                .Select(c => (c.Name, beforeTypes[c.Name], c.Type)).ToList());
    }
}
