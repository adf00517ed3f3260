using System.Text.RegularExpressions;
using ModelDsl.Catalog;
using ModelDsl.Runtime;

namespace ModelDsl.Testing;

/// <summary>
/// A model's declared columns are its contract. Before the model is built, its query is bound without running
/// (DuckDB's DESCRIBE) and the result's column names and types are compared with the declaration, so a broken
/// contract writes nothing.
/// </summary>
public static partial class Contract
{
    /// <summary>Models with declared columns. Snapshots add their own meta columns, so they are not checked.</summary>
    public static bool Applies(Node node) =>
        node.Kind == NodeKind.Model && node.Columns.Count > 0 && node.Materialization
            is Materialization.Table or Materialization.View or Materialization.Ephemeral or Materialization.Incremental;

    /// <summary>Every difference between the declared and the actual columns, in column order; empty when they agree.</summary>
    public static IReadOnlyList<string> Differences(Warehouse warehouse, Node node)
    {
        var actual = Describe(warehouse, node.Sql);
        var declared = node.Columns.ToDictionary(c => c.Name, StringComparer.OrdinalIgnoreCase);
        var differences = new List<string>();
        foreach (var column in node.Columns.Where(c => !actual.ContainsKey(c.Name)))
            differences.Add($"missing column {column.Name} ({column.SqlType})");
        foreach (var (name, type) in actual)
        {
            if (!declared.TryGetValue(name, out var column))
                differences.Add($"extra column {name} ({type})");
            else if (Normalize(column.SqlType) != Normalize(type))
                differences.Add($"column {name} is {type}, declared {column.SqlType}");
        }
        return differences;
    }

    private static Dictionary<string, string> Describe(Warehouse warehouse, string sql)
    {
        var columns = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, type) in warehouse.Describe($"SELECT * FROM (\n{sql}\n) AS contract_check"))
            columns[name] = type;
        return columns;
    }

    /// <summary>DuckDB's canonical spelling of a type: aliases resolved, VARCHAR lengths dropped (DuckDB ignores them).</summary>
    internal static string Normalize(string type)
    {
        var upper = Whitespace().Replace(type.Trim().ToUpperInvariant(), " ");
        upper = VarcharLength().Replace(upper, "VARCHAR");
        return upper switch
        {
            "TEXT" or "STRING" or "CHAR" or "BPCHAR" => "VARCHAR",
            "INT" or "INT4" or "SIGNED" => "INTEGER",
            "INT8" or "LONG" => "BIGINT",
            "INT2" or "SHORT" => "SMALLINT",
            "BOOL" or "LOGICAL" => "BOOLEAN",
            "REAL" or "FLOAT4" => "FLOAT",
            "FLOAT8" => "DOUBLE",
            "TIMESTAMPTZ" => "TIMESTAMP WITH TIME ZONE",
            "DATETIME" => "TIMESTAMP",
            "NUMERIC" or "DECIMAL" => "DECIMAL(18,3)",
            _ => upper.Replace(", ", ",").Replace("NUMERIC(", "DECIMAL("),
        };
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex(@"^(VARCHAR|CHAR|TEXT|STRING)\s*\(\s*\d+\s*\)$")]
    private static partial Regex VarcharLength();
}
