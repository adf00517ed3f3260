using System.Text.Json;

namespace ModelDsl.Lineage;

/// <summary>
/// Parses a compiled query into DuckDB's parse tree (the JSON of <c>json_serialize_sql</c>), which column lineage reads;
/// an engine project provides it (<see cref="Cli.ProjectOptions.LineageParser"/>).
/// </summary>
public interface IQueryParser : IDisposable
{
    /// <summary>The root query node of <paramref name="sql"/>'s one statement (compiled, engine-neutral SQL), or the parser's error.</summary>
    (JsonElement? Query, string? Error) Parse(string sql);
}
