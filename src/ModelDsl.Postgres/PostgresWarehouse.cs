using System.Data;
using ModelDsl.Catalog;
using ModelDsl.Runtime;
using Npgsql;
using NpgsqlTypes;

namespace ModelDsl.Postgres;

/// <summary>A connection to one database of a PostgreSQL server.</summary>
public sealed class PostgresWarehouse : Warehouse
{
    private readonly NpgsqlConnection _connection;
    private readonly string _connectionString; // an open connection's own string has lost its password
    private volatile NpgsqlCommand? _running;

    internal PostgresWarehouse(string path, string connectionString)
        : base(path, PostgresDialect.Instance)
    {
        _connectionString = connectionString;
        _connection = new NpgsqlConnection(connectionString);
        try
        {
            _connection.Open();
        }
        catch
        {
            _connection.Dispose();
            throw;
        }
    }

    /// <summary>The open connection, for what the seam does not cover (e.g. a project's bulk <c>COPY</c>).</summary>
    public NpgsqlConnection Connection => _connection;

    public override PostgresWarehouse Duplicate() => new(Path, _connectionString) { Recorder = Recorder };

    public override int Execute(string sql, params object[] parameters) => Run(sql, parameters, command => command.ExecuteNonQuery());

    public override QueryResult Query(string sql, int? limit = null, params object[] parameters) => Run(sql, parameters, command =>
    {
        using var reader = command.ExecuteReader();
        return QueryResult.Read(reader, limit);
    });

    protected override object? ScalarValue(string sql, object[] parameters) => Run(sql, parameters, command => command.ExecuteScalar());

    // The server describes the statement without running it (Parse/Describe): the names and types of its columns.
    public override IReadOnlyList<(string Name, string Type)> Describe(string relationOrQuery)
    {
        var trimmed = relationOrQuery.TrimStart();
        var isQuery = trimmed.StartsWith("select", StringComparison.OrdinalIgnoreCase) || trimmed.StartsWith("with", StringComparison.OrdinalIgnoreCase)
                      || trimmed.StartsWith('(');
        return Run(isQuery ? relationOrQuery : $"SELECT * FROM {relationOrQuery}", [], command =>
        {
            using var reader = command.ExecuteReader(CommandBehavior.SchemaOnly);
            return reader.GetColumnSchema().Select(c => (c.ColumnName, TypeName(c))).ToList();
        });
    }

    // A scratch database would need the right to create databases on the server, which a target's user rarely has.
    public override Warehouse OpenScratch() =>
        throw new BadInputException($"--empty builds in a scratch database, which the PostgreSQL engine does not create ({Path})");

    // The type name without its modifiers, but for a numeric's precision and scale, which are part of a contract.
    private static string TypeName(Npgsql.Schema.NpgsqlDbColumn column) =>
        column.DataTypeName == "numeric" && column.NumericPrecision is > 0
            ? $"numeric({column.NumericPrecision},{column.NumericScale ?? 0})"
            : column.DataTypeName;

    // COPY from the client, so the server needs no access to the file. Without declared columns every column is text.
    public override void CreateTableFromCsv(string relation, string path, IReadOnlyList<Column> columns)
    {
        var definitions = columns.Count > 0
            ? columns.Select(c => $"{Dialect.Quote(c.Name)} {PostgresDialect.Instance.ColumnType(c.SqlType)}")
            : (File.ReadLines(path).FirstOrDefault() ?? "").Split(',').Select(h => $"{Dialect.Quote(h.Trim().Trim('"'))} text");
        Execute($"CREATE TABLE {relation} ({string.Join(", ", definitions)})");
        using var writer = _connection.BeginTextImport($"COPY {relation} FROM STDIN (FORMAT csv, HEADER true)");
        writer.Write(File.ReadAllText(path));
    }

    // Autovacuum analyzes a table only later: before that the planner takes a just-written table for empty and may plan
    // a nested loop over it (measured: a relationships test of a scale-100 day ran for minutes instead of 0.1 s).
    public override void RefreshStatistics(string relation) => Execute($"ANALYZE {relation}");

    public override void Interrupt() => _running?.Cancel();

    public override void Dispose() => _connection.Dispose();

    // Every statement of this engine is sent here.
    private T Run<T>(string sql, object[] parameters, Func<NpgsqlCommand, T> run)
    {
        Sent(sql, parameters);
        using var command = new NpgsqlCommand(sql, _connection);
        foreach (var parameter in parameters)
            command.Parameters.Add(Parameter(parameter));
        _running = command;
        try
        {
            return run(command);
        }
        finally
        {
            _running = null;
        }
    }

    // Times are the warehouse's logical UTC times in TIMESTAMP (without time zone) columns, whatever their Kind.
    private static NpgsqlParameter Parameter(object value) => value switch
    {
        DateTime time => new NpgsqlParameter { Value = DateTime.SpecifyKind(time, DateTimeKind.Unspecified), NpgsqlDbType = NpgsqlDbType.Timestamp },
        DateOnly day => new NpgsqlParameter { Value = day, NpgsqlDbType = NpgsqlDbType.Date },
        _ => new NpgsqlParameter { Value = value },
    };
}
