using EventStream.Cli;
using EventStream.Ingestion;
using ModelDsl.Catalog;
using ModelDsl.Cli;
using ModelDsl.DuckDb;
using ModelDsl.Postgres;
using ModelDsl.Generated;

namespace EventStream;

/// <summary>The event-stream warehouse as the CLI host sees it: its catalog, its run time and its own verbs.</summary>
public static class EventStreamProject
{
    public static ModelCatalog Catalog => ProjectCatalog.Instance;

    /// <summary>The warehouse's DuckDB file when <c>--db</c> is not given.</summary>
    public const string DefaultDatabase = "event_stream.duckdb";

    /// <summary>The project's settings file (its targets), in the working directory.</summary>
    public const string SettingsFile = "eventstream.json";

    public static ProjectOptions Options { get; } = CreateOptions(SettingsFile);

    public static int Run(string[] args, TextWriter? stdout = null, TextWriter? stderr = null) =>
        ModelCli.Run(args, Catalog, Options, stdout, stderr);

    /// <summary>The project's options, its targets read from <paramref name="settingsFile"/>.</summary>
    public static ProjectOptions CreateOptions(string settingsFile)
    {
        var options = new ProjectOptions
        {
            Engine = DuckDbEngine.Instance,
            DefaultDatabase = DefaultDatabase,
            SettingsFile = settingsFile,
            LineageParser = () => new DuckDbParseTree(),
            TargetTypes = new Dictionary<string, Func<Target, WarehouseLocation>>
            {
                ["duckdb"] = DuckDbEngine.FromTarget,
                ["postgres"] = PostgresEngine.FromTarget,
            },
            // The mock data lives on a fictional calendar: "now" is the end of the latest ingested day.
            DefaultRunTime = Ingestor.LatestDayEnd,
            DataRange = Ingestor.IngestedDays,
            MissingSourceHint = "run `ingest` first",
        };
        options.Commands.Add(IngestCommand.Ingest(options));
        options.Commands.Add(IngestCommand.Daily(options, (location, runTime, settings, output) =>
            BuildCommandRunner.Run(Catalog, options,
                new BuildRequest(location.Database, [], [], runTime) { Engine = location.Engine, EngineSettings = settings }, output)));
        return options;
    }
}
