using System.CommandLine;
using ModelDsl.Catalog;

namespace ModelDsl.Cli.Commands;

/// <summary><c>build</c> (models and their tests), <c>run</c> (models only) and <c>test</c> (tests only), in DAG order.</summary>
internal static class BuildCommand
{
    public static Command Create(string name, string description, ModelCatalog catalog, ProjectOptions project, TextWriter stdout, bool terminal)
    {
        var select = CliOptions.Select();
        var exclude = CliOptions.Exclude();
        var database = CliOptions.Database(project);
        var asOf = CliOptions.AsOf();
        var threads = CliOptions.Threads();
        var failFast = CliOptions.FailFast();
        var storeFailures = CliOptions.StoreFailures();
        var quiet = CliOptions.Quiet();
        var logFormat = CliOptions.LogFormat();
        var targetDir = CliOptions.TargetDir();
        var command = new Command(name, description)
        {
            select, exclude, database, asOf, threads, failFast, storeFailures, quiet, logFormat, targetDir,
        };
        command.SetAction(result => BuildCommandRunner.Run(catalog, project,
            new BuildRequest(result.GetValue(database)!, result.GetValue(select)!, result.GetValue(exclude)!, result.GetValue(asOf))
            {
                Command = name,
                Threads = result.GetValue(threads),
                FailFast = result.GetValue(failFast),
                StoreFailures = result.GetValue(storeFailures),
                Quiet = result.GetValue(quiet),
                LogFormat = result.GetValue(logFormat)!,
                TargetDir = result.GetValue(targetDir),
                Live = terminal,
            },
            stdout));
        return command;
    }
}
