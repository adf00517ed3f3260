using System.CommandLine;
using ModelDsl.Catalog;

namespace ModelDsl.Cli.Commands;

/// <summary><c>build</c> / <c>run</c>: build the selected nodes in DAG order.</summary>
internal static class BuildCommand
{
    public static Command Create(string name, ModelCatalog catalog, ProjectOptions project, TextWriter stdout)
    {
        var select = CliOptions.Select();
        var exclude = CliOptions.Exclude();
        var database = CliOptions.Database(project);
        var asOf = CliOptions.AsOf();
        var command = new Command(name, "Build the selected models in dependency order") { select, exclude, database, asOf };
        command.SetAction(result => BuildCommandRunner.Run(
            catalog,
            project,
            result.GetValue(database)!,
            result.GetValue(select)!,
            result.GetValue(exclude)!,
            result.GetValue(asOf),
            stdout));
        return command;
    }
}
