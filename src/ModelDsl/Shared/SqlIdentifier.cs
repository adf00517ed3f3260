// Shared with the source generator (linked into ModelDsl.Generators): compiled SQL and the runtime quote alike.
namespace ModelDsl.Catalog
{
    /// <summary>Quoting of SQL identifiers and literals as standard SQL writes them: every name we write goes through here.</summary>
#if MODELDSL_GENERATOR
    internal
#else
    public
#endif
    static class SqlIdentifier
    {
        public static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"") + "\"";

        /// <summary>A SQL string literal.</summary>
        public static string Literal(string value) => "'" + value.Replace("'", "''") + "'";

        /// <summary>A SQL TIMESTAMP literal, to the microsecond.</summary>
        public static string Timestamp(System.DateTime value) =>
            "TIMESTAMP '" + value.ToString("yyyy-MM-dd HH:mm:ss.ffffff", System.Globalization.CultureInfo.InvariantCulture) + "'";
    }
}
