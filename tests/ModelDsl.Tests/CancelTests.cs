using System.Diagnostics;
using System.Text.Json;
using ModelDsl.Runtime;

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
            using var warehouse = Warehouse.Open(db, readOnly: true);
            Assert.Equal(["quick"], warehouse.Rows("select table_name from information_schema.tables where table_schema = 'staging'").Select(r => (string)r[0]!));
        }
        finally
        {
            if (!child.HasExited)
                child.Kill(entireProcessTree: true);
            child.WaitForExit();
        }
    }
}
