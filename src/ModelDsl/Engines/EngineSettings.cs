using System.Globalization;
using System.Text.RegularExpressions;

namespace ModelDsl.Engines;

/// <summary>
/// The engine's own resource settings for a build (<c>--memory-limit</c>, <c>--engine-threads</c>, <c>--temp-directory</c>, or
/// a target's <c>memory_limit</c>, <c>threads</c>, <c>temp_directory</c>): null leaves the engine's default. Values are checked
/// here, before they reach any SQL.
/// </summary>
public sealed partial record EngineSettings(string? MemoryLimit = null, int? Threads = null, string? TempDirectory = null)
{
    public static readonly EngineSettings None = new();

    public bool IsEmpty => MemoryLimit is null && Threads is null && TempDirectory is null;

    /// <summary>These settings, with <paramref name="fallback"/>'s where these have none (the command line over the target).</summary>
    public EngineSettings Over(EngineSettings fallback) =>
        new(MemoryLimit ?? fallback.MemoryLimit, Threads ?? fallback.Threads, TempDirectory ?? fallback.TempDirectory);

    // DuckDB starts every thread it is given at once: a typo like 100000 must not start that many.
    public const int MaxThreads = 1024;

    public const string MemoryLimitExpected = "an amount of memory like 512MB or 2GiB (units B, KB, MB, GB, TB, KiB, MiB, GiB, TiB)";

    /// <summary>A memory amount as the engine reads it (e.g. <c>2GiB</c>), or null when <paramref name="text"/> is not one.</summary>
    public static string? ParseMemoryLimit(string text) =>
        MemoryAmount().Match(text) is { Success: true } match
        && double.TryParse(match.Groups[1].Value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount) && amount > 0
            ? match.Groups[1].Value + match.Groups[2].Value
            : null;

    public const string TempDirectoryExpected = "a folder that exists or whose parent folder exists";

    /// <summary>The full path of a folder for the engine's temporary files (created by the engine when missing), or null.</summary>
    public static string? ParseTempDirectory(string text)
    {
        if (string.IsNullOrWhiteSpace(text))
            return null;
        var path = Path.GetFullPath(text);
        return Directory.Exists(path) || (!File.Exists(path) && Directory.Exists(Path.GetDirectoryName(Path.TrimEndingDirectorySeparator(path))))
            ? path
            : null;
    }

    [GeneratedRegex(@"^\s*(\d+(?:\.\d+)?)\s*(B|KB|MB|GB|TB|KiB|MiB|GiB|TiB)\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex MemoryAmount();
}
