using System.Text;
using ModelDsl.Runtime;

namespace EventStream.Models.Tests.MetricChecks;

/// <summary>
/// The warehouse built one <c>daily</c> at a time equals a <c>build --full-refresh</c> of the same database: the
/// incremental staging, fact, session and aggregate tables hold the same rows (EXCEPT ALL both ways, in SQL).
/// </summary>
[Collection(DailyWarehouseCollection.Name)]
public sealed class DailyEqualsFullRefreshTests(DailyWarehouse warehouse)
{
    private static readonly string[] Tables =
    [
        "staging.stg_users", "staging.stg_posts", "analytics.fct_events", "analytics.fct_sessions", "analytics.agg_post_metrics_daily",
        "analytics.agg_user_metrics_daily", "analytics.agg_creator_metrics_daily", "analytics.agg_activity_daily",
    ];

    private static string DailyCopy(string table) => "daily_" + table.Replace('.', '_');

    [Fact]
    public void Daily_builds_equal_a_full_refresh()
    {
        // The connection that holds the daily versions (temp tables) stays open during the CLI's build: within a
        // process DuckDB shares one database instance per file, so both see the same data.
        using var db = DuckDbWarehouse.Open(warehouse.Database);
        var report = new StringBuilder();
        var copied = new List<string>();
        foreach (var table in Tables)
        {
            try
            {
                db.Execute($"create or replace temp table {DailyCopy(table)} as select * from {table}");
                copied.Add(table);
            }
            catch (Exception e)
            {
                report.AppendLine($"{table}: cannot copy the daily version: {e.Message.Split('\n')[0]}");
            }
        }

        var output = new StringWriter();
        var exitCode = EventStreamProject.Run(
            ["build", "--full-refresh", "--db", warehouse.Database, "--target-dir", Path.Combine(warehouse.Folder, "target"), "--quiet"],
            output, output);
        Assert.True(exitCode == 0, $"build --full-refresh exited with {exitCode}:\n{output}");

        foreach (var table in copied)
        {
            var (daily, refreshed) = (DailyCopy(table), table);
            var onlyDaily = Except(db, daily, refreshed);
            var onlyRefreshed = Except(db, refreshed, daily);
            if (onlyDaily.Count + onlyRefreshed.Count == 0) continue;
            report.AppendLine($"{table}: {db.Scalar<long>($"select count(*) from {daily}")} rows daily, "
                + $"{db.Scalar<long>($"select count(*) from {refreshed}")} after the full refresh");
            Show(report, "only in the daily build", onlyDaily);
            Show(report, "only in the full refresh", onlyRefreshed);
        }
        Assert.True(report.Length == 0, report.ToString());
    }

    /// <summary>Up to 6 rows of <paramref name="left"/> EXCEPT ALL <paramref name="right"/>, as text, with the total count.</summary>
    private static IReadOnlyList<string> Except(Warehouse db, string left, string right)
    {
        var query = $"select * from {left} except all select * from {right}";
        var count = db.Scalar<long>($"select count(*) from ({query})");
        var (columns, rows) = db.RowsAsText($"select * from ({query}) order by all limit 6");
        return count == 0 ? [] :
            [$"{count} row(s); first ones ({string.Join(", ", columns)}):", .. rows.Select(r => "  " + string.Join(", ", r.Select(v => v ?? "NULL")))];
    }

    private static void Show(StringBuilder report, string title, IReadOnlyList<string> lines)
    {
        if (lines.Count == 0) return;
        report.AppendLine($"  {title}: {lines[0]}");
        foreach (var line in lines.Skip(1)) report.AppendLine("  " + line);
    }
}
