using System.CommandLine;
using System.Globalization;

namespace ModelDsl.Cli;

/// <summary>
/// The options shared by the built-in verbs, as factories so that a project's own verbs (e.g. <c>daily</c>)
/// declare them the same way. Each call returns a new option: an option belongs to one command.
/// </summary>
public static class CliOptions
{
    // ISO 8601 only, so that 03/04/2024 is refused rather than guessed; a time without offset is UTC.
    private static readonly string[] IsoFormats =
    [
        "yyyy-MM-dd",
        "yyyy-MM-dd'T'HH:mmK",
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK",
        "yyyy-MM-dd HH:mm:ss.FFFFFFFK",
    ];

    public static Option<string[]> Select() => new("--select", "-s")
    {
        Description = "Node names to work on (default: all)",
        AllowMultipleArgumentsPerToken = true,
        DefaultValueFactory = _ => [],
    };

    public static Option<string[]> Exclude() => new("--exclude")
    {
        Description = "Node names to leave out",
        AllowMultipleArgumentsPerToken = true,
        DefaultValueFactory = _ => [],
    };

    public static Option<string> Database(ProjectOptions project) => new("--db")
    {
        Description = "DuckDB database file",
        DefaultValueFactory = _ => project.DefaultDatabase,
    };

    /// <summary><c>--as-of</c>: the logical run time, an ISO timestamp read as UTC; null when not given.</summary>
    public static Option<DateTime?> AsOf() => new("--as-of")
    {
        Description = "Logical run time, ISO 8601, UTC (default: the project's own, else now)",
        CustomParser = result =>
        {
            var text = result.Tokens.Single().Value;
            if (DateTime.TryParseExact(text, IsoFormats, CultureInfo.InvariantCulture,
                    DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var value))
                return value;
            result.AddError($"--as-of: '{text}' is not an ISO timestamp (e.g. 2024-03-15T00:00:00Z)");
            return null;
        },
    };

    public static Option<bool> FullRefresh() => new("--full-refresh")
    {
        Description = "Rebuild incremental models from scratch (snapshots keep their history)",
    };

    public static Option<bool> WipeSnapshotHistory() => new("--wipe-snapshot-history")
    {
        Description = "DROP the history of the selected snapshots and start them again (cannot be undone)",
    };

    /// <summary><c>--from</c> / <c>--to</c>: a day (YYYY-MM-DD) of the range of days to re-process.</summary>
    public static Option<DateOnly?> Day(string name, string description) => new(name)
    {
        Description = description,
        CustomParser = result =>
        {
            var text = result.Tokens.Single().Value;
            if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
                return day;
            result.AddError($"{name}: '{text}' is not a date like 2024-03-15");
            return null;
        },
    };
}
