using System.Text.RegularExpressions;
using ModelDsl.Catalog;
using ModelDsl.Engines;

namespace ModelDsl.Postgres;

/// <summary>
/// PostgreSQL's SQL: build variables are custom settings (<c>modeldsl.run_time</c>, ...) read with
/// <c>current_setting</c>; inserts list their columns; type names are PostgreSQL's.
/// </summary>
public sealed partial class PostgresDialect : SqlDialect
{
    public static readonly PostgresDialect Instance = new();

    public override string Name => "postgres";

    private const string Prefix = "modeldsl.";

    protected override string Placeholder(string placeholder) => placeholder switch
    {
        Narrowing.RunTime => Setting("run_time", "TIMESTAMP"),
        Narrowing.PartitionStart => Setting("partition_start", "TIMESTAMP"),
        Narrowing.PartitionEnd => Setting("partition_end", "TIMESTAMP"),
        Narrowing.PartitionDay => Setting("partition_start", "DATE"),
        _ => throw new ArgumentException($"unknown placeholder {placeholder}", nameof(placeholder)),
    };

    // current_setting is stable within a statement, so the planner treats the predicate as a constant per execution.
    private static string Setting(string name, string type) => $"CAST(current_setting('{Prefix}{name}') AS {type})";

    // SET in a transaction that rolls back is undone too, which keeps a failed day's window out of the next statement.
    public override string SetVariable(string name, DateTime value) =>
        $"SET {Prefix}{name} = {Literal(value.ToString("yyyy-MM-dd HH:mm:ss.ffffff", System.Globalization.CultureInfo.InvariantCulture))}";

    public override string InsertByName(string target, string select, Func<IReadOnlyList<string>> columns)
    {
        var list = string.Join(", ", columns().Select(Quote));
        return $"INSERT INTO {target} ({list})\nSELECT {list} FROM (\n{select}\n) AS \"__inserted\"";
    }

    /// <summary>A declared column type (the DSL writes DuckDB's names) as PostgreSQL spells it in DDL.</summary>
    public string ColumnType(string declared) => Canonical(declared);

    public override string NormalizeType(string type) => Canonical(type);

    private static string Canonical(string type)
    {
        var lower = Whitespace().Replace(type.Trim().ToLowerInvariant(), " ").Replace(", ", ",");
        lower = TextLength().Replace(lower, "text");
        return lower switch
        {
            "varchar" or "character varying" or "string" or "char" or "bpchar" or "character" => "text",
            "int" or "int4" or "signed" => "integer",
            "int8" or "long" => "bigint",
            "int2" or "short" => "smallint",
            "bool" or "logical" => "boolean",
            "float" or "float4" => "real",
            "double" or "float8" => "double precision",
            "timestamp without time zone" or "datetime" => "timestamp",
            "timestamptz" or "timestamp with time zone" => "timestamp with time zone",
            "time without time zone" => "time",
            "hugeint" => "numeric(38,0)",
            "decimal" => "numeric",
            _ => lower.Replace("decimal(", "numeric("),
        };
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex(@"^(varchar|character varying|char|character|bpchar|text|string)\s*\(\s*\d+\s*\)$")]
    private static partial Regex TextLength();
}
