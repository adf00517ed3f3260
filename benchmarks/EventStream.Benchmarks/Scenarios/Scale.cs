namespace EventStream.Benchmarks.Scenarios;

/// <summary>
/// A first <c>build</c> over 30 ingested days at scales 1, 10 and 100, and over 3 days at scale 1000 (quick: 3 days
/// at scales 1, 2 and 4): its time should grow about linearly with the data, and its peak memory stay bounded.
/// </summary>
public sealed class Scale : IScenario
{
    public string Name => "scale";

    private const double GiB = 1024.0 * 1024 * 1024;

    public void Run(Harness harness)
    {
        (int Days, int Scale)[] runs = harness.Quick ? [(3, 1), (3, 2), (3, 4)] : [(30, 1), (30, 10), (30, 100), (3, 1000)];
        var times = new Dictionary<(int, int), Sample>();
        var peaks = new Dictionary<(int, int), Sample>();
        foreach (var (index, run) in runs.Index())
        {
            var template = harness.PathOf($"scale-{run.Scale}-{run.Days}d.duckdb");
            harness.Cli("ingest", "--days", run.Days.ToString(), "--scale", run.Scale.ToString(), "--db", template);
            var memory = new List<double>();
            times[run] = harness.Report.Add(Name, $"first build, {run.Days} days at scale {run.Scale}", Sample.Of(harness.Runs, () =>
            {
                var database = harness.Copy(template);
                var result = harness.Cli("build", "--db", database);
                Harness.Delete(database);
                memory.Add(result.PeakRssBytes);
                return result.Elapsed.TotalSeconds;
            }, warmUp: index == 0));
            peaks[run] = harness.Report.Add(Name, $"peak memory of that build", new Sample(memory.TakeLast(harness.Runs).ToList()), "bytes");
            Harness.Delete(template);
        }

        // Linear: ten times the data within 1.2 x ten times the time (the 12x for scale 10 to 100).
        var monthly = runs.Where(r => r.Days == runs[0].Days).ToList();
        foreach (var (smaller, larger) in monthly.Zip(monthly.Skip(1)))
            harness.Report.Compare(Name, $"build scale {larger.Scale} / scale {smaller.Scale} ({larger.Scale / smaller.Scale}x data)",
                times[larger].Median / times[smaller].Median, "<=", 1.2 * larger.Scale / smaller.Scale);
        var largest = runs[^1];
        harness.Report.Compare(Name, $"peak memory (GiB), {largest.Days} days at scale {largest.Scale}", peaks[largest].Max / GiB, "<=", 2);
        harness.Report.AddChart($"{Name}.png", $"First build over {monthly[0].Days} days against scale", "scale", "seconds",
            ("first build", monthly.Select(r => (double)r.Scale).ToArray(), monthly.Select(r => times[r].Median).ToArray()));
    }
}
