using System.Globalization;
using System.Text;
using System.Text.Json;
using ModelDsl.Cli;
using ModelDsl.Runtime;
using ModelDslTests;

namespace EventStream.Models.Tests.CrossEngine;

/// <summary>
/// The same seeded days, run through <c>daily</c> into DuckDB and into PostgreSQL, give the same warehouse: every
/// table of every layer holds the same rows (numbers within 1e-9 relative, times exact), the run state aside.
/// </summary>
public sealed class DuckDbEqualsPostgresTests : IDisposable
{
    const int Days = 3;
    const double Tolerance = 1e-9;
    // Run state holds each build's wall-clock times; the audit's real_timestamp is the ingestion's wall clock.
    const string RunStateSchema = "_modeldsl";
    static readonly Dictionary<string, string[]> WallClockColumns = new() { ["raw.ingestion_audit"] = ["real_timestamp"] };

    readonly string folder = Directory.CreateTempSubdirectory("cross-engine-").FullName;
    readonly string database = $"cross_{Guid.NewGuid():N}";
    readonly string passwordVariable = $"EVENTSTREAM_CROSS_{Guid.NewGuid():N}";

    [Fact]
    public void Daily_on_DuckDB_and_on_PostgreSQL_builds_the_same_warehouse()
    {
        var duckDb = Path.Combine(folder, "warehouse.duckdb");
        Daily("--db", duckDb);
        Daily("--target", "pg");

        using var left = DuckDbWarehouse.Open(duckDb, readOnly: true);
        using var right = PostgresTestServer.Engine.Open(database, readOnly: true);
        var tables = left.Relations().Where(r => !r.StartsWith(RunStateSchema + ".", StringComparison.Ordinal)).ToList();
        // Every layer that is built: raw (with the seeds), staging, analytics, SCD2 snapshots and utilities.
        Assert.Superset(new HashSet<string> { "raw", "staging", "analytics", "snapshots", "utilities" }, tables.Select(t => t[..t.IndexOf('.')]).ToHashSet());
        Assert.Equal(tables, right.Relations().Where(r => !r.StartsWith(RunStateSchema + ".", StringComparison.Ordinal)).ToList());

        var report = new StringBuilder();
        foreach (var table in tables)
            Compare(table, left, right, report);
        Assert.True(report.Length == 0, report.ToString());
    }

    void Daily(params string[] where)
    {
        var settings = Path.Combine(folder, "eventstream.json");
        if (!File.Exists(settings)) WriteSettings(settings);
        var output = new StringWriter();
        var exitCode = ModelCli.Run(["daily", "--days", Days.ToString(CultureInfo.InvariantCulture), .. where],
            EventStreamProject.Catalog, EventStreamProject.CreateOptions(settings), output, output);
        Assert.True(exitCode == 0, $"daily {string.Join(' ', where)} exited with {exitCode}:\n{output}");
    }

    // A target as a user writes it: the password in an environment variable the file names.
    void WriteSettings(string path)
    {
        var server = PostgresTestServer.Settings;
        using (var admin = PostgresTestServer.Engine.Open("postgres"))
            admin.Execute($"CREATE DATABASE \"{database}\"");
        Environment.SetEnvironmentVariable(passwordVariable, server.Password);
        File.WriteAllText(path, JsonSerializer.Serialize(new
        {
            targets = new Dictionary<string, object>
            {
                ["pg"] = new { type = "postgres", host = server.Host, port = server.Port, database, username = server.Username, password_env = passwordVariable },
            },
        }));
    }

    static void Compare(string table, Warehouse left, Warehouse right, StringBuilder report)
    {
        var skipped = WallClockColumns.GetValueOrDefault(table, []);
        var columns = left.Describe(Quoted(left, table)).Select(c => c.Name).Where(c => !skipped.Contains(c)).ToList();
        var rightColumns = right.Describe(Quoted(right, table)).Select(c => c.Name).Where(c => !skipped.Contains(c)).ToList();
        if (!columns.SequenceEqual(rightColumns))
        {
            report.AppendLine($"{table}: columns differ: DuckDB ({string.Join(", ", columns)}), PostgreSQL ({string.Join(", ", rightColumns)})");
            return;
        }
        var leftRows = Rows(left, table, columns);
        var rightRows = Rows(right, table, columns);
        if (leftRows.Count != rightRows.Count)
        {
            report.AppendLine($"{table}: {leftRows.Count} rows on DuckDB, {rightRows.Count} on PostgreSQL");
            return;
        }
        var shown = 0;
        for (var i = 0; i < leftRows.Count && shown < 5; i++)
        {
            var different = columns.Where((_, c) => !Same(leftRows[i][c], rightRows[i][c])).ToList();
            if (different.Count == 0) continue;
            shown++;
            report.AppendLine($"{table}: row {i + 1} differs in {string.Join(", ", different)}: DuckDB ({Show(leftRows[i])}), PostgreSQL ({Show(rightRows[i])})");
        }
    }

    static string Quoted(Warehouse warehouse, string table)
    {
        var dot = table.IndexOf('.');
        return warehouse.Dialect.Quote(table[..dot], table[(dot + 1)..]);
    }

    // Values in one form for both engines, rows in one order (by every column, numbers rounded far beyond the tolerance
    // so that two engines' last bits cannot reorder them).
    static List<object?[]> Rows(Warehouse warehouse, string table, IReadOnlyList<string> columns)
    {
        var select = $"select {string.Join(", ", columns.Select(c => warehouse.Dialect.Quote(c)))} from {Quoted(warehouse, table)}";
        return warehouse.Rows(select).Select(r => r.Select(Canonical).ToArray())
            .OrderBy(r => string.Join("\u0001", r.Select(SortKey)), StringComparer.Ordinal).ToList();
    }

    static object? Canonical(object? value) => value switch
    {
        null or DBNull => null,
        DateOnly day => day.ToDateTime(TimeOnly.MinValue),
        DateTime time => DateTime.SpecifyKind(time, DateTimeKind.Unspecified),
        sbyte or byte or short or ushort or int or uint or long or ulong or float or double or decimal => Convert.ToDouble(value, CultureInfo.InvariantCulture),
        System.Numerics.BigInteger big => (double)big,
        Guid id => id.ToString(),
        _ => value,
    };

    static string SortKey(object? value) => value switch
    {
        null => "\u0000",
        double number => number.ToString("E8", CultureInfo.InvariantCulture),
        DateTime time => time.ToString("O", CultureInfo.InvariantCulture),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture)!,
    };

    static bool Same(object? left, object? right) => (left, right) switch
    {
        (null, null) => true,
        (double a, double b) => a == b || Math.Abs(a - b) <= Tolerance * Math.Max(Math.Abs(a), Math.Abs(b)),
        _ => Equals(left, right),
    };

    static string Show(object?[] row) => string.Join(", ", row.Select(v => v is null ? "NULL" : SortKey(v)));

    public void Dispose()
    {
        Environment.SetEnvironmentVariable(passwordVariable, null);
        Directory.Delete(folder, recursive: true);
        using var admin = PostgresTestServer.Engine.Open("postgres");
        admin.Execute($"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)");
    }
}
