using ModelDsl.Catalog;

namespace ModelDsl.Materializations;

/// <summary>A unique key of one or more columns (<c>"a"</c> or <c>"a, b"</c>), as SQL fragments.</summary>
public sealed class KeyColumns
{
    private readonly IReadOnlyList<string> _quoted;

    public KeyColumns(string declared)
    {
        Names = declared.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        _quoted = Names.Select(SqlIdentifier.Quote).ToList();
    }

    public IReadOnlyList<string> Names { get; }

    /// <summary><c>l."a" = r."a" AND ...</c></summary>
    public string Match(string left, string right) => string.Join(" AND ", _quoted.Select(k => $"{left}.{k} = {right}.{k}"));

    /// <summary><c>l."a" IS NOT DISTINCT FROM r."a" AND ...</c>: NULL parts match too.</summary>
    public string NullSafeMatch(string left, string right) =>
        string.Join(" AND ", _quoted.Select(k => $"{left}.{k} IS NOT DISTINCT FROM {right}.{k}"));

    /// <summary>The columns, optionally qualified: <c>a."k1", a."k2"</c>.</summary>
    public string List(string? alias = null) => string.Join(", ", _quoted.Select(k => alias is null ? k : $"{alias}.{k}"));

    /// <summary>The key as one text value, for messages and hashing.</summary>
    public string Text(string? alias = null) =>
        $"concat_ws(', ', {string.Join(", ", _quoted.Select(k => $"CAST({(alias is null ? k : $"{alias}.{k}")} AS VARCHAR)"))})";

    /// <summary><c>("a", "b") IN (SELECT "a", "b" FROM relation)</c>: a NULL part never matches.</summary>
    public string In(string relation) =>
        _quoted.Count == 1 ? $"{_quoted[0]} IN (SELECT {_quoted[0]} FROM {relation})" : $"({List()}) IN (SELECT {List()} FROM {relation})";

    public string AnyNull(string? alias = null) =>
        string.Join(" OR ", _quoted.Select(k => $"{(alias is null ? k : $"{alias}.{k}")} IS NULL"));
}
