using System.Collections;
using System.Globalization;
using System.Text;
using System.Text.Json;
using ModelDsl.Runtime;
using Spectre.Console;

namespace ModelDsl.Cli;

/// <summary>
/// Prints a query's rows: a table for people (<see cref="Table"/>), RFC 4180 CSV (<see cref="Csv"/>) or a JSON array of
/// objects (<see cref="Json"/>) for tools.
/// </summary>
internal static class ResultWriter
{
    public static readonly string[] Formats = ["table", "csv", "json"];

    // Wide enough for any table a query prints; Spectre only pads to the table's own width.
    private const int UnwrappedWidth = 10_000;

    public static void Write(string format, QueryResult result, string title, TextWriter output)
    {
        switch (format)
        {
            case "csv":
                Csv(result, output);
                break;
            case "json":
                Json(result, output);
                break;
            default:
                Table(result, title, output);
                break;
        }
    }

    /// <summary>
    /// A table without colour or markup (values are never read as markup); numeric columns are right-aligned. On a terminal
    /// it fits the window; anywhere else (a pipe, a file, a test) every row stays on one line.
    /// </summary>
    public static void Table(QueryResult result, string title, TextWriter output)
    {
        var table = new Table().Title(new TableTitle(title, Style.Plain));
        for (var i = 0; i < result.Columns.Count; i++)
        {
            var numeric = result.Rows.Any(r => r[i] is not null) && result.Rows.All(r => r[i] is null || QueryResult.IsNumber(r[i]));
            table.AddColumn(new TableColumn(new Text(result.Columns[i])) { Alignment = numeric ? Justify.Right : Justify.Left });
        }
        foreach (var row in result.Rows)
            table.AddRow(row.Select(value => new Text(QueryResult.Text(value) ?? "NULL")));

        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(output),
        });
        var terminal = ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected;
        console.Profile.Width = terminal ? Console.WindowWidth : UnwrappedWidth;
        console.Write(table);
    }

    /// <summary>
    /// RFC 4180: a header, then a record a row, CRLF line ends; a field with a comma, a quote or a line break is quoted
    /// (quotes doubled). NULL is an empty field, the empty string <c>""</c>.
    /// </summary>
    public static void Csv(QueryResult result, TextWriter output)
    {
        output.Write(string.Join(',', result.Columns.Select(Field)) + "\r\n");
        foreach (var row in result.Rows)
            output.Write(string.Join(',', row.Select(v => QueryResult.Text(v) is { } text ? Field(text) : "")) + "\r\n");
    }

    private static string Field(string text) =>
        text.Length == 0 || text.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + text.Replace("\"", "\"\"") + "\"" : text;

    /// <summary>
    /// An array with an object a row, keyed by column name: numbers as JSON numbers, booleans as booleans, NULL as null,
    /// dates and times as ISO 8601 strings (<c>2100-01-31T10:00:00</c>), lists as arrays, maps and structs as objects.
    /// </summary>
    public static void Json(QueryResult result, TextWriter output)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartArray();
            foreach (var row in result.Rows)
            {
                json.WriteStartObject();
                for (var i = 0; i < result.Columns.Count; i++)
                {
                    json.WritePropertyName(result.Columns[i]);
                    Value(json, row[i]);
                }
                json.WriteEndObject();
            }
            json.WriteEndArray();
        }
        output.WriteLine(Encoding.UTF8.GetString(buffer.ToArray()));
    }

    private static void Value(Utf8JsonWriter json, object? value)
    {
        switch (value)
        {
            case null or DBNull:
                json.WriteNullValue();
                break;
            case bool flag:
                json.WriteBooleanValue(flag);
                break;
            case double d when !double.IsFinite(d):
            case float f when !float.IsFinite(f):
                json.WriteStringValue(QueryResult.Text(value)); // NaN and infinities are not JSON numbers
                break;
            case IFormattable number when QueryResult.IsNumber(number):
                // The invariant text of a number is a JSON number, whatever its width (HUGEINT and DECIMAL included).
                json.WriteRawValue(number.ToString(null, CultureInfo.InvariantCulture));
                break;
            case DateOnly date:
                json.WriteStringValue(date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                break;
            case DateTime time:
                json.WriteStringValue(time.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFF", CultureInfo.InvariantCulture));
                break;
            case DateTimeOffset time:
                json.WriteStringValue(time.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFzzz", CultureInfo.InvariantCulture));
                break;
            case IDictionary map:
                json.WriteStartObject();
                foreach (DictionaryEntry entry in map)
                {
                    json.WritePropertyName(QueryResult.Text(entry.Key) ?? "");
                    Value(json, entry.Value);
                }
                json.WriteEndObject();
                break;
            case IEnumerable items and not string and not byte[]:
                json.WriteStartArray();
                foreach (var item in items)
                    Value(json, item);
                json.WriteEndArray();
                break;
            default:
                json.WriteStringValue(QueryResult.Text(value));
                break;
        }
    }
}
