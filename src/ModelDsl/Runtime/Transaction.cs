using System.Data.Common;

namespace ModelDsl.Runtime;

/// <summary>Runs a group of statements in one transaction, rolled back on any error.</summary>
public static class Transaction
{
    public static void Run(Warehouse warehouse, Action body)
    {
        warehouse.Begin();
        try
        {
            body();
            warehouse.Commit();
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
            warehouse.Rollback();
        }
        catch (DbException)
        {
            // A failed COMMIT has already ended the transaction; the original error is the one to report.
        }
    }
}
