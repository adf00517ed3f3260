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
    public static WarehouseLocation FromTarget(Target target) => new(Instance, target.Required("path"));

    public bool WouldCreate(string database) => database != DuckDbWarehouse.InMemory && !File.Exists(database) && !Directory.Exists(database);

    public Warehouse Open(string database, bool mustExist = false, bool readOnly = false) => DuckDbWarehouse.Open(database, mustExist, readOnly);
}
