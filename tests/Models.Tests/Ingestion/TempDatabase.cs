using EventStream.Ingestion;
using ModelDsl.Runtime;

namespace EventStream.Models.Tests.Ingestion;

/// <summary>A DuckDB file path in a fresh temp folder, removed afterwards, with query helpers.</summary>
public sealed class TempDatabase : IDisposable
{
    readonly string folder = Directory.CreateTempSubdirectory("ingest-test-").FullName;

    public string Path => System.IO.Path.Combine(folder, "test.duckdb");

    public IReadOnlyList<DayReport> Ingest(int days = 1, int seed = 7, double scale = 1, StringWriter? log = null) =>
        new Ingestor(log ?? new StringWriter()).Run(new IngestOptions(Path, days, seed, scale));

    public T Scalar<T>(string sql)
    {
        using var warehouse = DuckDbWarehouse.Open(Path, readOnly: true);
        using var command = warehouse.Connection.CreateCommand();
        command.CommandText = sql;
        return (T)Convert.ChangeType(command.ExecuteScalar()!, typeof(T));
    }

    public void Execute(string sql)
    {
        using var warehouse = DuckDbWarehouse.Open(Path);
        using var command = warehouse.Connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    /// <summary>Row count and an order-independent hash of every raw table; the audit's wall-clock column only if asked.</summary>
    public string Fingerprint(bool withAuditClock = false)
    {
        var audit = withAuditClock ? "raw.ingestion_audit" : "(SELECT * EXCLUDE (real_timestamp) FROM raw.ingestion_audit)";
        return string.Join("\n", new[] { "raw.\"user\"", "raw.post", "raw.event", audit }.Select(table => table + " " + Scalar<string>(
            $"SELECT count(*) || ' ' || coalesce(md5(string_agg(CAST(t AS VARCHAR), '|' ORDER BY CAST(t AS VARCHAR))), '') FROM {table} AS t")));
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);
}
