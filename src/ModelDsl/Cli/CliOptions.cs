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
        Description = "Nodes to work on, in dbt's grammar: name, +name, name+, n+name, name+n, @name, tag:x, layer:x, path:x, " +
                      "resource_type:x; words are a union, commas intersect (default: all)",
        AllowMultipleArgumentsPerToken = true,
        DefaultValueFactory = _ => [],
    };

    public static Option<string[]> Exclude() => new("--exclude")
    {
        Description = "Nodes to leave out (same grammar as --select)",
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

    /// <summary>DuckDB runs each query on all cores already; a few threads let independent nodes overlap without
    /// contending for memory.</summary>
    public static int DefaultThreads => Math.Clamp(Environment.ProcessorCount / 2, 1, 4);

    public static Option<int> Threads() => new("--threads")
    {
        Description = $"Independent nodes to run at once, each on its own connection (default {DefaultThreads})",
        DefaultValueFactory = _ => DefaultThreads,
        CustomParser = result => AtLeastOne(result, "--threads") ?? 0,
    };

    /// <summary><c>--limit</c>/<c>-n</c>: at most this many rows; <paramref name="defaultRows"/> null means all of them.</summary>
    public static Option<int?> Limit(string description, int? defaultRows) => new("--limit", "-n")
    {
        Description = description,
        DefaultValueFactory = _ => defaultRows,
        CustomParser = result => AtLeastOne(result, "--limit"),
    };

    /// <summary><c>--output</c>/<c>-o</c>: one of <paramref name="formats"/>, the first by default.</summary>
    public static Option<string> Output(params string[] formats) => new Option<string>("--output", "-o")
    {
        Description = "Output format",
        DefaultValueFactory = _ => formats[0],
    }.AcceptOnlyFromAmong(formats);

    // A whole number of at least 1; anything else is an error that names the option.
    private static int? AtLeastOne(System.CommandLine.Parsing.ArgumentResult result, string name)
    {
        var text = result.Tokens.Single().Value;
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= 1)
            return value;
        result.AddError($"{name} must be a whole number of at least 1, not '{text}'");
        return null;
    }

    public static Option<bool> FailFast() => new("--fail-fast", "-x") { Description = "Stop at the first failure; what has not started is skipped" };

    public static Option<bool> StoreFailures() => new("--store-failures")
    {
        Description = "Keep each test's failing rows in a table of the audit schema (audit.<test name>)",
    };

    public static Option<bool> Quiet() => new("--quiet", "-q") { Description = "Print only errors and failures" };

    public static Option<string> LogFormat() => new Option<string>("--log-format")
    {
        Description = "text, or json: one JSON object per event and line",
        DefaultValueFactory = _ => "text",
    }.AcceptOnlyFromAmong("text", "json");

    public static Option<string> TargetDir() => new("--target-dir")
    {
        Description = "Where manifest.json, run_results.json and compiled/ are written",
        DefaultValueFactory = _ => "target",
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
