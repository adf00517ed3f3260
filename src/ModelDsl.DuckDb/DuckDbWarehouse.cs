using System.Text;
using DuckDB.NET.Data;
using ModelDsl.Catalog;
using ModelDsl.Engines;
using ModelDsl.Runtime;

namespace ModelDsl.DuckDb;

/// <summary>An open DuckDB database (a file or <c>:memory:</c>) and its connection.</summary>
public sealed class DuckDbWarehouse : Warehouse
{
    public const string InMemory = ":memory:";

    private DuckDbWarehouse(string path, DuckDBConnection connection)
        : base(path, DuckDbDialect.Instance)
    {
        Connection = connection;
    }

    /// <summary>The DuckDB connection, for what only DuckDB does (e.g. its Appender).</summary>
    public DuckDBConnection Connection { get; }

    /// <summary>
    /// Opens <paramref name="path"/> (<c>:memory:</c> or a file, created when missing unless
    /// <paramref name="mustExist"/> or <paramref name="readOnly"/>). Anything that is not a DuckDB database is
    /// refused before DuckDB touches it, so the file stays byte-identical.
    /// </summary>
    public static DuckDbWarehouse Open(string path, bool mustExist = false, bool readOnly = false)
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
        return new DuckDbWarehouse(path, connection);
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
    /// Another connection to the same database. DuckDB.NET shares one database instance per file within a process, so a
    /// second connection to the file sees the same data and lock.
    /// </summary>
    public override DuckDbWarehouse Duplicate()
    {
        if (Path == InMemory)
            return new DuckDbWarehouse(Path, Connection.Duplicate()) { Recorder = Recorder };
        var connection = new DuckDBConnection(Connection.ConnectionString);
        connection.Open();
        return new DuckDbWarehouse(Path, connection) { Recorder = Recorder };
    }

    public override int Execute(string sql, params object[] parameters)
    {
        using var command = Command(sql, parameters);
        return command.ExecuteNonQuery();
    }

    public override QueryResult Query(string sql, int? limit = null, params object[] parameters)
    {
        using var command = Command(sql, parameters);
        using var reader = command.ExecuteReader();
        return QueryResult.Read(reader, limit);
    }

    protected override object? ScalarValue(string sql, object[] parameters)
    {
        using var command = Command(sql, parameters);
        return command.ExecuteScalar();
    }

    public override IReadOnlyList<(string Name, string Type)> Describe(string relationOrQuery) =>
        Rows($"DESCRIBE {relationOrQuery}").Select(r => ((string)r[0]!, (string)r[1]!)).ToList();

    public override Warehouse OpenScratch() => Open(InMemory);

    // DuckDB's own settings, for the whole database (every connection of the build): past memory_limit it spills to temp_directory.
    public override void Configure(EngineSettings settings)
    {
        try
        {
            if (settings.MemoryLimit is { } memory)
                Execute($"SET memory_limit = {Dialect.Literal(memory)}");
            if (settings.Threads is { } threads)
                Execute($"SET threads = {threads.ToString(System.Globalization.CultureInfo.InvariantCulture)}");
            if (settings.TempDirectory is { } folder)
                Execute($"SET temp_directory = {Dialect.Literal(folder)}");
        }
        catch (DuckDBException e)
        {
            throw new BadInputException($"DuckDB refused the engine settings for '{Path}': {FirstLine(e.Message)}");
        }
    }

    public override void CreateTableFromCsv(string relation, string path, IReadOnlyList<Column> columns) =>
        Execute(DuckDbDialect.Instance.CreateTableFromCsv(relation, path, columns));

    public override void Interrupt()
    {
        using var command = Connection.CreateCommand();
        command.Cancel(); // DuckDB.NET interrupts the connection's running query (duckdb_interrupt)
    }

    public override void Dispose() => Connection.Dispose();

    // Every statement of this engine is made here.
    private DuckDBCommand Command(string sql, object[] parameters)
    {
        Sent(sql, parameters);
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
}
