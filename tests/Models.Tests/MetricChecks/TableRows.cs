using System.Globalization;
using System.Numerics;
using System.Text;
using ModelDsl.Runtime;

namespace EventStream.Models.Tests.MetricChecks;

/// <summary>
/// An analytics table as the specification names it: its key columns first, then the compared columns, and the
/// day column that places a row in time (null for the dimensions).
/// </summary>
public sealed record TableSpec(string Name, IReadOnlyList<string> Key, IReadOnlyList<string> Values, string? DayColumn = null)
{
    public IReadOnlyList<string> Columns => [.. Key, .. Values];

    public string Relation => $"analytics.{Name}";

    public static readonly TableSpec FctEvents = new("fct_events", ["event_id"],
        ["viewer_id", "post_id", "creator_id", "created_at", "event_type", "is_like", "partition_date"], "partition_date");

    // session_id's format is not specified: sessions are compared by (user_id, session_start).
    public static readonly TableSpec FctSessions = new("fct_sessions", ["user_id", "session_start"],
        ["session_date", "session_end", "duration_seconds", "events", "views", "likes"], "session_date");

    public static readonly TableSpec AggPostMetricsDaily = new("agg_post_metrics_daily", ["event_date", "post_id"],
        ["views", "unique_viewers", "likes", "like_ratio"], "event_date");

    public static readonly TableSpec AggUserMetricsDaily = new("agg_user_metrics_daily", ["event_date", "user_id"],
        ["views", "posts_viewed", "likes_given", "sessions"], "event_date");

    public static readonly TableSpec AggCreatorMetricsDaily = new("agg_creator_metrics_daily", ["event_date", "creator_id", "creator_country_code"],
        ["creator_region", "views", "likes", "like_ratio"], "event_date");

    public static readonly TableSpec AggActivityDaily = new("agg_activity_daily", ["activity_date"],
        ["dau", "wau", "mau", "sessions", "avg_session_seconds", "new_users", "active_creators"], "activity_date");

    public static readonly TableSpec DimPosts = new("dim_posts", ["post_id"],
        ["creator_id", "post_text", "created_at", "updated_at", "creator_full_name", "creator_country_code", "creator_region",
         "views", "unique_viewers_days", "likes", "like_ratio"]);

    public static readonly TableSpec DimUsers = new("dim_users", ["user_id"],
        ["first_name", "last_name", "full_name", "country_code", "country_name", "region", "fav_color", "created_at", "updated_at",
         "views", "likes_given", "sessions", "last_active_date", "is_active_viewer",
         "posts", "total_views", "total_likes", "like_ratio", "is_active_creator"]);

    /// <summary>Every table the check covers.</summary>
    public static readonly IReadOnlyList<TableSpec> All =
        [FctEvents, FctSessions, AggPostMetricsDaily, AggUserMetricsDaily, AggCreatorMetricsDaily, AggActivityDaily, DimPosts, DimUsers];

    /// <summary>The tables with a row per day (or event) that a later day must leave as they were.</summary>
    public static readonly IReadOnlyList<TableSpec> DayGrain = All.Where(t => t.DayColumn is not null).ToList();

    public static TableSpec Named(string name) => All.Single(t => t.Name == name);
}

/// <summary>
/// A table's rows in its <see cref="TableSpec.Columns"/> order, with normalized values: integers as <see cref="long"/>,
/// floating and decimal numbers as <see cref="double"/>, dates as <see cref="DateOnly"/>, timestamps as <see cref="DateTime"/>.
/// </summary>
public sealed record TableRows(TableSpec Spec, IReadOnlyList<object?[]> Rows)
{
    /// <summary>Reads the spec's columns of the built table (a missing column fails the read, naming it).</summary>
    public static TableRows Read(Warehouse warehouse, TableSpec spec)
    {
        var select = $"select {string.Join(", ", spec.Columns)} from {spec.Relation}";
        var types = warehouse.Describe($"({select})").Select(c => c.Type).ToList();
        var rows = warehouse.Rows(select).Select(row => row.Select((value, i) => Normalize(value, types[i])).ToArray()).ToList();
        return new TableRows(spec, rows);
    }

    /// <summary>The rows whose day is at most <paramref name="last"/>.</summary>
    public TableRows UpTo(DateOnly last)
    {
        var day = Spec.Columns.ToList().IndexOf(Spec.DayColumn!);
        return this with { Rows = Rows.Where(r => r[day] is DateOnly d && d <= last).ToList() };
    }

    public string KeyOf(object?[] row) => string.Join(" | ", row.Take(Spec.Key.Count).Select(Format));

    private static object? Normalize(object? value, string duckDbType) => value switch
    {
        null => null,
        _ when duckDbType == "DATE" => Warehouse.AsDate(value),
        BigInteger big => (long)big,
        sbyte or byte or short or ushort or int or uint or long or ulong => Convert.ToInt64(value, CultureInfo.InvariantCulture),
        float or double or decimal => Convert.ToDouble(value, CultureInfo.InvariantCulture),
        _ => value,
    };

    public static string Format(object? value) => value switch
    {
        null => "NULL",
        DateTime t => t.ToString("yyyy-MM-dd HH:mm:ss.ffffff", CultureInfo.InvariantCulture),
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        double x => x.ToString("R", CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };
}

/// <summary>Row-by-row comparison of an expected table with the built one, keyed by the spec's key.</summary>
public static class TableComparison
{
    public const double Tolerance = 1e-9;
    private const int Shown = 8;

    /// <summary>Null when the tables are equal; else a report: keys missing, keys unexpected, duplicated and differing rows (the first few of each).</summary>
    public static string? Differences(TableRows expected, TableRows actual, string label)
    {
        var spec = expected.Spec;
        var wanted = expected.Rows.ToDictionary(expected.KeyOf);
        var found = actual.Rows.GroupBy(actual.KeyOf).ToDictionary(g => g.Key, g => g.ToList());

        var missing = wanted.Keys.Where(k => !found.ContainsKey(k)).Order(StringComparer.Ordinal).ToList();
        var unexpected = found.Keys.Where(k => !wanted.ContainsKey(k)).Order(StringComparer.Ordinal).ToList();
        var duplicated = found.Where(f => f.Value.Count > 1).Select(f => $"{f.Key} ({f.Value.Count} rows)").Order(StringComparer.Ordinal).ToList();
        var differing = wanted.Where(w => found.TryGetValue(w.Key, out var rows) && rows.Count == 1 && !SameRow(w.Value, rows[0]))
            .OrderBy(w => w.Key, StringComparer.Ordinal)
            .Select(w => Describe(spec, w.Key, w.Value, found[w.Key][0]))
            .ToList();
        if (missing.Count + unexpected.Count + duplicated.Count + differing.Count == 0)
            return null;

        var report = new StringBuilder($"{spec.Relation} {label}: {expected.Rows.Count} rows expected, {actual.Rows.Count} found; key ({string.Join(", ", spec.Key)})\n");
        Section(report, "missing keys (expected, not built)", missing, k => Line(spec, wanted[k]));
        Section(report, "unexpected keys (built, not expected)", unexpected, k => Line(spec, found[k][0]));
        Section(report, "duplicated keys", duplicated, null);
        Section(report, "differing rows", differing, null);
        return report.ToString();
    }

    private static void Section(StringBuilder report, string title, List<string> items, Func<string, string>? show)
    {
        if (items.Count == 0) return;
        report.AppendLine($"  {items.Count} {title}:");
        foreach (var item in items.Take(Shown))
            report.AppendLine("    " + (show is null ? item : show(item)));
        if (items.Count > Shown) report.AppendLine($"    ... and {items.Count - Shown} more");
    }

    private static string Line(TableSpec spec, object?[] row) =>
        string.Join(", ", spec.Columns.Select((c, i) => $"{c}={TableRows.Format(row[i])}"));

    private static string Describe(TableSpec spec, string key, object?[] expected, object?[] actual) =>
        $"{key}: " + string.Join("; ", spec.Columns.Select((c, i) => (c, i)).Where(x => !Same(expected[x.i], actual[x.i]))
            .Select(x => $"{x.c} expected {WithType(expected[x.i])}, got {WithType(actual[x.i])}"));

    private static string WithType(object? value) => value is null ? "NULL" : $"{TableRows.Format(value)} ({value.GetType().Name})";

    public static bool SameRow(object?[] a, object?[] b) => a.Length == b.Length && a.Zip(b).All(p => Same(p.First, p.Second));

    /// <summary>Equal values of the same normalized type; doubles within <see cref="Tolerance"/>.</summary>
    public static bool Same(object? expected, object? actual) => (expected, actual) switch
    {
        (null, null) => true,
        (null, _) or (_, null) => false,
        (double x, double y) => Math.Abs(x - y) <= Tolerance,
        _ => expected.GetType() == actual.GetType() && expected.Equals(actual),
    };
}
