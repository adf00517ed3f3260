namespace EventStream.Benchmarks.Scenarios;

/// <summary>
/// A month of daily builds (scale 100; quick: 4 days at scale 1): the daily build of a day (ingest that day, then
/// <c>build</c>) against days of history, and a full refresh on the same database. Flat incremental cost is a daily
/// build of the last day close to that of the first; a full refresh is the engine's set-based time and costs many
/// daily builds.
/// </summary>
public sealed class IncrementalCost : IScenario
{
    public string Name => "incremental";

    public void Run(Harness harness)
    {
        var scale = harness.Quick ? "1" : "100";
        var days = harness.Quick ? 4 : 30;
        int[] points = harness.Quick ? [1, 4] : [1, 5, 10, 20, 30];

        // The database as it stands before each measured day: the daily job run up to the day before.
        var before = new Dictionary<int, string?> { [1] = null };
        var history = harness.PathOf("history.duckdb");
        for (var day = 1; day < days; day++)
        {
            harness.Cli("daily", "--days", "1", "--scale", scale, "--db", history);
            if (points.Contains(day + 1))
                before[day + 1] = harness.Copy(history, $"before-day-{day + 1}.duckdb");
        }
        Console.WriteLine($"  prepared {days - 1} daily builds at scale {scale}");

        var daily = new Dictionary<int, Sample>();
        var refresh = new Dictionary<int, Sample>();
        foreach (var (index, day) in points.Index())
        {
            var dailyTimes = new List<double>();
            var refreshTimes = new List<double>();
            // One measurement: ingest the day (untimed), its daily build, then a full refresh of the same database.
            void Measure(bool record)
            {
                var database = harness.Copy(before[day]);
                harness.Cli("ingest", "--days", "1", "--scale", scale, "--db", database);
                var dailySeconds = harness.Seconds("build", "--db", database);
                var refreshSeconds = harness.Seconds("build", "--full-refresh", "--db", database);
                Harness.Delete(database);
                if (!record)
                    return;
                dailyTimes.Add(dailySeconds);
                refreshTimes.Add(refreshSeconds);
            }
            if (index == 0)
                Measure(record: false); // the scenario's warm-up
            for (var run = 0; run < harness.Runs; run++)
                Measure(record: true);
            daily[day] = harness.Report.Add(Name, $"daily build of day {day} (scale {scale})", new Sample(dailyTimes));
            refresh[day] = harness.Report.Add(Name, $"full refresh on day {day} (scale {scale})", new Sample(refreshTimes));
        }

        var last = points[^1];
        harness.Report.Compare(Name, $"daily build day {last} / day 1", daily[last].Median / daily[1].Median, "<=", 1.5);
        if (daily.ContainsKey(5))
            harness.Report.Compare(Name, $"daily build day {last} / day 5", daily[last].Median / daily[5].Median, "<=", 1.5);
        harness.Report.Compare(Name, $"full refresh / daily build, day {last}", refresh[last].Median / daily[last].Median, ">=", 5);
        var x = points.Select(d => (double)d).ToArray();
        harness.Report.AddChart($"{Name}.png", $"Build time against days of history (scale {scale})", "days of history", "seconds",
            ("daily build", x, points.Select(d => daily[d].Median).ToArray()),
            ("full refresh", x, points.Select(d => refresh[d].Median).ToArray()));
    }
}
