using System.Collections;
using System.Globalization;

namespace ModelDsl.Runtime;

/// <summary>A query's column names and rows, each value as the engine's driver reads it (<c>null</c> for SQL NULL).</summary>
public sealed record QueryResult(IReadOnlyList<string> Columns, IReadOnlyList<object?[]> Rows)
{
    /// <summary>The column names and the first <paramref name="limit"/> rows (all when null) of a driver's reader.</summary>
    public static QueryResult Read(System.Data.Common.DbDataReader reader, int? limit)
    {
        var columns = Enumerable.Range(0, reader.FieldCount).Select(reader.GetName).ToList();
        var rows = new List<object?[]>();
        while ((limit is null || rows.Count < limit) && reader.Read())
            rows.Add(Enumerable.Range(0, reader.FieldCount).Select(i => reader.IsDBNull(i) ? null : reader.GetValue(i)).ToArray());
        return new QueryResult(columns, rows);
    }

    /// <summary>
    /// A value as people read it (invariant culture; <c>null</c> for SQL NULL): dates and times in ISO 8601 with a space
    /// before the time, as DuckDB writes them (<c>2100-01-31 10:00:00.5</c>), lists as <c>[a, b]</c>, maps and structs as
    /// <c>{k: v}</c>.
    /// </summary>
    public static string? Text(object? value) => value switch
    {
        null or DBNull => null,
        string text => text,
        bool flag => flag ? "true" : "false",
        DateOnly date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTime time => time.ToString("yyyy-MM-dd HH:mm:ss.FFFFFF", CultureInfo.InvariantCulture),
        DateTimeOffset time => time.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFzzz", CultureInfo.InvariantCulture),
        TimeOnly time => time.ToString("HH:mm:ss.FFFFFF", CultureInfo.InvariantCulture),
        IDictionary map => "{" + string.Join(", ", map.Keys.Cast<object>().Select(k => $"{Text(k)}: {Text(map[k]) ?? "NULL"}")) + "}",
        IEnumerable items and not byte[] => "[" + string.Join(", ", items.Cast<object?>().Select(i => Text(i) ?? "NULL")) + "]",
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    /// <summary>Whether a value is a number (an integer of any width, a float, a decimal or a HUGEINT).</summary>
    public static bool IsNumber(object? value) => value is sbyte or byte or short or ushort or int or uint or long or ulong
        or float or double or decimal or System.Numerics.BigInteger;
}
