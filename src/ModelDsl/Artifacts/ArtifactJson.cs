using System.Text.Json;
using System.Text.Json.Serialization;
using ModelDsl.Runtime;

namespace ModelDsl.Artifacts;

/// <summary>
/// How every file under <c>target/</c> is written: snake_case JSON, indented, enums as lower-case names; and the
/// same JSON for tools elsewhere (<c>ls -o json</c>, JSON log lines), which leave out null values.
/// </summary>
internal static class ArtifactJson
{
    public static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    /// <summary>As <see cref="Options"/>, without null values (<c>ls -o json</c>).</summary>
    public static readonly JsonSerializerOptions WithoutNulls = new(Options) { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    /// <summary>As <see cref="WithoutNulls"/>, on one line (one JSON log line per event).</summary>
    public static readonly JsonSerializerOptions OneLine = new(WithoutNulls) { WriteIndented = false };

    /// <summary>Writes <paramref name="value"/> to <paramref name="path"/>, creating its folder; I/O trouble is bad input, a
    /// full disk a <see cref="DiskFullException"/> (and no half-written file is left).</summary>
    public static void Write(string path, object value) => WriteText(path, JsonSerializer.Serialize(value, Options));

    public static void WriteText(string path, string text)
    {
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
            File.WriteAllText(path, text);
        }
        catch (IOException e) when (DiskFull.Is(e))
        {
            File.Delete(path);
            throw new DiskFullException($"cannot write '{path}': {DiskFull.Describe(e)}");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new BadInputException($"cannot write '{path}': {e.Message}");
        }
    }
}
