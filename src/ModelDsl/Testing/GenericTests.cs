using System.Globalization;
using ModelDsl.Catalog;
using ModelDsl.Materializations;

namespace ModelDsl.Testing;

/// <summary>
/// Turns the tests declared on columns and classes into test nodes: each is a query returning the failing rows,
/// depends on the node it tests (and a relationship's target), and sits right after them in build order.
/// </summary>
public static class GenericTests
{
    /// <summary>The schema that holds stored failures (<c>--store-failures</c>); test nodes live "in" it.</summary>
    public const string AuditSchema = "audit";

    /// <summary>
    /// <paramref name="nodes"/> with a test node after each node's last dependency, in topological order. Sources go
    /// first (they depend on nothing), so their tests, relationship tests between sources included, run before any model.
    /// </summary>
    public static IReadOnlyList<Node> Expand(IReadOnlyList<Node> declared)
    {
        if (declared.Any(n => n.Config.Test?.Kind is not null))
            return declared; // already expanded
        var nodes = declared.Where(n => n.Kind == NodeKind.Source).Concat(declared.Where(n => n.Kind != NodeKind.Source)).ToList();
        var byName = nodes.ToDictionary(n => n.Name, StringComparer.OrdinalIgnoreCase);
        var tests = nodes.SelectMany(node => For(node, byName)).ToList();
        var position = nodes.Select((n, i) => (n.Name, i)).ToDictionary(p => p.Name, p => p.i, StringComparer.OrdinalIgnoreCase);

        // Stable: a test goes after the last node it depends on, in declaration order among tests at the same spot.
        var result = new List<Node>();
        var after = tests.ToLookup(t => t.DependsOn.Where(position.ContainsKey).Max(d => position[d]));
        for (var i = 0; i < nodes.Count; i++)
        {
            result.Add(nodes[i]);
            result.AddRange(after[i]);
        }
        return result;
    }

    private static IEnumerable<Node> For(Node node, IReadOnlyDictionary<string, Node> byName)
    {
        string Name(string kind) => node.Kind == NodeKind.Source ? $"source_{kind}_{node.Schema}_{node.Name}" : $"{kind}_{node.Name}";
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var column in node.Columns)
        {
            foreach (var test in column.Tests)
            {
                var target = test.Kind == "relationships" ? byName.GetValueOrDefault(test.Arguments[0]) : null;
                var sql = ColumnSql(node, column.Name, test, target);
                var dependsOn = target is null || target == node ? [node.Name] : new[] { node.Name, target.Name };
                yield return Create(node, Unique(names, Name(test.Kind) + "_" + column.Name),
                    test, column.Name, sql, dependsOn);
            }
        }
        foreach (var test in node.Config.Tests ?? [])
            yield return Create(node, Unique(names, Name(test.Kind)), test, null, ModelSql(node, test), [node.Name]);
    }

    private static Node Create(Node node, string name, ColumnTest test, string? column, string sql, IReadOnlyList<string> dependsOn) =>
        new(name, AuditSchema, NodeKind.Test, Layer.Test, Materialization.Test, sql, dependsOn, [],
            new NodeConfig(node.Config.Tags, Test: new TestConfig(test.Severity, test.WarnIf, test.ErrorIf, node.Name, column, test.Kind)),
            Describe(node, test, column), node.ClrType, node.File, node.Line);

    private static string Describe(Node node, ColumnTest test, string? column)
    {
        var on = column is null ? node.Relation : $"{node.Relation}.{column}";
        return test.Arguments.Count == 0 ? $"{test.Kind} on {on}" : $"{test.Kind} ({string.Join(", ", test.Arguments)}) on {on}";
    }

    private static string Unique(HashSet<string> names, string name)
    {
        var candidate = name;
        for (var i = 2; !names.Add(candidate); i++)
            candidate = $"{name}_{i}";
        return candidate;
    }

    private static string ColumnSql(Node node, string columnName, ColumnTest test, Node? target)
    {
        var relation = From(node);
        var column = SqlIdentifier.Quote(columnName);
        return test.Kind switch
        {
            "unique" => Scoped(node) is null
                ? $"select {column}, count(*) as n_records\nfrom {relation}\nwhere {column} is not null\ngroup by {column}\nhaving count(*) > 1"
                : $"select {column}, count(*) as n_records\nfrom {Whole(node)}\nwhere {column} in (select {column} from {relation})\ngroup by {column}\nhaving count(*) > 1",
            "not_null" => $"select *\nfrom {relation}\nwhere {column} is null",
            "accepted_values" =>
                $"select *\nfrom {relation}\nwhere {column} is not null\n  and {column} not in ({string.Join(", ", test.Arguments.Select(SqlIdentifier.Literal))})",
            "accepted_range" => $"select *\nfrom {relation}\nwhere {RangeViolation(column, test.Arguments[0], test.Arguments[1])}",
            "relationships" when target is not null =>
                $"select child.*\nfrom {From(node, "child")}\nwhere child.{column} is not null\n  and not exists (select 1 from {Whole(target, "parent")} " +
                $"where parent.{SqlIdentifier.Quote(test.Arguments[1])} = child.{column})",
            _ => $"select 'unknown test {test.Kind}' as error",
        };
    }

    private static string ModelSql(Node node, ColumnTest test) => test.Kind switch
    {
        "row_count" => $"select count(*) as row_count\nfrom {Whole(node)}\nhaving count(*) < {Integer(test.Arguments[0])} or count(*) > {Integer(test.Arguments[1])}",
        "unique_combination" => UniqueCombination(node, test.Arguments),
        // The expression is a compile-time constant of the project, not user input.
        "expression_is_true" => $"select *\nfrom {From(node)}\nwhere not coalesce(({test.Arguments[0]}), false)",
        _ => $"select 'unknown test {test.Kind}' as error",
    };

    // A key with a NULL part is a failure too: a composite key is only a key when every part is set. In an incremental
    // model, the keys of the rows checked are counted over the whole table, unless the key holds the event time: then
    // it cannot repeat across days, and the days checked are enough.
    private static string UniqueCombination(Node node, IReadOnlyList<string> columns)
    {
        var key = new KeyColumns(string.Join(",", columns));
        var eventTime = Scoped(node);
        var (rows, checkedKeys) = eventTime is null || key.Names.Contains(eventTime, StringComparer.OrdinalIgnoreCase)
            ? (From(node, "t"), "")
            : (Whole(node, "t"), $"\nwhere exists (select 1 from {From(node, "checked")} where {key.NullSafeMatch("checked", "t")})");
        return $"select {key.List()}, count(*) as n_records\nfrom {rows}{checkedKeys}\ngroup by {key.List()}\nhaving count(*) > 1 or bool_or({key.AnyNull()})";
    }

    private static string RangeViolation(string column, string min, string max)
    {
        var bounds = new List<string>();
        if (double.TryParse(min, NumberStyles.Float, CultureInfo.InvariantCulture, out var low) && double.IsFinite(low))
            bounds.Add($"{column} < {low.ToString("R", CultureInfo.InvariantCulture)}");
        if (double.TryParse(max, NumberStyles.Float, CultureInfo.InvariantCulture, out var high) && double.IsFinite(high))
            bounds.Add($"{column} > {high.ToString("R", CultureInfo.InvariantCulture)}");
        return bounds.Count == 0 ? "false" : string.Join(" or ", bounds);
    }

    private static string Integer(string value) =>
        long.Parse(value, NumberStyles.Integer, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// The rows a test of <paramref name="node"/> checks. An incremental model with an event time is checked on the
    /// days its build just wrote, a source with an event time on the days the build processes (the runtime sets the
    /// window; the whole table on a rebuild or by the <c>test</c> verb), so a daily build's tests cost a day, not all
    /// of history. Row-by-row tests read these rows; key tests
    /// count the keys of these rows over the whole table (<see cref="Whole"/>).
    /// </summary>
    private static string From(Node node, string? alias = null) =>
        Scoped(node) is { } eventTime
            ? $"(select * from {node.QuotedRelation} where {PartitionWindow.Contains(eventTime)}) as {alias ?? SqlIdentifier.Quote(node.Name)}"
            : Whole(node, alias);

    private static string? Scoped(Node node) =>
        node.Materialization == Materialization.Incremental ? node.Config.Incremental?.EventTime
        : node.Kind == NodeKind.Source ? node.Config.EventTime
        : null;

    // An ephemeral node has no relation: test its query.
    private static string Whole(Node node, string? alias = null) =>
        node.Materialization == Materialization.Ephemeral
            ? $"(\n{node.Sql}\n) as {alias ?? SqlIdentifier.Quote(node.Name)}"
            : alias is null ? node.QuotedRelation : $"{node.QuotedRelation} as {alias}";
}
