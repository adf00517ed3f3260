using ModelDsl.Catalog;
using ModelDsl.Runtime;

namespace ModelDsl.Materializations;

/// <summary>Builds a model as a view, replacing a table or view of the same name if there is one.</summary>
public sealed class ViewMaterialization : IMaterialization
{
    public NodeOutcome Build(BuildContext context, Node node)
    {
        var warehouse = context.Warehouse;
        warehouse.CreateSchema(node.Schema);
        // One transaction, so a view whose SQL does not bind leaves the previous relation in place.
        Transaction.Run(warehouse, () =>
        {
            warehouse.DropRelation(node.Schema, node.Name);
            warehouse.CreateView(node.QuotedRelation, node.Sql);
        });
        return NodeOutcome.Done("created view");
    }
}
