using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using ModelDsl.Graph;

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

    public static Option<string[]> Select() => Selection("--select", "-s",
        "Nodes to work on, in dbt's grammar: name, +name, name+, n+name, name+n, @name, tag:x, layer:x, path:x, " +
        "resource_type:x; words are a union, commas intersect (default: all)");

    public static Option<string[]> Exclude() => Selection("--exclude", null, "Nodes to leave out (same grammar as --select)");

    private static Option<string[]> Selection(string name, string? alias, string description)
    {
        var option = new Option<string[]>(name, alias is null ? [] : [alias])
        {
            Description = description,
            AllowMultipleArgumentsPerToken = true,
            DefaultValueFactory = _ => [],
        };
        // The option takes every word up to the next known option, so a mistyped option would read as a node name.
        option.Validators.Add(result =>
        {
            if (result.Tokens.FirstOrDefault(t => t.Value.StartsWith('-')) is { } token)
                result.AddError(UnknownOption(token.Value));
        });
        return option;
    }

    /// <summary><c>--resource-type</c> (repeatable): only nodes of these resource types, after the selection; none: all of them.</summary>
    public static Option<string[]> ResourceType() => new("--resource-type")
    {
        Description = $"Only nodes of this resource type ({string.Join(", ", Selector.ResourceTypes)}); repeat it for several",
        HelpName = string.Join('|', Selector.ResourceTypes),
        DefaultValueFactory = _ => [],
        CustomParser = result => result.Tokens.Select(t => Parsed(result, t.Value, $"one of {string.Join(", ", Selector.ResourceTypes)}",
            text => Selector.ResourceTypes.Contains(text.ToLowerInvariant()) ? text.ToLowerInvariant() : null)).ToArray()!,
    };

    internal static string UnknownOption(string token) => $"unknown option '{token}'";

    public static Option<string> Database(ProjectOptions project) => new("--db")
    {
        Description = "Database file",
        DefaultValueFactory = _ => project.DefaultDatabase,
        CustomParser = result => Parsed(result, "a file name", NotBlank)!,
    };

    /// <summary><c>--target</c>: a target of the project's settings file (<see cref="Targets"/>); null when not given.</summary>
    public static Option<string?> Target() => new("--target", "-t")
    {
        Description = "A target of the project's settings file (its engine and database), instead of --db",
        CustomParser = result => Parsed(result, "a target name", NotBlank),
    };

    /// <summary><c>--as-of</c>: the logical run time, an ISO timestamp read as UTC; null when not given.</summary>
    public static Option<DateTime?> AsOf() => new("--as-of")
    {
        Description = "Logical run time, ISO 8601, UTC (default: the project's own, else now)",
        CustomParser = result => Parsed(result, $"an ISO timestamp {DayRange} (e.g. 2024-03-15T00:00:00Z)", text =>
            DateTime.TryParseExact(text, IsoFormats, CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time) && InDayRange(DateOnly.FromDateTime(time))
                ? time : (DateTime?)null),
    };

    // A build's days run to the day after the last one (windows end there, exclusive) and look back from the first, so
    // the calendar's first and last days are refused rather than overflowing DateOnly inside a model.
    private static bool InDayRange(DateOnly day) => day > DateOnly.MinValue && day < DateOnly.MaxValue;

    private static readonly string DayRange = $"from {DateOnly.MinValue.AddDays(1):yyyy-MM-dd} to {DateOnly.MaxValue.AddDays(-1):yyyy-MM-dd}";

    /// <summary><c>--max-days-past-data</c>: how far after the data's last day a run time may be.</summary>
    public static Option<int?> MaxDaysPastData() => new("--max-days-past-data")
    {
        Description = "Refuse a run time more than this many days after the last day of data (default: the project's, 366)",
        CustomParser = result => WholeNumber(result, 0),
    };

    /// <summary>An engine like DuckDB runs each query on all cores already; a few threads let independent nodes overlap
    /// without contending for memory.</summary>
    public static int DefaultThreads => Math.Clamp(Environment.ProcessorCount / 2, 1, 4);

    public static Option<int> Threads() => new("--threads")
    {
        Description = "Independent nodes to run at once, each on its own connection (by default half the cores, 1 to 4)",
        DefaultValueFactory = _ => DefaultThreads,
        CustomParser = result => WholeNumber(result, 1) ?? 0,
    };

    /// <summary><c>--limit</c>/<c>-n</c>: at most this many rows; <paramref name="defaultRows"/> null means all of them.</summary>
    public static Option<int?> Limit(string description, int? defaultRows) => new("--limit", "-n")
    {
        Description = description,
        DefaultValueFactory = _ => defaultRows,
        CustomParser = result => WholeNumber(result, 1),
    };

    /// <summary><c>--output</c>/<c>-o</c>: one of <paramref name="formats"/>, the first by default.</summary>
    public static Option<string> Output(params string[] formats) => Choice(new("--output", "-o") { Description = "Output format" }, formats);

    // An option whose value is one of `values`, the first by default.
    private static Option<string> Choice(Option<string> option, params string[] values)
    {
        option.HelpName = string.Join('|', values);
        option.DefaultValueFactory = _ => values[0];
        option.CustomParser = result => Parsed(result, $"one of {string.Join(", ", values)}", text => values.Contains(text) ? text : null)!;
        return option;
    }

    /// <summary>A whole number from <paramref name="min"/> to <paramref name="max"/>; null after an error.</summary>
    public static int? WholeNumber(ArgumentResult result, int min, int max = int.MaxValue) => Parsed(result, $"a whole number from {min} to {max}", text =>
        int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max ? value : (int?)null);

    /// <summary><c>--port</c>: a TCP port, 1 to 65535.</summary>
    public static Option<int> Port(int defaultPort) => new("--port")
    {
        Description = $"Port on 127.0.0.1 (default {defaultPort})",
        DefaultValueFactory = _ => defaultPort,
        CustomParser = result => Parsed(result, "a port number from 1 to 65535", text =>
            int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is >= 1 and <= 65535 ? port : (int?)null) ?? 0,
    };

    /// <summary>A number greater than 0 and at most <paramref name="max"/>; null after an error.</summary>
    public static double? Positive(ArgumentResult result, double max) =>
        Parsed(result, $"a number greater than 0 and at most {max.ToString(CultureInfo.InvariantCulture)}", text =>
            double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value > 0 && value <= max ? value : (double?)null);

    // The value of the option's one word read by `parse`; a word it refuses (null) is one error naming the option, the word
    // and what the option takes, so that every bad value reads the same way.
    private static T? Parsed<T>(ArgumentResult result, string expected, Func<string, T?> parse) =>
        Parsed(result, result.Tokens.Single().Value, expected, parse);

    private static T? Parsed<T>(ArgumentResult result, string text, string expected, Func<string, T?> parse)
    {
        if (parse(text) is { } value)
            return value;
        result.AddError($"{((OptionResult)result.Parent!).Option.Name} must be {expected}, not '{text}'");
        return default;
    }

    public static Option<bool> FailFast() => new("--fail-fast", "-x") { Description = "Stop at the first failure; what has not started is skipped" };

    public static Option<bool> StoreFailures() => new("--store-failures")
    {
        Description = "Keep each test's failing rows in a table of the audit schema (audit.<test name>)",
    };

    public static Option<bool> Quiet() => new("--quiet", "-q") { Description = "Print only errors and failures" };

    public static Option<string> LogFormat() =>
        Choice(new("--log-format") { Description = "text, or json: one JSON object per event and line" }, "text", "json");

    public static Option<string> TargetDir() => new("--target-dir")
    {
        Description = "Where manifest.json, run_results.json and compiled/ are written",
        DefaultValueFactory = _ => "target",
        CustomParser = result => Parsed(result, "a folder name", NotBlank)!,
    };

    private static string? NotBlank(string text) => string.IsNullOrWhiteSpace(text) ? null : text;

    /// <summary><c>--memory-limit</c>: the engine's memory limit (DuckDB's <c>memory_limit</c>; past it, it spills to disk).</summary>
    public static Option<string?> MemoryLimit() => new("--memory-limit")
    {
        Description = "The engine's memory limit, e.g. 2GiB (DuckDB: memory_limit; past it, work spills to the temporary directory)",
        CustomParser = result => Parsed(result, Engines.EngineSettings.MemoryLimitExpected, Engines.EngineSettings.ParseMemoryLimit),
    };

    /// <summary><c>--engine-threads</c>: the engine's own threads for one query (DuckDB's <c>threads</c>), unlike <c>--threads</c>.</summary>
    public static Option<int?> EngineThreads() => new("--engine-threads")
    {
        Description = "Threads the engine uses for one query (DuckDB: threads; by default all cores)",
        CustomParser = result => WholeNumber(result, 1, Engines.EngineSettings.MaxThreads),
    };

    /// <summary><c>--temp-directory</c>: where the engine spills what does not fit in memory (DuckDB's <c>temp_directory</c>).</summary>
    public static Option<string?> TempDirectory() => new("--temp-directory")
    {
        Description = "Where the engine writes what does not fit in memory (DuckDB: temp_directory; by default beside the database)",
        HelpName = "folder",
        CustomParser = result => Parsed(result, Engines.EngineSettings.TempDirectoryExpected, Engines.EngineSettings.ParseTempDirectory),
    };

    /// <summary>The engine settings the command line gives (<see cref="MemoryLimit"/>, <see cref="EngineThreads"/>, <see cref="TempDirectory"/>).</summary>
    public static Engines.EngineSettings EngineSettings(ParseResult result, Option<string?> memoryLimit, Option<int?> engineThreads, Option<string?> tempDirectory) =>
        new(result.GetValue(memoryLimit), result.GetValue(engineThreads), result.GetValue(tempDirectory));

    /// <summary><c>--record-sql FILE</c>: the script of every statement the build sends (<see cref="Runtime.SqlRecorder"/>).</summary>
    public static Option<string?> RecordSql() => new("--record-sql")
    {
        Description = "Write every statement the build sends, in order, to this file (a SQL script; the build runs on one connection)",
        HelpName = "file",
        CustomParser = result => Parsed(result, "a file name", NotBlank),
    };

    public static Option<bool> Empty() => new("--empty")
    {
        Description = "Build every model with zero rows, to check SQL and contracts fast, in a scratch database: the database is only read",
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
        CustomParser = result => Parsed(result, $"a date like 2024-03-15, {DayRange}", text =>
            DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) && InDayRange(day)
                ? day : (DateOnly?)null),
    };
}
