using System.Net.Sockets;
using ModelDsl.Cli;
using ModelDsl.Engines;
using ModelDsl.Runtime;
using Npgsql;

namespace ModelDsl.Postgres;

/// <summary>
/// A PostgreSQL server: a database is one of its databases, by name. The connection's secrets stay in the connection
/// string; messages and <see cref="Warehouse.Path"/> name the server as <c>postgres://user@host:port/database</c>.
/// </summary>
public sealed class PostgresEngine(NpgsqlConnectionStringBuilder server, int lockTimeoutSeconds = 10) : IEngine
{
    public SqlDialect Dialect => PostgresDialect.Instance;

    /// <summary>
    /// A target of type <c>postgres</c>: <c>host</c>, <c>port</c> (5432), <c>database</c>, <c>username</c>,
    /// <c>password_env</c> (the environment variable holding the password) and <c>lock_timeout_seconds</c> (10).
    /// </summary>
    public static WarehouseLocation FromTarget(Target target)
    {
        var server = new NpgsqlConnectionStringBuilder
        {
            Host = target.Required("host"),
            Port = target.Number("port", 5432),
            Username = target.Required("username"),
            Password = target.Secret("password_env"),
        };
        // DuckDB's memory_limit, threads and temp_directory are read so that a build refuses them (Warehouse.Configure), not ignored.
        return new(new PostgresEngine(server, target.Number("lock_timeout_seconds", 10)), target.Required("database"))
        {
            Settings = target.ResourceSettings(),
        };
    }

    /// <summary>Never: a database is created on the server by its owner, and opening a missing one says so.</summary>
    public bool WouldCreate(string database) => false;

    public Warehouse Open(string database, bool mustExist = false, bool readOnly = false)
    {
        var settings = new NpgsqlConnectionStringBuilder(server.ConnectionString)
        {
            Database = database,
            // A statement waiting for a lock another session holds fails after a while rather than hanging the build.
            Options = (readOnly ? "-c default_transaction_read_only=on " : "") + $"-c lock_timeout={lockTimeoutSeconds}s",
            // A model over a large table may run for minutes, as on DuckDB: no client-side limit (Npgsql's default is 30 s).
            CommandTimeout = 0,
        };
        var address = Address(settings);
        try
        {
            return new PostgresWarehouse(address, settings.ConnectionString);
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException)
        {
            throw new BadInputException(Problem(e, address, settings));
        }
    }

    /// <summary>The server and database as messages name them: never the password.</summary>
    public static string Address(NpgsqlConnectionStringBuilder settings) =>
        $"postgres://{settings.Username}@{settings.Host}:{settings.Port}/{settings.Database}";

    private static string Problem(Exception e, string address, NpgsqlConnectionStringBuilder settings) => e switch
    {
        PostgresException { SqlState: PostgresErrorCodes.InvalidPassword or PostgresErrorCodes.InvalidAuthorizationSpecification } =>
            $"cannot connect to {address}: password authentication failed for user '{settings.Username}'",
        PostgresException { SqlState: PostgresErrorCodes.InvalidCatalogName } =>
            $"database '{settings.Database}' does not exist on {settings.Host}:{settings.Port} (create it first)",
        PostgresException postgres => $"cannot connect to {address}: {Warehouse.FirstLine(postgres.MessageText)}",
        { InnerException: SocketException socket } => $"cannot connect to {address}: no server answers ({socket.Message})",
        _ => $"cannot connect to {address}: {Warehouse.FirstLine(e.Message)}",
    };
}
