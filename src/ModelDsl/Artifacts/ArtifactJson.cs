using System.Text.Json;
using System.Text.Json.Serialization;
using ModelDsl.Runtime;

namespace ModelDsl.Artifacts;

/// <summary>How every file under <c>target/</c> is written: snake_case JSON, indented, enums as lower-case names.</summary>
internal static class ArtifactJson
{
    public static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    /// <summary>Writes <paramref name="value"/> to <paramref name="path"/>, creating its folder; I/O trouble is bad input.</summary>
    public static void Write(string path, object value) => WriteText(path, JsonSerializer.Serialize(value, Options));

    public static void WriteText(string path, string text)
    {
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
            File.WriteAllText(path, text);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new BadInputException($"cannot write '{path}': {e.Message}");
        }
    }
}
