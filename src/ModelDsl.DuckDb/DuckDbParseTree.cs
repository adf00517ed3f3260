using System.Text.Json;
using DuckDB.NET.Data;
using ModelDsl.Lineage;
using ModelDsl.Runtime;

namespace ModelDsl.DuckDb;

/// <summary>
/// DuckDB's own parse tree of a query (<c>json_serialize_sql</c>): the parser the queries run on, so lineage reads exactly
/// what DuckDB reads. Parsing needs no tables, so one in-memory database serves every query.
/// </summary>
public sealed class DuckDbParseTree : IQueryParser
{
    private readonly DuckDBConnection _connection = new($"Data Source={DuckDbWarehouse.InMemory}");

    public DuckDbParseTree() => _connection.Open();

    /// <summary>The root query node of <paramref name="sql"/>'s one statement, or the parser's error.</summary>
    public (JsonElement? Query, string? Error) Parse(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = "SELECT json_serialize_sql($sql::VARCHAR)";
        command.Parameters.Add(new DuckDBParameter("sql", DuckDbDialect.Instance.Render(sql))); // placeholders are not SQL
        using var document = JsonDocument.Parse((string)command.ExecuteScalar()!);
        var root = document.RootElement;
        if (root.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.True)
            return (null, Warehouse.FirstLine(root.TryGetProperty("error_message", out var message) ? message.GetString() ?? "" : "cannot parse"));
        var statements = root.GetProperty("statements");
        if (statements.GetArrayLength() != 1)
            return (null, $"{statements.GetArrayLength()} statements, not one query");
        return (statements[0].GetProperty("node").Clone(), null);
    }

    public void Dispose() => _connection.Dispose();
}
