using System.CommandLine;
using System.Text.Json;
using ModelDsl.Engines;
using ModelDsl.Runtime;

namespace ModelDsl.Cli;

/// <summary>
/// Where a verb's warehouse is: an engine and the database it names (a DuckDB file, a PostgreSQL database), and the engine
/// settings a target gives its builds.
/// </summary>
public sealed record WarehouseLocation(IEngine Engine, string Database)
{
    public EngineSettings Settings { get; init; } = EngineSettings.None;

    public Warehouse Open(bool mustExist = false, bool readOnly = false) => Engine.Open(Database, mustExist, readOnly);
}

/// <summary>
/// One named target of the project's settings file (dbt's <c>profiles.yml</c> outputs): its engine <see cref="Type"/> and
/// its settings. A secret is never in the file: the file names the environment variable that holds it.
/// </summary>
public sealed class Target(string file, string name, string type, IReadOnlyDictionary<string, string> settings)
{
    public string Name => name;

    public string Type => type;

    public string Required(string key) =>
        Optional(key) ?? throw new BadInputException($"target '{name}' in '{file}' needs \"{key}\"");

    public string? Optional(string key) => settings.TryGetValue(key, out var value) && value.Length > 0 ? value : null;

    public int Number(string key, int fallback, int max = int.MaxValue) =>
        Optional(key) is not { } text ? fallback
        : int.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, out var value) && value > 0 && value <= max ? value
        : throw new BadInputException($"target '{name}' in '{file}': \"{key}\" must be a whole number{(max == int.MaxValue ? "" : $" from 1 to {max}")}, not '{text}'");

    /// <summary>
    /// The target's <c>memory_limit</c>, <c>threads</c> and <c>temp_directory</c> (for an engine that has them), checked as the
    /// command line's <c>--memory-limit</c>, <c>--engine-threads</c> and <c>--temp-directory</c> are.
    /// </summary>
    public EngineSettings ResourceSettings() => new(
        Checked("memory_limit", EngineSettings.MemoryLimitExpected, EngineSettings.ParseMemoryLimit),
        Optional("threads") is null ? null : Number("threads", 1, EngineSettings.MaxThreads),
        Checked("temp_directory", EngineSettings.TempDirectoryExpected, EngineSettings.ParseTempDirectory));

    private string? Checked(string key, string expected, Func<string, string?> parse) =>
        Optional(key) is not { } text ? null
        : parse(text) ?? throw new BadInputException($"target '{name}' in '{file}': \"{key}\" must be {expected}, not '{text}'");

    /// <summary>The value of the environment variable that setting <paramref name="key"/> names (the value itself is never shown).</summary>
    public string Secret(string key)
    {
        var variable = Required(key);
        return Environment.GetEnvironmentVariable(variable) is { Length: > 0 } value
            ? value
            : throw new BadInputException($"target '{name}' reads \"{key}\" from the environment variable {variable}, which is not set");
    }
}

/// <summary>
/// <c>--target NAME</c>: the warehouse of a named target of the project's settings file (<see cref="ProjectOptions.SettingsFile"/>),
/// <c>{"targets": {"NAME": {"type": "postgres", ...}}}</c>; without it, <c>--db</c> on the project's own engine.
/// </summary>
public static class Targets
{
    public static WarehouseLocation Resolve(ProjectOptions project, ParseResult result, Option<string> database, Option<string?> target)
    {
        if (result.GetValue(target) is not { } name)
            return new WarehouseLocation(project.Engine, result.GetValue(database)!);
        var location = Find(project, name);
        if (result.GetResult(database) is { Implicit: false })
            throw new BadInputException("--db and --target cannot be combined: a target names its database");
        return location;
    }

    public static WarehouseLocation Find(ProjectOptions project, string name)
    {
        var file = project.SettingsFile ?? throw new BadInputException($"--target '{name}': this project has no settings file");
        if (!File.Exists(file))
            throw new BadInputException($"--target '{name}': there is no settings file '{file}' (in {Directory.GetCurrentDirectory()})");
        var targets = Read(file);
        if (!targets.TryGetValue(name, out var settings))
            throw new BadInputException($"unknown target '{name}' in '{file}' (its targets: {string.Join(", ", targets.Keys.Order())})");
        var type = settings.GetValueOrDefault("type") ?? throw new BadInputException($"target '{name}' in '{file}' needs \"type\"");
        if (!project.TargetTypes.TryGetValue(type, out var locate))
            throw new BadInputException($"target '{name}' in '{file}' has type '{type}'; known types: {string.Join(", ", project.TargetTypes.Keys.Order())}");
        return locate(new Target(file, name, type, settings));
    }

    // Each target's settings as text (numbers as written), by name.
    private static Dictionary<string, Dictionary<string, string>> Read(string file)
    {
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(file));
            if (!document.RootElement.TryGetProperty("targets", out var targets) || targets.ValueKind != JsonValueKind.Object)
                throw new BadInputException($"'{file}' has no \"targets\" object");
            return targets.EnumerateObject().ToDictionary(
                t => t.Name,
                t => t.Value.ValueKind == JsonValueKind.Object
                    ? t.Value.EnumerateObject().ToDictionary(s => s.Name, s => s.Value.ValueKind == JsonValueKind.String ? s.Value.GetString()! : s.Value.GetRawText())
                    : throw new BadInputException($"target '{t.Name}' in '{file}' is not an object"),
                StringComparer.Ordinal);
        }
        catch (JsonException e)
        {
            throw new BadInputException($"'{file}' is not valid JSON: {Warehouse.FirstLine(e.Message)}");
        }
        catch (IOException e)
        {
            throw new BadInputException($"cannot read '{file}': {e.Message}");
        }
    }
}
