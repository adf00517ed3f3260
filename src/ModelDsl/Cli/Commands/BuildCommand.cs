using System.CommandLine;
using ModelDsl.Catalog;
using ModelDsl.Runtime;

namespace ModelDsl.Cli.Commands;

/// <summary><c>build</c> (models and their tests), <c>run</c> (models only), <c>test</c> (tests only), <c>seed</c> and
/// <c>snapshot</c> (only those), in DAG order.</summary>
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
        var resourceType = CliOptions.ResourceType();
        var empty = CliOptions.Empty();
        var recordSql = CliOptions.RecordSql();
        var memoryLimit = CliOptions.MemoryLimit();
        var engineThreads = CliOptions.EngineThreads();
        var tempDirectory = CliOptions.TempDirectory();
        var command = new Command(name, description)
        {
            select, exclude, database, target, asOf, maxDaysPastData, threads, failFast, quiet, logFormat, targetDir, recordSql,
            memoryLimit, engineThreads, tempDirectory,
        };
        // seed and snapshot build one resource type and run no tests; snapshot's history is still the user's to wipe.
        if (name is "build" or "run" or "test")
            command.Add(storeFailures);
        if (name is "build" or "run")
        {
            command.Add(resourceType);
            command.Add(empty);
            command.Add(fullRefresh);
            command.Add(from);
            command.Add(to);
        }
        if (name != "test" && name != "seed")
            command.Add(wipeSnapshots);
        command.SetAction(result =>
        {
            var location = Targets.Resolve(project, result, database, target);
            var record = result.GetValue(recordSql);
            // One connection, so that the file replays on one.
            if (record is not null && result.GetValue(threads) > 1 && result.GetResult(threads) is { Implicit: false })
                throw new BadInputException("--record-sql runs the build on one connection: leave out --threads or give 1");
            if (record is not null && result.GetValue(empty))
                throw new BadInputException("--record-sql and --empty cannot be combined: an empty build runs in a scratch database");
            var request = new BuildRequest(location.Database, result.GetValue(select)!, result.GetValue(exclude)!, result.GetValue(asOf))
            {
                Engine = location.Engine,
                Command = name,
                Threads = record is null ? result.GetValue(threads) : 1,
                RecordSql = record,
                EngineSettings = CliOptions.EngineSettings(result, memoryLimit, engineThreads, tempDirectory).Over(location.Settings),
                FailFast = result.GetValue(failFast),
                StoreFailures = result.GetValue(storeFailures),
                Quiet = result.GetValue(quiet),
                LogFormat = result.GetValue(logFormat)!,
                TargetDir = result.GetValue(targetDir),
                Live = terminal,
                MaxDaysPastData = result.GetValue(maxDaysPastData),
                ResourceTypes = result.GetValue(resourceType) ?? [],
                Empty = result.GetValue(empty),
                Refresh = new RefreshOptions(result.GetValue(fullRefresh), result.GetValue(wipeSnapshots), result.GetValue(from), result.GetValue(to)),
            };
            return BuildCommandRunner.Run(catalog, project, request, stdout);
        });
        return command;
    }
}
