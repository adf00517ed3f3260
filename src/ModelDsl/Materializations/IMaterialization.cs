using System.Collections.Concurrent;
using ModelDsl.Catalog;
using ModelDsl.Runtime;

namespace ModelDsl.Materializations;

/// <summary>How one kind of node is built. Errors are thrown (a <see cref="System.Data.Common.DbException"/> from the
/// engine); the builder turns them into a failed node. The builder has created the node's schema and the
/// <see cref="State.RunState"/> tables before any node is built, since concurrent DDL conflicts in an engine like DuckDB.</summary>
public interface IMaterialization
{
    NodeOutcome Build(BuildContext context, Node node);
}

/// <summary>What a build step needs: the warehouse (run time already set) and the run's logical time.</summary>
public sealed record BuildContext(Warehouse Warehouse, DateTime RunTime)
{
    private readonly DateTime _runTime = BuildOptions.InUtc(RunTime);

    /// <summary>The logical run time, in UTC (as <see cref="Runtime.Warehouse.SetRunTime"/> sets it for the models).</summary>
    public DateTime RunTime { get => _runTime; init => _runTime = BuildOptions.InUtc(value); }

    /// <summary>The whole project, for materializations that read other nodes' configuration.</summary>
    public ModelCatalog? Catalog { get; init; }

    public RefreshOptions Refresh { get; init; } = RefreshOptions.None;

    public string SeedsDirectory { get; init; } = BuildOptions.DefaultSeedsDirectory;

    /// <summary>Tells the user what they must not miss (e.g. wiped history), through the build's reporter.</summary>
    public Action<string> Warn { get; init; } = _ => { };

    /// <summary>Tells how far a node working through many days is (node, days done, days in all).</summary>
    public Action<Node, int, int> Progress { get; init; } = (_, _, _) => { };

    /// <summary>Ctrl-C: a node working through many statements stops between them (an interrupt reaches only a running one).</summary>
    public CancellationToken Cancellation { get; init; }

    /// <summary>
    /// The days each incremental model wrote in this build ([first, end)), shared by every worker's context: the
    /// model's tests check those rows. A model not in it (rebuilt, or not built) is tested whole.
    /// </summary>
    public ConcurrentDictionary<string, (DateOnly First, DateOnly EndExclusive)> WrittenDays { get; init; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// The days this build processes for its incremental models ([first, end): from the earliest day any of them
    /// processes on), or null when one is rebuilt from scratch or none is built: then every day. Tests of sources
    /// with an event time and incremental data tests check these days.
    /// </summary>
    public (DateOnly First, DateOnly EndExclusive)? ProcessedDays { get; init; }

    /// <summary>The day of the run time: the last day an incremental build processes.</summary>
    public DateOnly RunDay => DateOnly.FromDateTime(RunTime);

    public static BuildContext For(Warehouse warehouse, ModelCatalog catalog, BuildOptions options, Action<string> warn) =>
        new(warehouse, options.RunTime)
        {
            Catalog = catalog,
            Refresh = options.Refresh ?? RefreshOptions.None,
            SeedsDirectory = options.SeedsDirectory ?? BuildOptions.DefaultSeedsDirectory,
            Warn = warn,
            Cancellation = options.Cancellation,
        };
}

/// <summary>
/// The result of building one node: what was done (e.g. "created table"), rows written, a note for the
/// console in place of the timing (e.g. why nothing was built), or why it failed (then nothing was done: no action).
/// </summary>
public sealed record NodeOutcome(bool Succeeded, string Action, long? Rows = null, string? Note = null, string? Error = null)
{
    public static NodeOutcome Done(string action, long? rows = null, string? note = null) => new(true, action, rows, note);

    public static NodeOutcome Failed(string error) => new(false, Action: "", Error: error);
}
