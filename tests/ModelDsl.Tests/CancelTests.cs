using System.Diagnostics;
using System.Text.Json;
using ModelDsl.Catalog;
using ModelDsl.Runtime;
using ModelDsl.Runtime.Reporting;
using static ModelDslTests.TestNodes;

// Not under namespace ModelDsl: its [Fact] (a fact-table attribute) would hide xunit's.
namespace ModelDslTests;

/// <summary>Ctrl-C during a build, sent to a real build in another process.</summary>
public sealed class CancelTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Ctrl_c_rolls_back_the_running_node_records_what_finished_and_exits_130()
    {
        if (OperatingSystem.IsWindows())
            return; // no kill -INT
        var db = _folder.File("cancel.duckdb");
        var target = _folder.File("target");
        using var child = ChildProcess.BuildSlowly(db, target);
        try
        {
            Thread.Sleep(2000); // into the slow query: an interrupt reaches only a statement already running

            Process.Start("kill", ["-INT", child.Id.ToString()])!.WaitForExit();
            var stderr = child.StandardError.ReadToEndAsync();
            var stdout = child.StandardOutput.ReadToEnd();

            Assert.True(child.WaitForExit(TimeSpan.FromSeconds(30)), "the build stops promptly");
            Assert.Equal(130, child.ExitCode);
            var error = Assert.Single(stderr.Result.Split('\n', StringSplitOptions.RemoveEmptyEntries));
            Assert.StartsWith("error: cancelled (Ctrl-C): 1 of 2 nodes finished, the running ones were rolled back", error);
            Assert.Contains("SKIP staging.slow (cancelled)", stdout);

            using var results = JsonDocument.Parse(File.ReadAllText(Path.Combine(target, "run_results.json")));
            var statuses = results.RootElement.GetProperty("results").EnumerateArray()
                .Select(r => (r.GetProperty("name").GetString(), r.GetProperty("status").GetString(), r.GetProperty("message").GetString()));
            Assert.Equal([("quick", "success", "created table"), ("slow", "skipped", "cancelled")], statuses);

            // The slow table was never made, and nothing of its statement is left.
            using var warehouse = DuckDbWarehouse.Open(db, readOnly: true);
            Assert.Equal(["quick"], warehouse.Rows("select table_name from information_schema.tables where table_schema = 'staging'").Select(r => (string)r[0]!));
        }
        finally
        {
            if (!child.HasExited)
                child.Kill(entireProcessTree: true);
            child.WaitForExit();
        }
    }

    [Fact]
    public void A_cancelled_incremental_build_stops_after_the_day_it_is_on_and_keeps_the_days_done()
    {
        using var warehouse = DuckDbWarehouse.Open(_folder.File("days.duckdb"));
        warehouse.Execute("create schema raw; create table raw.events as select TIMESTAMP '2024-03-01 10:00:00' + to_days(range::integer) as created_at from range(30)");
        const string events = """(select * from "raw"."events" where "created_at" >= getvariable('partition_start') and "created_at" < getvariable('partition_end'))""";
        var catalog = TestNodes.Catalog(EventSource("events", "created_at"),
            Incremental("daily_counts", $"select cast(created_at as date) as event_date, count(*) as events from {events} group by 1",
                new IncrementalConfig(Grain.Day, "event_date", null, 0, OnSchemaChange.Fail, ["events"]), "events"));
        ProjectBuilder.Build(warehouse, catalog, new BuildOptions(new DateTime(2024, 3, 1, 23, 0, 0)), TextWriter.Null);
        using var cancel = new CancellationTokenSource();

        // Ctrl-C as the 7th of 29 new days is reported.
        var result = ProjectBuilder.Build(warehouse, catalog, new BuildOptions(new DateTime(2024, 3, 30, 23, 0, 0), Cancellation: cancel.Token),
            new CancelOnProgress(cancel));

        var model = result.Nodes.Single(n => n.Node.Name == "daily_counts");
        Assert.Equal((NodeStatus.Skipped, "cancelled"), (model.Status, model.Message));
        // The first day and the 7 new ones.
        Assert.Equal(8, warehouse.Scalar<long>("select count(*) from analytics.daily_counts"));
        Assert.Equal(8, warehouse.Scalar<long>("select count(*) from _modeldsl.partitions where model = 'analytics.daily_counts'"));
    }

    private sealed class CancelOnProgress(CancellationTokenSource cancel) : IBuildReporter
    {
        public void Started(int index, int total, Node node)
        {
        }

        public void Finished(int index, int total, NodeResult result)
        {
        }

        public void Completed(BuildResult result)
        {
        }

        public void Warning(string message)
        {
        }

        public void Progress(Node node, int done, int total) => cancel.Cancel();
    }
}
