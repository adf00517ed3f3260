using DuckDB.NET.Data;

namespace ModelDsl.Runtime;

/// <summary>Runs a group of statements in one DuckDB transaction, rolled back on any error.</summary>
public static class Transaction
{
    public static void Run(Warehouse warehouse, Action body)
    {
        warehouse.Execute("BEGIN TRANSACTION");
        try
        {
            body();
            warehouse.Execute("COMMIT");
        }
        catch
        {
            RollBack(warehouse);
            throw;
        }
    }

    private static void RollBack(Warehouse warehouse)
    {
        try
        {
            warehouse.Execute("ROLLBACK");
        }
        catch (DuckDBException)
        {
            // A failed COMMIT has already ended the transaction; the original error is the one to report.
        }
    }
}
