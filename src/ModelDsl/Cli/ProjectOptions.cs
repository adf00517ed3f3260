using System.CommandLine;
using ModelDsl.Engines;
using ModelDsl.Runtime;

namespace ModelDsl.Cli;

/// <summary>What a project tells the CLI host about itself.</summary>
public sealed record ProjectOptions
{
    /// <summary>The engine the project's warehouse runs on.</summary>
    public required IEngine Engine { get; init; }

    /// <summary>The database used when <c>--db</c> is not given.</summary>
    public required string DefaultDatabase { get; init; }

    /// <summary>The settings file that names the project's targets (<c>--target</c>), relative to the working directory; null: none.</summary>
    public string? SettingsFile { get; init; }

    /// <summary>Opens the parser column lineage reads compiled queries with (DuckDB's parse tree); null: no column lineage.</summary>
    public Func<Lineage.IQueryParser>? LineageParser { get; init; }

    /// <summary>The engines a target may name as its <c>type</c>, each turning the target's settings into a warehouse location.</summary>
    public IReadOnlyDictionary<string, Func<Target, WarehouseLocation>> TargetTypes { get; init; } = new Dictionary<string, Func<Target, WarehouseLocation>>();

    /// <summary>
    /// The project's run time when <c>--as-of</c> is not given (e.g. the end of the latest ingested day);
    /// <c>null</c>, or a function returning <c>null</c>, means the current UTC time.
    /// </summary>
    public Func<Warehouse, DateTime?>? DefaultRunTime { get; init; }

    /// <summary>
    /// The first and last days of the data a build reads (e.g. the ingested days); null, or a function returning null,
    /// means the event-time range of the sources the selection reads.
    /// </summary>
    public Func<Warehouse, (DateOnly First, DateOnly Last)?>? DataRange { get; init; }

    /// <summary>
    /// A run time more than this many days after the data's last day is refused before anything is written (a
    /// mistyped year would otherwise build thousands of empty days); <c>--max-days-past-data</c> overrides it.
    /// </summary>
    public int MaxDaysPastData { get; init; } = 366;

    /// <summary>
    /// What to do when a source a build reads is not in the database (e.g. "run `ingest` first"), said after the
    /// error; null says nothing more.
    /// </summary>
    public string? MissingSourceHint { get; init; }

    /// <summary>Extra verbs the project adds (e.g. <c>ingest</c>). Their actions write to
    /// <c>parseResult.InvocationConfiguration.Output</c> and may throw <see cref="BadInputException"/> (exit 2).</summary>
    public IList<Command> Commands { get; init; } = [];
}
