using System.CommandLine;
using System.Globalization;
using ModelDsl.Catalog;
using ModelDsl.Graph;
using ModelDsl.Runtime;
using Spectre.Console;

namespace ModelDsl.Cli.Commands;

/// <summary><c>show NAME</c>: preview the rows of a built relation.</summary>
internal static class ShowCommand
{
    public static Command Create(ModelCatalog catalog, ProjectOptions project, TextWriter stdout)
    {
        var name = new Argument<string>("name") { Description = "The node to preview" };
        var database = CliOptions.Database(project);
        var limit = new Option<int>("--limit", "-n") { Description = "Rows to show", DefaultValueFactory = _ => 10 };
        limit.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() < 1)
                result.AddError("--limit must be at least 1");
        });
        var command = new Command("show", "Preview the rows of a built model or source") { name, database, limit };
        command.SetAction(result =>
        {
            var node = Selector.Resolve(catalog, result.GetValue(name)!, "show");
            using var warehouse = Warehouse.Open(result.GetValue(database)!, mustExist: true);
            Render(Preview(warehouse, node, result.GetValue(limit)), stdout);
            return ExitCodes.Success;
        });
        return command;
    }

    private static Table Preview(Warehouse warehouse, Node node, int limit)
    {
        if (node.Materialization == Materialization.Ephemeral)
            throw new BadInputException($"{node.Relation} is ephemeral: it is inlined into other models, never built");
        if (warehouse.FindRelation(node.Schema, node.Name) == RelationType.None)
            throw new BadInputException($"{node.Relation} is not built in '{warehouse.Path}' (run build first)");

        var (columns, rows) = warehouse.RowsAsText($"SELECT * FROM {node.QuotedRelation} LIMIT {limit.ToString(CultureInfo.InvariantCulture)}");
        var table = new Table().Title(node.Relation);
        foreach (var column in columns)
            table.AddColumn(new TableColumn(new Text(column)));
        foreach (var row in rows)
            table.AddRow(row.Select(value => new Text(value ?? "NULL")));
        return table;
    }

    private static void Render(Table table, TextWriter stdout)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(stdout),
        });
        console.Write(table);
    }
}
