using System.CommandLine;
using System.Globalization;
using ModelDsl.Catalog;
using ModelDsl.Graph;
using ModelDsl.Runtime;

namespace ModelDsl.Cli.Commands;

/// <summary><c>show NAME</c>: preview the rows of a built relation, as a table (full width outside a terminal), CSV or JSON;
/// of a test, the failing rows its last <c>--store-failures</c> run kept.</summary>
internal static class ShowCommand
{
    public static Command Create(ModelCatalog catalog, ProjectOptions project, TextWriter stdout)
    {
        var name = new Argument<string>("name") { Description = "The node to preview" };
        var database = CliOptions.Database(project);
        var target = CliOptions.Target();
        var limit = CliOptions.Limit("Rows to show", 10);
        var output = CliOptions.Output(ResultWriter.Formats);
        var command = new Command("show", "Preview the rows of a built model, seed, snapshot or source, or a test's stored failures")
        {
            name, database, target, limit, output,
        };
        command.SetAction(result =>
        {
            var node = Selector.Resolve(catalog, result.GetValue(name)!, "show");
            using var warehouse = Targets.Resolve(project, result, database, target).Open(readOnly: true);
            ResultWriter.Write(result.GetValue(output)!, Preview(warehouse, node, result.GetValue(limit)!.Value), node.Relation, stdout);
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
            throw new BadInputException(node.Kind == NodeKind.Test
                ? $"{node.Name} is a test: `test -s {node.Name} --store-failures` keeps its failing rows in {node.Relation}, which is not in " +
                  $"'{warehouse.Path}' yet; run that, then show {node.Name} again"
                : $"{node.Relation} is not built in '{warehouse.Path}' (run build first)");

        return warehouse.Query($"SELECT * FROM {node.QuotedRelation} LIMIT {limit.ToString(CultureInfo.InvariantCulture)}");
    }
}
