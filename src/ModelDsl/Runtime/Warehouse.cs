using System.Globalization;
using System.Numerics;
using System.Text;
using DuckDB.NET.Data;
using ModelDsl.Catalog;

namespace ModelDsl.Runtime;

/// <summary>An open DuckDB database: the connection every build step runs on.</summary>
public sealed class Warehouse : IDisposable
{
    public const string InMemory = ":memory:";

    private Warehouse(string path, DuckDBConnection connection)
    {
        Path = path;
        Connection = connection;
    }

    /// <summary>The path the warehouse was opened from (or <c>:memory:</c>).</summary>
    public string Path { get; }

    public DuckDBConnection Connection { get; }

    /// <summary>
    /// Opens <paramref name="path"/> (<c>:memory:</c> or a file, created when missing unless
    /// <paramref name="mustExist"/> or <paramref name="readOnly"/>). Anything that is not a DuckDB database is
    /// refused before DuckDB touches it, so the file stays byte-identical.
    /// </summary>
    public static Warehouse Open(string path, bool mustExist = false, bool readOnly = false)
    {
        if (path != InMemory)
            CheckDatabasePath(path, mustExist || readOnly);

        var settings = new DuckDBConnectionStringBuilder { DataSource = path };
        if (readOnly)
            settings["ACCESS_MODE"] = "READ_ONLY";
        var connection = new DuckDBConnection(settings.ToString());
        try
        {
            connection.Open();
        }
        catch (DuckDBException e)
        {
            connection.Dispose();
            // DuckDB lets one process write a file at a time and refuses at once, naming the holder.
            throw new BadInputException(e.Message.Contains("Could not set lock", StringComparison.Ordinal)
                ? $"database '{path}' is in use by another process ({LockHolder(e.Message)})"
                : $"cannot open database '{path}': {FirstLine(e.Message)}");
        }
        return new Warehouse(path, connection);
    }

    private static void CheckDatabasePath(string path, bool mustExist)
    {
        if (Directory.Exists(path))
            throw new BadInputException($"'{path}' is a directory, not a DuckDB database file");

        if (File.Exists(path))
        {
            if (!HasDuckDbHeader(path))
                throw new BadInputException($"'{path}' is not a DuckDB database file");
            return;
        }

        if (mustExist)
            throw new BadInputException($"database '{path}' does not exist (run build first)");

        var directory = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path));
        if (directory is not null && !Directory.Exists(directory))
            throw new BadInputException($"cannot create database '{path}': directory '{directory}' does not exist");
    }

    // A DuckDB file starts with an 8-byte checksum followed by the magic bytes "DUCK".
    private static bool HasDuckDbHeader(string path)
    {
        var header = new byte[12];
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            if (stream.ReadAtLeast(header, header.Length, throwOnEndOfStream: false) < header.Length)
                return false;
        }
        catch (IOException e)
        {
            throw new BadInputException($"cannot read database '{path}': {e.Message}");
        }
        catch (UnauthorizedAccessException)
        {
            throw new BadInputException($"cannot read database '{path}': permission denied");
        }
        return Encoding.ASCII.GetString(header, 8, 4) == "DUCK";
    }

    /// <summary>
    /// Another connection to the same database, for a build thread of its own. DuckDB.NET shares one database
    /// instance per file within a process, so a second connection to the file sees the same data and lock.
    /// </summary>
    public Warehouse Duplicate()
    {
        if (Path == InMemory)
            return new(Path, Connection.Duplicate());
        var connection = new DuckDBConnection(Connection.ConnectionString);
        connection.Open();
        return new(Path, connection);
    }

    /// <summary>Runs a statement (values as <c>?</c> parameters); returns DuckDB's affected-row count.</summary>
    public int Execute(string sql, params object[] parameters)
    {
        using var command = Command(sql, parameters);
        return command.ExecuteNonQuery();
    }

    /// <summary>Every row of a query, each as its column values (<c>null</c> for SQL NULL).</summary>
    public IReadOnlyList<object?[]> Rows(string sql, params object[] parameters) => Query(sql, null, parameters).Rows;

    /// <summary>
    /// A query's column names and its first <paramref name="limit"/> rows (all of them when null), read in the query's
    /// order; values as in <see cref="Rows"/>.
    /// </summary>
    public QueryResult Query(string sql, int? limit = null, params object[] parameters)
    {
        using var command = Command(sql, parameters);
        using var reader = command.ExecuteReader();
        var columns = Enumerable.Range(0, reader.FieldCount).Select(reader.GetName).ToList();
        var rows = new List<object?[]>();
        while ((limit is null || rows.Count < limit) && reader.Read())
            rows.Add(Enumerable.Range(0, reader.FieldCount).Select(i => reader.IsDBNull(i) ? null : reader.GetValue(i)).ToArray());
        return new QueryResult(columns, rows);
    }

    /// <summary>A query's column names and its rows as text (<see cref="QueryResult.Text"/>), for people to read.</summary>
    public (IReadOnlyList<string> Columns, IReadOnlyList<string?[]> Rows) RowsAsText(string sql)
    {
        var result = Query(sql);
        return (result.Columns, result.Rows.Select(row => row.Select(QueryResult.Text).ToArray()).ToList());
    }

    /// <summary>The columns (name, DuckDB type) of a relation or a query, in order.</summary>
    public IReadOnlyList<(string Name, string Type)> Describe(string relationOrQuery) =>
        Rows($"DESCRIBE {relationOrQuery}").Select(r => ((string)r[0]!, (string)r[1]!)).ToList();

    /// <summary>A DATE value as a row holds it (DuckDB.NET gives <see cref="DateOnly"/> or <see cref="DateTime"/>).</summary>
    public static DateOnly AsDate(object value) => value is DateOnly date ? date : DateOnly.FromDateTime((DateTime)value);

    public T? Scalar<T>(string sql, params object[] parameters)
    {
        using var command = Command(sql, parameters);
        return command.ExecuteScalar() switch
        {
            null or DBNull => default,
            T value => value,
            // DuckDB's HUGEINT (e.g. sum of BIGINT) arrives as BigInteger, which Convert does not know.
            BigInteger big => (T)Convert.ChangeType((decimal)big, typeof(T), CultureInfo.InvariantCulture),
            var value => (T)Convert.ChangeType(value, typeof(T), CultureInfo.InvariantCulture),
        };
    }

    /// <summary>Whether a table, a view or nothing exists under <c>schema.name</c> in this database.</summary>
    public RelationType FindRelation(string schema, string name)
    {
        var type = Scalar<string>(
            """
            select table_type from information_schema.tables
            where table_catalog = current_database() and lower(table_schema) = lower(?) and lower(table_name) = lower(?)
            """,
            schema, name);
        return type switch
        {
            null => RelationType.None,
            "VIEW" => RelationType.View,
            _ => RelationType.Table,
        };
    }

    /// <summary>Every table and view of this database as <c>schema.name</c>, in order.</summary>
    public IReadOnlyList<string> Relations() =>
        Rows("select table_schema || '.' || table_name from information_schema.tables where table_catalog = current_database() order by 1")
            .Select(r => (string)r[0]!)
            .ToList();

    /// <summary>Drops the table or view under <c>schema.name</c>, if there is one.</summary>
    public void DropRelation(string schema, string name)
    {
        var relation = $"{SqlIdentifier.Quote(schema)}.{SqlIdentifier.Quote(name)}";
        switch (FindRelation(schema, name))
        {
            case RelationType.Table:
                Execute($"DROP TABLE {relation}");
                break;
            case RelationType.View:
                Execute($"DROP VIEW {relation}");
                break;
        }
    }

    public void CreateSchema(string schema) =>
        Execute($"CREATE SCHEMA IF NOT EXISTS {SqlIdentifier.Quote(schema)}");

    /// <summary>The SQL expression that reads the logical run time <see cref="SetRunTime"/> sets.</summary>
    public const string RunTimeSql = "CAST(getvariable('run_time') AS TIMESTAMP)";

    /// <summary>Sets the logical run time that models read with <see cref="RunTimeSql"/>.</summary>
    public void SetRunTime(DateTime runTime) =>
        Execute($"SET VARIABLE run_time = {SqlIdentifier.Timestamp(BuildOptions.InUtc(runTime))}");

    /// <summary>Stops the statement running on this connection (from another thread): it fails as interrupted.</summary>
    public void Interrupt()
    {
        using var command = Connection.CreateCommand();
        command.Cancel(); // DuckDB.NET interrupts the connection's running query (duckdb_interrupt)
    }

    public void Dispose() => Connection.Dispose();

    private DuckDBCommand Command(string sql, object[] parameters)
    {
        var command = Connection.CreateCommand();
        command.CommandText = sql;
        foreach (var parameter in parameters)
            command.Parameters.Add(new DuckDBParameter(parameter));
        return command;
    }

    private static string LockHolder(string message)
    {
        var start = message.IndexOf("Conflicting lock is held in", StringComparison.Ordinal);
        return start < 0 ? FirstLine(message) : FirstLine(message[start..]).TrimEnd('.');
    }

    internal static string FirstLine(string message) =>
        message.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? message;
}
