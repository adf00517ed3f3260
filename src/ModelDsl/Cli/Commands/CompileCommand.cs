using System.CommandLine;
using ModelDsl.Artifacts;
using ModelDsl.Catalog;
using ModelDsl.Graph;
using ModelDsl.Runtime;

namespace ModelDsl.Cli.Commands;

/// <summary><c>compile</c>: print the compiled SQL of the selected nodes and write the manifest and their
/// <c>compiled/</c> files; needs no database.</summary>
internal static class CompileCommand
{
    public static Command Create(ModelCatalog catalog, ProjectOptions project, TextWriter stdout)
    {
        var select = CliOptions.Select();
        var exclude = CliOptions.Exclude();
        var targetDir = CliOptions.TargetDir();
        var command = new Command("compile", "Print the compiled SQL of the selected models and tests") { select, exclude, targetDir };
        command.SetAction(result =>
        {
            var nodes = Selector.Select(catalog, result.GetValue(select)!, result.GetValue(exclude)!);
            Manifest.Write(result.GetValue(targetDir)!, catalog, nodes, project.LineageParser);
            // Sources have no SQL of their own.
            foreach (var node in nodes.Where(n => n.Sql.Length > 0))
            {
                stdout.WriteLine($"-- {ProjectBuilder.Display(node)} ({node.Location})");
                stdout.WriteLine(node.Sql.TrimEnd());
                stdout.WriteLine();
            }
            return ExitCodes.Success;
        });
        return command;
    }
}
