using System.Globalization;
using ModelDsl.Catalog;
using ModelDsl.Runtime;

namespace ModelDsl.Testing;

/// <summary>
/// Runs a test node's query: no rows passes; otherwise the failing-row count against the test's severity and
/// thresholds decides between warn and fail, and a few rows are kept as samples for the report.
/// </summary>
public static class TestRunner
{
    public const int SampleSize = 5;

    public static NodeResult Run(Warehouse warehouse, Node test, bool storeFailures)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var config = test.Config.Test ?? new TestConfig(Severity.Error);
        var source = $"(\n{test.Sql}\n) as failures";
        if (storeFailures)
        {
            // Kept even when empty, so the audit table always reflects the latest run. The builder created the schema.
            warehouse.DropRelation(test.Schema, test.Name);
            warehouse.CreateTable(test.QuotedRelation, test.Sql);
            source = test.QuotedRelation;
        }

        var failures = warehouse.Scalar<long>($"SELECT count(*) FROM {source}");
        var status = config.Severity == Severity.Error && failures > config.ErrorIf ? NodeStatus.Fail
            : failures > config.WarnIf ? NodeStatus.Warn
            : NodeStatus.Pass;
        var samples = failures == 0 ? [] : Sample(warehouse, source);
        var message = status == NodeStatus.Pass
            ? "pass"
            : $"{test.Name} ({test.Description}): {Count(failures)} failing {(failures == 1 ? "row" : "rows")}" +
              (storeFailures ? $", stored in {test.Relation}" : "");
        return new NodeResult(test, status, message, null, watch.Elapsed) { Failures = failures, SampleRows = samples };
    }

    private static List<IReadOnlyDictionary<string, string?>> Sample(Warehouse warehouse, string source)
    {
        var (columns, rows) = warehouse.RowsAsText($"SELECT * FROM {source} LIMIT {SampleSize}");
        return rows.Select(IReadOnlyDictionary<string, string?> (row) =>
        {
            var named = new Dictionary<string, string?>();
            for (var i = 0; i < columns.Count; i++)
                named[columns[i]] = row[i];
            return named;
        }).ToList();
    }

    private static string Count(long n) => n.ToString(CultureInfo.InvariantCulture);
}
