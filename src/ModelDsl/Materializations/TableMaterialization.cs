using ModelDsl.Catalog;
using ModelDsl.Runtime;

namespace ModelDsl.Materializations;

/// <summary>
/// Builds a model as a table: into <c>name__tmp</c>, then drops the old relation and renames the new one,
/// all in one transaction. A failing SQL rolls back and leaves the previous table and its rows untouched.
/// </summary>
public sealed class TableMaterialization : IMaterialization
{
    public const string TempSuffix = "__tmp";

    public NodeOutcome Build(BuildContext context, Node node) =>
        NodeOutcome.Done("created table", Replace(context.Warehouse, node, node.Sql));

    /// <summary>
    /// Replaces <paramref name="node"/>'s relation with a table of <paramref name="selectSql"/>'s rows, atomically;
    /// <paramref name="alsoInTransaction"/> runs after the swap in the same transaction (e.g. to record state).
    /// Returns the row count.
    /// </summary>
    public static long Replace(Warehouse warehouse, Node node, string selectSql, Action? alsoInTransaction = null) =>
        Replace(warehouse, node, temp => warehouse.CreateTable(temp, selectSql), alsoInTransaction);

    /// <summary>As above, with the new table created and filled by <paramref name="create"/>(temporary relation).</summary>
    public static long Replace(Warehouse warehouse, Node node, Action<string> create, Action? alsoInTransaction = null)
    {
        var temp = warehouse.Dialect.Quote(node.Schema, node.Name + TempSuffix);
        long rows = 0;

        warehouse.CreateSchema(node.Schema);
        Transaction.Run(warehouse, () =>
        {
            warehouse.DropTableIfExists(temp); // a leftover of a crashed earlier run would make the create fail
            create(temp);
            rows = warehouse.Scalar<long>($"SELECT count(*) FROM {temp}");
            warehouse.DropRelation(node.Schema, node.Name);
            warehouse.RenameTable(temp, node.Name);
            alsoInTransaction?.Invoke();
        });
        return rows;
    }
}
