using ModelDsl.Engines;
using ModelDsl.Runtime;

namespace ModelDsl.Cli;

/// <summary>
/// One invocation of <c>build</c>, <c>run</c> or <c>test</c>: what to select, where, as of when, and how to run and
/// report. <see cref="TargetDir"/> null writes no artifacts.
/// </summary>
public sealed record BuildRequest(string Database, IReadOnlyList<string> Select, IReadOnlyList<string> Exclude, DateTime? AsOf)
{
    /// <summary><c>build</c> (models and tests), <c>run</c> (no tests), <c>test</c> (only tests), <c>seed</c> or <c>snapshot</c>
    /// (only those).</summary>
    public string Command { get; init; } = "build";

    /// <summary><c>--resource-type</c>: only nodes of these types (model, seed, snapshot, test); empty: the command's own.</summary>
    public IReadOnlyList<string> ResourceTypes { get; init; } = [];
    public int Threads { get; init; } = 1;
    public bool FailFast { get; init; }
    public bool StoreFailures { get; init; }
    public bool Quiet { get; init; }
    public string LogFormat { get; init; } = "text";
    public string? TargetDir { get; init; }

    /// <summary>What to rebuild beyond the normal increments (<c>--full-refresh</c>, <c>--from/--to</c>, ...).</summary>
    public RefreshOptions? Refresh { get; init; }

    /// <summary><c>--max-days-past-data</c>; null: the project's <see cref="ProjectOptions.MaxDaysPastData"/>.</summary>
    public int? MaxDaysPastData { get; init; }

    /// <summary>The engine <see cref="Database"/> is of (a <c>--target</c>'s); null: the project's own.</summary>
    public IEngine? Engine { get; init; }
    /// <summary><c>--empty</c>: build every model with zero rows in a scratch database (<see cref="EmptyBuild"/>); the
    /// database is only read.</summary>
    public bool Empty { get; init; }

    /// <summary>The engine's memory limit, threads and temporary directory for this build (the command line's over the target's).</summary>
    public EngineSettings EngineSettings { get; init; } = EngineSettings.None;

    /// <summary><c>--record-sql</c>: the file every statement sent to the database is written to; null: none.</summary>
    public string? RecordSql { get; init; }

    /// <summary>Output goes to a terminal: show a live progress display.</summary>
    public bool Live { get; init; }
}
