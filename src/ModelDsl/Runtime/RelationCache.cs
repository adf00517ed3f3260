using System.Text.RegularExpressions;

namespace ModelDsl.Runtime;

/// <summary>
/// The tables and views of a database as one connection knows them, read once with one query: the warehouse's own relation
/// statements keep it up to date, and any other DDL or a rollback drops it (read again when next asked). A build on one
/// connection uses it, so that it asks the catalog once, not once per node.
/// </summary>
internal sealed partial class RelationCache
{
    private Dictionary<(string, string), RelationType>? _relations;

    /// <summary>What is under <c>schema.name</c>, reading every relation with <paramref name="read"/> when not known yet.</summary>
    public RelationType Find(string schema, string name, Func<IEnumerable<(string Schema, string Name, RelationType Type)>> read)
    {
        _relations ??= read().ToDictionary(r => Key(r.Schema, r.Name), r => r.Type);
        return _relations.GetValueOrDefault(Key(schema, name), RelationType.None);
    }

    /// <summary>A relation statement on <paramref name="relation"/> (quoted <c>"schema"."name"</c>) succeeded; anything else is not known.</summary>
    public void Set(string relation, RelationType type)
    {
        if (Parse(relation) is not var (schema, name))
            Forget();
        else if (_relations is not null)
            _relations[Key(schema, name)] = type;
    }

    public void Forget() => _relations = null;

    /// <summary>The schema and name of a quoted <c>"schema"."name"</c>; null for any other spelling.</summary>
    public static (string Schema, string Name)? Parse(string relation) =>
        QuotedRelation().Match(relation) is { Success: true } match
            ? (match.Groups[1].Value.Replace("\"\"", "\""), match.Groups[2].Value.Replace("\"\"", "\""))
            : null;

    /// <summary>Whether <paramref name="sql"/> may create, drop or change a relation (DDL).</summary>
    public static bool MayChangeRelations(string sql)
    {
        var statement = sql.AsSpan().TrimStart();
        return (statement.StartsWith("create", StringComparison.OrdinalIgnoreCase) && !statement.StartsWith("create schema", StringComparison.OrdinalIgnoreCase))
               || statement.StartsWith("drop", StringComparison.OrdinalIgnoreCase)
               || statement.StartsWith("alter", StringComparison.OrdinalIgnoreCase);
    }

    // As the catalog query compares them: case-insensitively.
    private static (string, string) Key(string schema, string name) => (schema.ToLowerInvariant(), name.ToLowerInvariant());

    [GeneratedRegex("""^"((?:[^"]|"")*)"\."((?:[^"]|"")*)"$""")]
    private static partial Regex QuotedRelation();
}
