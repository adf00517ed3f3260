using System.CommandLine;
using ModelDsl.Catalog;
using ModelDsl.Runtime;

namespace ModelDsl.Cli.Commands;

/// <summary><c>build</c> (models and their tests), <c>run</c> (models only) and <c>test</c> (tests only), in DAG order.</summary>
internal static class BuildCommand
{
    public static Command Create(string name, string description, ModelCatalog catalog, ProjectOptions project, TextWriter stdout, bool terminal)
    {
        var select = CliOptions.Select();
        var exclude = CliOptions.Exclude();
        var database = CliOptions.Database(project);
        var target = CliOptions.Target();
        var asOf = CliOptions.AsOf();
        var maxDaysPastData = CliOptions.MaxDaysPastData();
        var threads = CliOptions.Threads();
        var fullRefresh = CliOptions.FullRefresh();
        var wipeSnapshots = CliOptions.WipeSnapshotHistory();
        var from = CliOptions.Day("--from", "First day to re-process in the selected incremental models");
        var to = CliOptions.Day("--to", "Last day to re-process (default: the run's day)");
        var failFast = CliOptions.FailFast();
        var storeFailures = CliOptions.StoreFailures();
        var quiet = CliOptions.Quiet();
        var logFormat = CliOptions.LogFormat();
        var targetDir = CliOptions.TargetDir();
        var command = new Command(name, description)
        {
            select, exclude, database, target, asOf, maxDaysPastData, threads, failFast, storeFailures, quiet, logFormat, targetDir,
        };
        if (name != "test")
        {
            command.Add(fullRefresh);
            command.Add(wipeSnapshots);
            command.Add(from);
            command.Add(to);
        }
        command.SetAction(result =>
        {
            var location = Targets.Resolve(project, result, database, target);
            var request = new BuildRequest(location.Database, result.GetValue(select)!, result.GetValue(exclude)!, result.GetValue(asOf))
            {
                Engine = location.Engine,
                Command = name,
                Threads = result.GetValue(threads),
                FailFast = result.GetValue(failFast),
                StoreFailures = result.GetValue(storeFailures),
                Quiet = result.GetValue(quiet),
                LogFormat = result.GetValue(logFormat)!,
                TargetDir = result.GetValue(targetDir),
                Live = terminal,
                MaxDaysPastData = result.GetValue(maxDaysPastData),
                Refresh = new RefreshOptions(result.GetValue(fullRefresh), result.GetValue(wipeSnapshots), result.GetValue(from), result.GetValue(to)),
            };
            return BuildCommandRunner.Run(catalog, project, request, stdout);
        });
        return command;
    }
}
