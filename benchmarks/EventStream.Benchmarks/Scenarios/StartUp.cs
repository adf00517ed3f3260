namespace EventStream.Benchmarks.Scenarios;

/// <summary>
/// Process start to exit of <c>build</c> on a freshly ingested 1-day scale-1 database (a first build of every node),
/// and of <c>ls</c>: what a user waits for before the engine's work starts to count.
/// </summary>
public sealed class StartUp : IScenario
{
    public string Name => "start-up";

    public void Run(Harness harness)
    {
        var template = harness.PathOf("start-up.duckdb");
        harness.Cli("ingest", "--days", "1", "--scale", "1", "--db", template);

        var build = harness.Report.Add(Name, "build, 1 day at scale 1, start to exit", Sample.Of(harness.Runs * 2, () =>
        {
            var database = harness.Copy(template);
            var seconds = harness.Seconds("build", "--db", database);
            Harness.Delete(database);
            return seconds;
        }));
        var ls = harness.Report.Add(Name, "ls, start to exit", Sample.Of(harness.Runs * 2, () => harness.Seconds("ls")));

        harness.Report.Compare(Name, "build start to exit (s)", build.Median, "<=", 0.6);
        harness.Report.Compare(Name, "ls start to exit (s)", ls.Median, "<=", 0.15);
    }
}
