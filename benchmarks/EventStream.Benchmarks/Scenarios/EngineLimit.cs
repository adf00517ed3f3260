using System.Diagnostics;
using DuckDB.NET.Data;

namespace EventStream.Benchmarks.Scenarios;

/// <summary>
/// The whole-warehouse <c>build</c> (process start to exit) against the engine's limit: a replay of exactly the statements
/// that build sent (<c>--record-sql</c>), in the same order, as one script on one plain DuckDB connection of this process
/// (open, run, close), on a fresh copy of the same database. At 1 day at scale 1 and over 30 days at scale 100 (quick: 1
/// day and 3 days at scale 1).
/// </summary>
public sealed class EngineLimit : IScenario
{
    public string Name => "engine-limit";

    public void Run(Harness harness)
    {
        (int Days, int Scale, double Target)[] cases = harness.Quick ? [(1, 1, 1.5), (3, 1, 1.5)] : [(1, 1, 1.5), (30, 100, 1.15)];
        foreach (var (days, scale, target) in cases)
        {
            var template = harness.PathOf($"engine-limit-{scale}-{days}d.duckdb");
            harness.Cli("ingest", "--days", days.ToString(), "--scale", scale.ToString(), "--db", template);
            var script = harness.PathOf($"engine-limit-{scale}-{days}d.sql");
            var recorded = harness.Copy(template);
            harness.Cli("build", "--db", recorded, "--record-sql", script);
            var sql = File.ReadAllText(script);
            Console.WriteLine($"  {days} day(s) at scale {scale}: {Statements(sql)} statements recorded");
            CheckReplay(harness, template, recorded, sql);
            Harness.Delete(recorded);

            // Build and replay alternate, so that both see the same machine.
            var builds = new List<double>();
            var replays = new List<double>();
            for (var run = 0; run <= harness.Runs; run++)
            {
                var build = harness.Copy(template);
                var buildSeconds = harness.Seconds("build", "--db", build);
                Harness.Delete(build);
                var replay = harness.Copy(template);
                var replaySeconds = Replay(replay, sql).TotalSeconds;
                Harness.Delete(replay);
                if (run == 0)
                    continue; // warm-up
                builds.Add(buildSeconds);
                replays.Add(replaySeconds);
            }
            var what = $"{days} day(s) at scale {scale}";
            var buildSample = harness.Report.Add(Name, $"build, {what}, start to exit", new Sample(builds));
            var replaySample = harness.Report.Add(Name, $"replay of its statements, {what}", new Sample(replays));
            harness.Report.Compare(Name, $"build / replay, {what}", buildSample.Median / replaySample.Median, "<=", target);
            Harness.Delete(template);
        }
    }

    /// <summary>Opens <paramref name="database"/>, runs <paramref name="sql"/> and closes it (DuckDB checkpoints then, as after a build).</summary>
    public static TimeSpan Replay(string database, string sql)
    {
        var clock = Stopwatch.StartNew();
        using (var connection = new DuckDBConnection($"Data Source={database}"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            command.ExecuteNonQuery();
        }
        return clock.Elapsed;
    }

    // The replay must make what the build made: the same relations with the same row counts.
    private static void CheckReplay(Harness harness, string template, string built, string sql)
    {
        var replayed = harness.Copy(template);
        Replay(replayed, sql);
        var (expected, actual) = (Counts(built), Counts(replayed));
        Harness.Delete(replayed);
        if (!expected.SequenceEqual(actual))
            throw new InvalidOperationException($"the replay does not reproduce the build: {string.Join(", ", expected.Except(actual).Take(5))}");
    }

    private static List<string> Counts(string database)
    {
        using var connection = new DuckDBConnection($"Data Source={database}");
        connection.Open();
        var relations = new List<string>();
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "select schema_name, table_name from duckdb_tables() where not temporary order by all";
            using var reader = command.ExecuteReader();
            while (reader.Read())
                relations.Add($"\"{reader.GetString(0)}\".\"{reader.GetString(1)}\"");
        }
        return relations.Select(relation =>
        {
            using var count = connection.CreateCommand();
            count.CommandText = $"select count(*) from {relation}";
            return $"{relation} {count.ExecuteScalar()}";
        }).ToList();
    }

    // Each recorded statement ends with ";" and a blank line.
    private static int Statements(string sql) => sql.Split(";\n\n").Count(s => s.Trim().Length > 0);
}
