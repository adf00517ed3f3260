namespace ModelDsl.Catalog;

/// <summary>Quoting of SQL identifiers: every relation and column name we write goes through here.</summary>
public static class SqlIdentifier
{
    public static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"") + "\"";

    /// <summary>A SQL string literal.</summary>
    public static string Literal(string value) => "'" + value.Replace("'", "''") + "'";

    /// <summary>A SQL TIMESTAMP literal, to the microsecond.</summary>
    public static string Timestamp(DateTime value) =>
        $"TIMESTAMP '{value.ToString("yyyy-MM-dd HH:mm:ss.ffffff", System.Globalization.CultureInfo.InvariantCulture)}'";
}
