using System.Text.RegularExpressions;
using ModelDsl.Catalog;
using ModelDsl.Engines;

namespace ModelDsl.DuckDb;

/// <summary>DuckDB's SQL: session variables, <c>INSERT ... BY NAME</c>, <c>read_csv</c> and its type names.</summary>
public sealed partial class DuckDbDialect : SqlDialect
{
    public static readonly DuckDbDialect Instance = new();

    public override string Name => "duckdb";

    // DuckDB replaces getvariable(...) by its value when it binds the statement, so a narrowing predicate folds to
    // constants and is pushed into the table scan (zonemaps), also for a DATE column (seen with EXPLAIN).
    protected override string Placeholder(string placeholder) => placeholder switch
    {
        Narrowing.RunTime => "CAST(getvariable('run_time') AS TIMESTAMP)",
        Narrowing.PartitionStart => "getvariable('partition_start')",
        Narrowing.PartitionEnd => "getvariable('partition_end')",
        Narrowing.PartitionDay => "CAST(getvariable('partition_start') AS DATE)",
        _ => throw new ArgumentException($"unknown placeholder {placeholder}", nameof(placeholder)),
    };

    public override string SetVariable(string name, DateTime value) => $"SET VARIABLE {name} = {Timestamp(value)}";

    public override string InsertByName(string target, string select, Func<IReadOnlyList<string>> columns) => $"INSERT INTO {target} BY NAME\n{select}";

    /// <summary>A table of a CSV file with a header, by <c>read_csv</c>: the declared columns' types, else detected ones.</summary>
    public string CreateTableFromCsv(string relation, string path, IReadOnlyList<Column> columns)
    {
        if (columns.Count == 0)
            return CreateTableAs(relation, $"SELECT * FROM read_csv({Literal(path)}, header = true)");
        var types = string.Join(", ", columns.Select(c => $"{Literal(c.Name)}: {Literal(c.SqlType)}"));
        return CreateTableAs(relation,
            $"SELECT * FROM read_csv({Literal(path)}, header = true, auto_detect = false, delim = ',', quote = '\"', columns = {{{types}}})");
    }

    /// <summary>DuckDB's canonical spelling of a type: aliases resolved, VARCHAR lengths dropped (DuckDB ignores them).</summary>
    public override string NormalizeType(string type)
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
