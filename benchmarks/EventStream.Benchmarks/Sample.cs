namespace EventStream.Benchmarks;

/// <summary>Repeated measurements of one thing, in seconds (or bytes): their median and spread.</summary>
public sealed record Sample(IReadOnlyList<double> Values)
{
    public double Median
    {
        get
        {
            var sorted = Values.Order().ToList();
            var middle = sorted.Count / 2;
            return sorted.Count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
        }
    }

    public double Min => Values.Min();

    public double Max => Values.Max();

    /// <summary>
    /// Runs <paramref name="measure"/> once untimed (warm-up: caches, JIT, files; skipped where a scenario has warmed up
    /// already), then <paramref name="runs"/> times.
    /// </summary>
    public static Sample Of(int runs, Func<double> measure, bool warmUp = true)
    {
        if (warmUp)
            measure();
        return new Sample(Enumerable.Range(0, runs).Select(_ => measure()).ToList());
    }
}
