using System.CommandLine;
using ModelDsl.Catalog;
using ModelDsl.Runtime;

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
        var fullRefresh = CliOptions.FullRefresh();
        var wipeSnapshots = CliOptions.WipeSnapshotHistory();
        var from = CliOptions.Day("--from", "First day to re-process in the selected incremental models");
        var to = CliOptions.Day("--to", "Last day to re-process (default: the run's day)");
        var command = new Command(name, "Build the selected models in dependency order")
        {
            select, exclude, database, asOf, fullRefresh, wipeSnapshots, from, to,
        };
        command.SetAction(result => BuildCommandRunner.Run(
            catalog,
            project,
            result.GetValue(database)!,
            result.GetValue(select)!,
            result.GetValue(exclude)!,
            result.GetValue(asOf),
            stdout,
            new RefreshOptions(result.GetValue(fullRefresh), result.GetValue(wipeSnapshots), result.GetValue(from), result.GetValue(to))));
        return command;
    }
}
