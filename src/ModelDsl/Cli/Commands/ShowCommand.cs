using System.CommandLine;
using System.Globalization;
using ModelDsl.Catalog;
using ModelDsl.Graph;
using ModelDsl.Runtime;

namespace ModelDsl.Cli.Commands;

/// <summary><c>show NAME</c>: preview the rows of a built relation.</summary>
internal static class ShowCommand
{
    public static Command Create(ModelCatalog catalog, ProjectOptions project, TextWriter stdout)
    {
        var name = new Argument<string>("name") { Description = "The node to preview" };
        var database = CliOptions.Database(project);
        var target = CliOptions.Target();
        var limit = CliOptions.Limit("Rows to show", 10);
        var command = new Command("show", "Preview the rows of a built model or source") { name, database, target, limit };
        command.SetAction(result =>
        {
            var node = Selector.Resolve(catalog, result.GetValue(name)!, "show");
            using var warehouse = Targets.Resolve(project, result, database, target).Open(readOnly: true);
            ResultWriter.Table(Preview(warehouse, node, result.GetValue(limit)!.Value), node.Relation, stdout);
            return ExitCodes.Success;
        });
        return command;
    }

    private static QueryResult Preview(Warehouse warehouse, Node node, int limit)
    {
        if (node.Materialization == Materialization.Ephemeral)
            throw new BadInputException($"{node.Relation} is ephemeral: it is inlined into other models, never built");
        if (node.Kind == NodeKind.Analysis)
            throw new BadInputException($"{node.Name} is an analysis, never built: run it with 'analysis run {node.Name}'");
        if (warehouse.FindRelation(node.Schema, node.Name) == RelationType.None)
            throw new BadInputException($"{node.Relation} is not built in '{warehouse.Path}' (run build first)");

        return warehouse.Query($"SELECT * FROM {node.QuotedRelation} LIMIT {limit.ToString(CultureInfo.InvariantCulture)}");
    }
}
