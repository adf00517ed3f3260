using System.CommandLine;
using EventStream.Ingestion;
using ModelDsl.Cli;
using ModelDsl.Engines;
using ModelDsl.Runtime;

namespace EventStream.Cli;

/// <summary>
/// The <c>ingest</c> and <c>daily</c> verbs. Bad input throws <see cref="BadInputException"/>, which the CLI host
/// reports in one line with exit code 2; nothing is written. Ctrl-C rolls back the day being ingested and keeps the days
/// before it (one line, exit 130).
/// </summary>
public static class IngestCommand
{
    static Option<int> Days() => new("--days")
    {
        Description = "number of fictional days (at least 1)",
        DefaultValueFactory = _ => 1,
        CustomParser = result => CliOptions.WholeNumber(result, 1) ?? 0,
    };

    static Option<int> Seed() => new("--seed")
    {
        Description = "random seed: same seed and days give the same data",
        DefaultValueFactory = _ => IngestOptions.DefaultSeed,
        CustomParser = result => CliOptions.WholeNumber(result, 0) ?? 0,
    };

    static Option<double> Scale() => new("--scale")
    {
        Description = $"multiplies the data volumes (greater than 0, at most {IngestOptions.MaxScale})",
        DefaultValueFactory = _ => 1.0,
        CustomParser = result => CliOptions.Positive(result, IngestOptions.MaxScale) ?? 0,
    };

    /// <summary><c>ingest [--db PATH | --target NAME] [--days N] [--seed N] [--scale X] [--start-date YYYY-MM-DD] [--full-refresh [--wipe-snapshot-history]]</c></summary>
    public static Command Ingest(ProjectOptions project)
    {
        Option<string> db = CliOptions.Database(project);
        Option<string?> target = CliOptions.Target();
        Option<DateOnly?> startDate = CliOptions.Day("--start-date", "first day of an empty database (YYYY-MM-DD; default 2100-01-01); refused on one that has days");
        Option<int> days = Days(), seed = Seed();
        Option<double> scale = Scale();
        Option<bool> fullRefresh = new("--full-refresh")
        {
            Description = "delete and recreate the database file first (refused while snapshots hold history, unless --wipe-snapshot-history)",
        };
        var wipeSnapshots = CliOptions.WipeSnapshotHistory();
        wipeSnapshots.Description = "with --full-refresh: delete the snapshots' history too (cannot be undone)";
        var command = new Command("ingest", "Ingest the next fictional day(s) of mock raw data") { db, target, days, seed, scale, startDate, fullRefresh, wipeSnapshots };

        command.SetAction(result =>
        {
            var location = Targets.Resolve(project, result, db, target);
            var options = new IngestOptions(location.Database, result.GetValue(days), result.GetValue(seed), result.GetValue(scale),
                result.GetValue(startDate), result.GetValue(fullRefresh), result.GetValue(wipeSnapshots)) { Engine = location.Engine };
            using var cancel = new CancellationTokenSource();
            using var ctrlC = CtrlC.Cancels(cancel);
            new Ingestor(result.InvocationConfiguration.Output).Run(options, cancel.Token);
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>
    /// <c>daily [--db PATH | --target NAME] [--days N] [--seed N] [--scale X] [--memory-limit M] [--engine-threads N]
    /// [--temp-directory DIR]</c>: per day, ingest it, then <paramref name="build"/> (warehouse, run time, the engine settings
    /// of the build, output → exit code) as of the day's end; stops at the first failing build.
    /// </summary>
    public static Command Daily(ProjectOptions project, Func<WarehouseLocation, DateTime, EngineSettings, TextWriter, int> build)
    {
        Option<string> db = CliOptions.Database(project);
        Option<string?> target = CliOptions.Target();
        Option<int> days = Days(), seed = Seed();
        Option<double> scale = Scale();
        var memoryLimit = CliOptions.MemoryLimit();
        var engineThreads = CliOptions.EngineThreads();
        var tempDirectory = CliOptions.TempDirectory();
        var command = new Command("daily", "Ingest a day, then build everything as of its end; repeated --days times")
        {
            db, target, days, seed, scale, memoryLimit, engineThreads, tempDirectory,
        };

        command.SetAction(result =>
        {
            var location = Targets.Resolve(project, result, db, target);
            var options = new IngestOptions(location.Database, result.GetValue(days), result.GetValue(seed), result.GetValue(scale)) { Engine = location.Engine };
            options.Validate();
            var settings = CliOptions.EngineSettings(result, memoryLimit, engineThreads, tempDirectory);
            var output = result.InvocationConfiguration.Output;
            var ingestor = new Ingestor(output);
            for (var i = 0; i < options.Days; i++)
            {
                FictionalDay day;
                using (var cancel = new CancellationTokenSource())
                using (CtrlC.Cancels(cancel))
                {
                    try
                    {
                        day = ingestor.Run(options with { Days = 1 }, cancel.Token)[0].Day;
                    }
                    catch (OperationCanceledException e)
                    {
                        throw new OperationCanceledException($"{e.Message}; {DoneSoFar(i, options.Days)}");
                    }
                    catch (DiskFullException e)
                    {
                        throw new DiskFullException($"{e.Message}; {DoneSoFar(i, options.Days)}");
                    }
                }
                var exitCode = build(location, day.End, settings, output);
                if (exitCode != ExitCodes.Success) return exitCode;
            }
            return ExitCodes.Success;
        });
        return command;
    }

    static string DoneSoFar(int done, int days) => $"daily had ingested and built {done} of {days} days";
}
