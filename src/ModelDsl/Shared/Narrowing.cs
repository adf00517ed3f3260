// Shared with the source generator (linked into ModelDsl.Generators): compiled SQL and the runtime narrow alike.
namespace ModelDsl.Catalog
{
    /// <summary>
    /// The engine-neutral placeholders compiled SQL reads the build's variables with, and the one predicate that narrows
    /// a relation to the days being processed. The generator writes them, so compiled SQL stays static and reviewable;
    /// the engine's dialect substitutes its own expressions once, when the catalog is loaded for that engine.
    /// </summary>
#if MODELDSL_GENERATOR
    internal
#else
    public
#endif
    static class Narrowing
    {
        /// <summary>The build's logical run time, a TIMESTAMP.</summary>
        public const string RunTime = "{{ run_time }}";

        /// <summary>The first instant of the days being processed (inclusive), a TIMESTAMP.</summary>
        public const string PartitionStart = "{{ partition_start }}";

        /// <summary>The end of the days being processed (exclusive), a TIMESTAMP.</summary>
        public const string PartitionEnd = "{{ partition_end }}";

        /// <summary>The first day being processed, a DATE.</summary>
        public const string PartitionDay = "{{ partition_day }}";

        /// <summary>Every placeholder, for a dialect to substitute.</summary>
        public static readonly string[] Placeholders = { RunTime, PartitionStart, PartitionEnd, PartitionDay };

        /// <summary>
        /// Keeps the rows of <paramref name="column"/> inside the window, widened to the <paramref name="days"/> days that
        /// end on the last day processed (a rolling window; 1 is the window itself).
        /// </summary>
        public static string Predicate(string column, int days = 1)
        {
            var quoted = SqlIdentifier.Quote(column);
            var start = days == 1 ? PartitionStart : PartitionStart + " - INTERVAL '" + (days - 1) + " days'";
            return quoted + " >= " + start + " and " + quoted + " < " + PartitionEnd;
        }
    }
}
