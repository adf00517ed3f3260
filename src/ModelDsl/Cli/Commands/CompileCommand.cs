using System.CommandLine;
using ModelDsl.Catalog;
using ModelDsl.Graph;

namespace ModelDsl.Cli.Commands;

/// <summary><c>compile</c>: print the compiled SQL of the selected nodes; needs no database.</summary>
internal static class CompileCommand
{
    public static Command Create(ModelCatalog catalog, TextWriter stdout)
    {
        var select = CliOptions.Select();
        var exclude = CliOptions.Exclude();
        var command = new Command("compile", "Print the compiled SQL of the selected models") { select, exclude };
        command.SetAction(result =>
        {
            var nodes = Selector.Select(catalog, result.GetValue(select)!, result.GetValue(exclude)!);
            // Sources have no SQL of their own.
            foreach (var node in nodes.Where(n => n.Materialization != Materialization.External))
            {
                stdout.WriteLine($"-- {node.Relation} ({node.Location})");
                stdout.WriteLine(node.Sql.TrimEnd());
                stdout.WriteLine();
            }
            return ExitCodes.Success;
        });
        return command;
    }
}
