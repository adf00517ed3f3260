using ModelDsl.Cli;
using ModelDsl.Engines;
using ModelDsl.Runtime;

namespace ModelDsl.DuckDb;

/// <summary>DuckDB, embedded: a database is a file (or <c>:memory:</c>).</summary>
public sealed class DuckDbEngine : IEngine
{
    public static readonly DuckDbEngine Instance = new();

    public SqlDialect Dialect => DuckDbDialect.Instance;

    /// <summary>A target of type <c>duckdb</c>: <c>{"type": "duckdb", "path": "warehouse.duckdb"}</c>.</summary>
    /// <summary>A target of type <c>duckdb</c> may set DuckDB's <c>memory_limit</c>, <c>threads</c> and <c>temp_directory</c>.</summary>
    public static WarehouseLocation FromTarget(Target target) => new(Instance, target.Required("path")) { Settings = target.ResourceSettings() };

    public bool WouldCreate(string database) => database != DuckDbWarehouse.InMemory && !File.Exists(database) && !Directory.Exists(database);

    public Warehouse Open(string database, bool mustExist = false, bool readOnly = false) => DuckDbWarehouse.Open(database, mustExist, readOnly);
}
