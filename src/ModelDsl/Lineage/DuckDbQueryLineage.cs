using System.Collections.Immutable;
using System.Text.Json;

namespace ModelDsl.Lineage;

/// <summary>A column of a node: <c>node.column</c>.</summary>
public sealed record ColumnRef(string Node, string Column)
{
    public override string ToString() => $"{Node}.{Column}";
}

/// <summary>One output column of a query: the columns of the relations it reads that its value is computed from (in its
/// expression, an aggregate's <c>FILTER</c>, a window's partitions and orders, a scalar subquery), and why part of it could
/// not be followed (null: all of it was).</summary>
public sealed record QueryColumn(string Name, IReadOnlyList<ColumnRef> DependsOn, string? Untraceable);

/// <summary>A relation a query reads, as the project knows it: its node, and its columns (null when they are not known,
/// so a <c>*</c> over it cannot be expanded, though a column named explicitly can still be followed).</summary>
public sealed record KnownRelation(string Node, IReadOnlyList<string>? Columns);

/// <summary>
/// Column lineage of one query from DuckDB's parse tree (<see cref="IQueryParser"/>): CTEs, subqueries, joins and aliases
/// are scopes; <c>*</c> (with <c>EXCLUDE</c>/<c>REPLACE</c>) expands to the columns of what it covers; every column reference
/// resolves through them to a relation's column. What cannot be resolved is reported, never guessed. An output column named
/// <c>*</c> stands for columns that could not be listed.
/// </summary>
public static class DuckDbQueryLineage
{
    /// <summary>The output columns of <paramref name="query"/>. <paramref name="resolve"/> maps a table reference (schema, or
    /// null when unqualified; name) to what the project knows of it; an unqualified name is offered before the query's CTEs,
    /// so the project can claim the CTEs it inlines itself (its ephemeral models).</summary>
    public static IReadOnlyList<QueryColumn> Trace(JsonElement query, Func<string?, string, KnownRelation?> resolve) =>
        new Walker(resolve).Query(query, NoCtes, null)
            .Select(o => new QueryColumn(o.Name, o.Trace.Refs.OrderBy(r => r.Node, StringComparer.Ordinal).ThenBy(r => r.Column, StringComparer.Ordinal).ToList(),
                o.Trace.Problems.Count == 0 ? null : string.Join("; ", o.Trace.Problems)))
            .ToList();

    private static readonly ImmutableDictionary<string, IReadOnlyList<Output>> NoCtes =
        ImmutableDictionary.Create<string, IReadOnlyList<Output>>(StringComparer.OrdinalIgnoreCase);

    /// <summary>What a value is computed from, accumulated while walking an expression.</summary>
    private sealed class Lineage
    {
        public HashSet<ColumnRef> Refs { get; } = [];
        public List<string> Problems { get; } = [];

        public static Lineage Of(ColumnRef column) => new() { Refs = { column } };

        public static Lineage Problem(string problem) => new() { Problems = { problem } };

        public void Add(Lineage other)
        {
            Refs.UnionWith(other.Refs);
            foreach (var problem in other.Problems.Where(p => !Problems.Contains(p)))
                Problems.Add(problem);
        }
    }

    private sealed record Output(string Name, Lineage Trace);

    /// <summary>A relation in a FROM clause under its alias: its columns, or, when they are unknown, how a column named on it resolves.</summary>
    private sealed record Entry(string Alias, IReadOnlyList<Output>? Columns, Func<string, Lineage> Open, string Description);

    private sealed class Scope(Scope? outer)
    {
        public Scope? Outer { get; } = outer;
        public List<Entry> Entries { get; } = [];
        public HashSet<string> UsingColumns { get; } = new(StringComparer.OrdinalIgnoreCase);
        public List<Output> SelectList { get; } = [];
    }

    private sealed class Walker(Func<string?, string, KnownRelation?> resolve)
    {
        public List<Output> Query(JsonElement node, ImmutableDictionary<string, IReadOnlyList<Output>> ctes, Scope? outer)
        {
            if (node.TryGetProperty("cte_map", out var cteMap))
            {
                foreach (var cte in cteMap.GetProperty("map").EnumerateArray())
                {
                    var value = cte.GetProperty("value");
                    var outputs = Query(value.GetProperty("query").GetProperty("node"), ctes, outer);
                    ctes = ctes.SetItem(cte.GetProperty("key").GetString()!, Renamed(outputs, Strings(value, "aliases")));
                }
            }
            switch (Text(node, "type"))
            {
                case "SELECT_NODE":
                    return Select(node, ctes, outer);
                case "SET_OPERATION_NODE":
                case "RECURSIVE_CTE_NODE":
                    var left = Query(node.GetProperty("left"), ctes, outer);
                    // A recursive CTE's recursive part reads the CTE itself: its columns come from the anchor (left) part.
                    if (Text(node, "type") == "RECURSIVE_CTE_NODE")
                        ctes = ctes.SetItem(Text(node, "cte_name"), left);
                    var right = Query(node.GetProperty("right"), ctes, outer);
                    var byName = Text(node, "setop_type").Contains("BY_NAME", StringComparison.Ordinal);
                    return left.Select((o, i) =>
                    {
                        var other = byName ? right.FirstOrDefault(r => Same(r.Name, o.Name)) : i < right.Count ? right[i] : null;
                        var trace = new Lineage();
                        trace.Add(o.Trace);
                        if (other is not null)
                            trace.Add(other.Trace);
                        return new Output(o.Name, trace);
                    }).ToList();
                default:
                    return [new Output("*", Lineage.Problem($"a {Text(node, "type")} query"))];
            }
        }

        private List<Output> Select(JsonElement node, ImmutableDictionary<string, IReadOnlyList<Output>> ctes, Scope? outer)
        {
            var scope = new Scope(outer);
            From(node.GetProperty("from_table"), ctes, scope);
            foreach (var expression in node.GetProperty("select_list").EnumerateArray())
            {
                if (Text(expression, "class") == "STAR" && !IsColumnsStar(expression))
                    scope.SelectList.AddRange(Star(expression, scope, ctes));
                else
                    scope.SelectList.Add(new Output(OutputName(expression), Expression(expression, scope, ctes)));
            }
            return scope.SelectList;
        }

        private void From(JsonElement table, ImmutableDictionary<string, IReadOnlyList<Output>> ctes, Scope scope)
        {
            var alias = Text(table, "alias");
            switch (Text(table, "type"))
            {
                case "EMPTY":
                    return;
                case "JOIN":
                    From(table.GetProperty("left"), ctes, scope);
                    From(table.GetProperty("right"), ctes, scope);
                    scope.UsingColumns.UnionWith(Strings(table, "using_columns"));
                    return;
                case "BASE_TABLE":
                {
                    var schema = Text(table, "schema_name");
                    var name = Text(table, "table_name");
                    var shown = schema.Length == 0 ? name : $"{schema}.{name}";
                    alias = alias.Length > 0 ? alias : name;
                    var renames = Strings(table, "column_name_alias");
                    if (schema.Length == 0 && resolve(null, name) is { } claimed)
                        scope.Entries.Add(Known(alias, claimed, renames));
                    else if (schema.Length == 0 && ctes.TryGetValue(name, out var cte))
                        scope.Entries.Add(Derived(alias, Renamed(cte, renames), $"CTE {name}"));
                    else if (resolve(schema.Length == 0 ? null : schema, name) is { } known)
                        scope.Entries.Add(Known(alias, known, renames));
                    else
                        scope.Entries.Add(new Entry(alias, null, _ => Lineage.Problem($"{shown} is not a node of the project"), shown));
                    return;
                }
                case "SUBQUERY":
                {
                    var outputs = Query(table.GetProperty("subquery").GetProperty("node"), ctes, scope.Outer);
                    scope.Entries.Add(Derived(alias, Renamed(outputs, Strings(table, "column_name_alias")), "a subquery"));
                    return;
                }
                case "EXPRESSION_LIST":
                {
                    // VALUES: each column is computed from its expressions in every row (DuckDB names them col0, col1, ...).
                    var rows = table.GetProperty("values").EnumerateArray().Select(r => r.EnumerateArray().ToList()).ToList();
                    var names = Strings(table, "expected_names");
                    var outputs = Enumerable.Range(0, rows.Count == 0 ? 0 : rows[0].Count).Select(i =>
                    {
                        var trace = new Lineage();
                        rows.Where(r => i < r.Count).ToList().ForEach(r => trace.Add(Expression(r[i], new Scope(scope.Outer), ctes)));
                        return new Output(i < names.Count ? names[i] : $"col{i}", trace);
                    }).ToList();
                    scope.Entries.Add(Derived(alias, outputs, "VALUES"));
                    return;
                }
                case "TABLE_FUNCTION":
                {
                    // A table function's columns are computed from its arguments.
                    var function = table.GetProperty("function");
                    var arguments = Expression(function, new Scope(scope.Outer), ctes);
                    var names = Strings(table, "column_name_alias");
                    alias = alias.Length > 0 ? alias : Text(function, "function_name");
                    scope.Entries.Add(new Entry(alias, names.Count == 0 ? null : names.Select(n => new Output(n, arguments)).ToList(),
                        _ => arguments, $"table function {Text(function, "function_name")}"));
                    return;
                }
                default:
                    scope.Entries.Add(new Entry(alias, null, _ => Lineage.Problem($"a {Text(table, "type")} in FROM"), $"a {Text(table, "type")}"));
                    return;
            }
        }

        // A CTE or subquery: its columns, unless a `*` in it could not be expanded; then a column named on it is one of those
        // it lists, or comes from that `*`.
        private static Entry Derived(string alias, List<Output> outputs, string description)
        {
            var unlisted = outputs.FirstOrDefault(o => o.Name == "*");
            return unlisted is null
                ? new Entry(alias, outputs, _ => new Lineage(), description)
                : new Entry(alias, null, c => outputs.FirstOrDefault(o => Same(o.Name, c))?.Trace ?? unlisted.Trace, description);
        }

        private static Entry Known(string alias, KnownRelation relation, IReadOnlyList<string> renames)
        {
            var columns = relation.Columns?.Select(c => new Output(c, Lineage.Of(new ColumnRef(relation.Node, c)))).ToList();
            return new Entry(alias, columns is null ? null : Renamed(columns, renames), c => Lineage.Of(new ColumnRef(relation.Node, c)), relation.Node);
        }

        private List<Output> Star(JsonElement star, Scope scope, ImmutableDictionary<string, IReadOnlyList<Output>> ctes)
        {
            var relation = Text(star, "relation_name");
            var entries = relation.Length == 0 ? scope.Entries : scope.Entries.Where(e => Same(e.Alias, relation)).ToList();
            if (entries.Count == 0)
                return [new Output("*", Lineage.Problem(relation.Length == 0 ? "`*` without FROM" : $"`{relation}.*` names no relation of the query"))];
            var excluded = Names(star.GetProperty("exclude_list")).Concat(Names(star.GetProperty("qualified_exclude_list"))).ToHashSet(StringComparer.OrdinalIgnoreCase);
            var replaced = star.GetProperty("replace_list").EnumerateArray()
                .ToDictionary(r => r.GetProperty("key").GetString()!, r => r.GetProperty("value"), StringComparer.OrdinalIgnoreCase);
            var renamed = star.TryGetProperty("rename_list", out var renames) && renames.GetArrayLength() > 0;
            var outputs = new List<Output>();
            foreach (var entry in entries)
            {
                if (entry.Columns is null || renamed)
                {
                    outputs.Add(new Output("*", Lineage.Problem(renamed ? "`* RENAME`" : $"`*` over {entry.Description}, whose columns are not known")));
                    continue;
                }
                foreach (var column in entry.Columns.Where(c => !excluded.Contains(c.Name)))
                {
                    // A USING column appears once in `*`.
                    if (scope.UsingColumns.Contains(column.Name) && outputs.Any(o => Same(o.Name, column.Name)))
                        continue;
                    outputs.Add(replaced.TryGetValue(column.Name, out var replacement)
                        ? new Output(column.Name, Expression(replacement, scope, ctes))
                        : column);
                }
            }
            return outputs;
        }

        private Lineage Expression(JsonElement expression, Scope scope, ImmutableDictionary<string, IReadOnlyList<Output>> ctes)
        {
            var lineage = new Lineage();
            Walk(expression, ImmutableHashSet.Create<string>(StringComparer.OrdinalIgnoreCase));
            return lineage;

            void Walk(JsonElement element, ImmutableHashSet<string> lambdaParameters)
            {
                if (element.ValueKind == JsonValueKind.Array)
                {
                    foreach (var item in element.EnumerateArray())
                        Walk(item, lambdaParameters);
                    return;
                }
                if (element.ValueKind != JsonValueKind.Object)
                    return;
                switch (Text(element, "class"))
                {
                    case "COLUMN_REF":
                        var names = Strings(element, "column_names");
                        if (!lambdaParameters.Contains(names[0]))
                            lineage.Add(Column(names, scope));
                        return;
                    case "SUBQUERY":
                        foreach (var output in Query(element.GetProperty("subquery").GetProperty("node"), ctes, scope))
                            lineage.Add(output.Trace);
                        if (element.TryGetProperty("child", out var child))
                            Walk(child, lambdaParameters);
                        return;
                    case "LAMBDA":
                        var parameters = new List<string>();
                        CollectNames(element.GetProperty("lhs"), parameters);
                        Walk(element.GetProperty("expr"), lambdaParameters.Union(parameters));
                        return;
                    case "STAR":
                        lineage.Add(Lineage.Problem(IsColumnsStar(element) ? "COLUMNS(...)" : "a `*` inside an expression"));
                        return;
                }
                foreach (var property in element.EnumerateObject())
                    Walk(property.Value, lambdaParameters);
            }
        }

        private static Lineage Column(IReadOnlyList<string> names, Scope scope)
        {
            for (var s = scope; s is not null; s = s.Outer)
            {
                if (names.Count >= 2 && s.Entries.FirstOrDefault(e => Same(e.Alias, names[0])) is { } qualified)
                {
                    if (qualified.Columns is null)
                        return qualified.Open(names[1]);
                    return qualified.Columns.FirstOrDefault(c => Same(c.Name, names[1]))?.Trace
                           ?? Lineage.Problem($"{names[0]}.{names[1]} is not a column of {qualified.Description}");
                }
                // Unqualified (or a struct field of a column): the relations that have it, else an earlier select-list alias.
                var name = names[0];
                var having = s.Entries.SelectMany(e => e.Columns ?? []).Where(c => Same(c.Name, name)).ToList();
                if (having.Count > 0)
                {
                    var union = new Lineage();
                    having.ForEach(c => union.Add(c.Trace));
                    return union;
                }
                if (s.SelectList.FirstOrDefault(o => Same(o.Name, name)) is { } earlier)
                    return earlier.Trace;
                var open = s.Entries.Where(e => e.Columns is null).ToList();
                if (open.Count == 1)
                    return open[0].Open(name);
                if (open.Count > 1)
                    return Lineage.Problem($"{name} may come from any of {string.Join(", ", open.Select(e => e.Description))}");
            }
            return Lineage.Problem($"column {string.Join('.', names)} is not found");
        }

        private static string OutputName(JsonElement expression) =>
            Text(expression, "alias") is { Length: > 0 } alias ? alias
            : Text(expression, "class") == "COLUMN_REF" ? Strings(expression, "column_names")[^1]
            : Text(expression, "function_name") is { Length: > 0 } function ? function
            : "?";

        private static bool IsColumnsStar(JsonElement star) =>
            (star.TryGetProperty("columns", out var columns) && columns.ValueKind == JsonValueKind.True)
            || (star.TryGetProperty("expr", out var expr) && expr.ValueKind != JsonValueKind.Null);

        private static void CollectNames(JsonElement element, List<string> names)
        {
            if (element.ValueKind == JsonValueKind.Array)
                foreach (var item in element.EnumerateArray())
                    CollectNames(item, names);
            else if (element.ValueKind == JsonValueKind.Object)
            {
                if (Text(element, "class") == "COLUMN_REF")
                    names.Add(Strings(element, "column_names")[^1]);
                else
                    foreach (var property in element.EnumerateObject())
                        CollectNames(property.Value, names);
            }
        }

        // An EXCLUDE entry is a name, or (qualified) an object naming the column last.
        private static IEnumerable<string> Names(JsonElement list) =>
            list.EnumerateArray().Select(item => item.ValueKind == JsonValueKind.String ? item.GetString()!
                : item.TryGetProperty("column_names", out var names) ? names.EnumerateArray().Last().GetString()!
                : item.EnumerateObject().Select(p => p.Value).LastOrDefault(v => v.ValueKind == JsonValueKind.String).GetString() ?? "");
    }

    private static List<Output> Renamed(IReadOnlyList<Output> outputs, IReadOnlyList<string> names) =>
        outputs.Select((o, i) => i < names.Count ? o with { Name = names[i] } : o).ToList();

    private static bool Same(string a, string b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);

    private static string Text(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString()! : "";

    private static IReadOnlyList<string> Strings(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.Array
            ? value.EnumerateArray().Where(v => v.ValueKind == JsonValueKind.String).Select(v => v.GetString()!).ToList()
            : [];
}
