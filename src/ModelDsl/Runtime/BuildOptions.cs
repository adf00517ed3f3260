namespace ModelDsl.Runtime;

/// <summary>
/// What to build and as of when. <paramref name="Selected"/> holds node names; <c>null</c> builds every node.
/// <paramref name="Threads"/> independent nodes run at once, each on its own connection; <paramref name="FailFast"/>
/// skips everything not yet started after the first failure; <paramref name="StoreFailures"/> keeps each failing
/// test's rows in the audit schema.
/// <paramref name="Refresh"/> says what to rebuild beyond the normal increments; <paramref name="SeedsDirectory"/>
/// is where seed CSV paths are resolved (default: <see cref="DefaultSeedsDirectory"/>). <paramref name="Cancellation"/>
/// (Ctrl-C) interrupts the running nodes, whose transactions roll back, and skips the rest as cancelled.
/// </summary>
public sealed record BuildOptions(
    DateTime RunTime,
    IReadOnlySet<string>? Selected = null,
    int Threads = 1,
    bool FailFast = false,
    bool StoreFailures = false,
    RefreshOptions? Refresh = null,
    string? SeedsDirectory = null,
    CancellationToken Cancellation = default)
{
    /// <summary>An error-severity test failure skips what is downstream of its node (not in an <see cref="EmptyBuild"/>:
    /// there the tests fail on empty relations, and the SQL downstream is still to be checked).</summary>
    public bool TestFailuresSkipDownstream { get; init; } = true;

    private readonly DateTime _runTime = InUtc(RunTime);

    /// <summary>The logical run time, in UTC, so every consumer sees the same instant.</summary>
    public DateTime RunTime { get => _runTime; init => _runTime = InUtc(value); }

    /// <summary>A local time converted to UTC; a UTC or unspecified one (taken as UTC) as it is.</summary>
    public static DateTime InUtc(DateTime time) => time.Kind == DateTimeKind.Local ? time.ToUniversalTime() : time;

    /// <summary>The <c>Seeds</c> folder next to the running program, where a project copies its CSV files.</summary>
    public static string DefaultSeedsDirectory => Path.Combine(AppContext.BaseDirectory, "Seeds");
}

/// <summary>
/// Rebuilds beyond the normal increments. <see cref="FullRefresh"/> rebuilds incremental models from scratch
/// (snapshots keep their history, as in dbt); <see cref="WipeSnapshotHistory"/> drops and restarts snapshots;
/// <see cref="From"/>/<see cref="To"/> re-process that day range (inclusive) of the selected incremental models.
/// </summary>
public sealed record RefreshOptions(bool FullRefresh = false, bool WipeSnapshotHistory = false, DateOnly? From = null, DateOnly? To = null)
{
    public static readonly RefreshOptions None = new();

    public bool HasRange => From is not null || To is not null;

    /// <summary>Refuses contradictory options, naming them.</summary>
    public RefreshOptions Validated()
    {
        if (From > To)
            throw new BadInputException($"--from {From:yyyy-MM-dd} is after --to {To:yyyy-MM-dd}");
        if (FullRefresh && HasRange)
            throw new BadInputException("--full-refresh rebuilds every day; it cannot be combined with --from/--to");
        return this;
    }
}
