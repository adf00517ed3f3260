using System.Globalization;
using System.Text.RegularExpressions;
using ModelDsl.Engines;

namespace ModelDsl.Runtime;

/// <summary>
/// <c>--record-sql FILE</c>: every statement a warehouse sends, in the order sent, as one SQL script (each statement
/// ends with <c>;</c> and a blank line; parameters are written as literals), so that the script replayed on a copy of
/// the database (e.g. <c>duckdb copy.duckdb &lt; FILE</c>) does what the build did. Engines call
/// <see cref="Warehouse.Sent"/> from the one place they send a statement.
/// </summary>
public sealed partial class SqlRecorder : IDisposable
{
    private readonly StreamWriter _writer;
    private readonly SqlDialect _dialect;
    private readonly Lock _lock = new();

    public SqlRecorder(string path, SqlDialect dialect)
    {
        _dialect = dialect;
        try
        {
            _writer = new StreamWriter(path, append: false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new BadInputException($"--record-sql: cannot write '{path}': {e.Message}");
        }
    }

    public void Record(string sql, object[] parameters)
    {
        var statement = (parameters.Length == 0 ? sql : Parameter().Replace(sql, m => Literal(parameters[int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) - 1])))
            .TrimEnd().TrimEnd(';');
        lock (_lock)
        {
            _writer.Write(statement);
            _writer.Write(";\n\n");
        }
    }

    // A parameter as the literal of its value, as the engine would have bound it.
    private string Literal(object? value) => value switch
    {
        null or DBNull => "NULL",
        string text => _dialect.Literal(text),
        DateTime time => _dialect.Timestamp(time),
        DateOnly day => $"DATE {_dialect.Literal(day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))}",
        bool flag => flag ? "TRUE" : "FALSE",
        IFormattable number => number.ToString(null, CultureInfo.InvariantCulture),
        _ => _dialect.Literal(value.ToString() ?? ""),
    };

    public void Dispose()
    {
        lock (_lock)
            _writer.Dispose();
    }

    [GeneratedRegex(@"\$(\d+)")]
    private static partial Regex Parameter();
}
