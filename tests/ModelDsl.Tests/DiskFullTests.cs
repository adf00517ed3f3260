using System.Text.Json;
using ModelDsl.Runtime;

// Not under namespace ModelDsl: its [Fact] (a fact-table attribute) would hide xunit's.
namespace ModelDslTests;

/// <summary>
/// A build on a disk that fills up: a real one, a small tmpfs mounted in a mount namespace of the child process alone
/// (<c>unshare --user --map-root-user --mount</c>: no root needed where user namespaces are allowed, and gone with the process).
/// </summary>
public sealed class DiskFullTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [SmallDiskFact]
    public void A_full_disk_fails_the_node_writing_stops_the_build_and_says_so_in_one_line()
    {
        var target = _folder.File("target");
        var (exitCode, stdout, stderr) = SmallDisk.Run(_folder.File("disk"), ChildProcess.Program, "fill-disk", "{disk}/full.duckdb", target);

        Assert.Equal(1, exitCode);
        var error = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("error: staging.filler (Models/filler.cs:7) failed: the disk is full (", error);
        Assert.Contains("No space left on device", error);
        Assert.EndsWith($"the build stopped there (2 of 4 nodes ran, the failed one was rolled back): free some space and run it again; " +
                        $"{Path.Combine(target, "run_results.json")} says which", error);
        Assert.Contains("SKIP staging.later (skipped: the disk is full)", stdout);

        using var results = JsonDocument.Parse(File.ReadAllText(Path.Combine(target, "run_results.json")));
        Assert.False(results.RootElement.GetProperty("success").GetBoolean());
        var entries = results.RootElement.GetProperty("results").EnumerateArray()
            .Select(r => (r.GetProperty("name").GetString(), r.GetProperty("status").GetString(), r.GetProperty("message").GetString()!))
            .ToList();
        Assert.Equal([("quick", "success"), ("filler", "error"), ("later", "skipped"), ("child", "skipped")], entries.Select(e => (e.Item1, e.Item2)));
        Assert.Equal(error["error: ".Length..error.IndexOf("; the build stopped", StringComparison.Ordinal)], entries[1].Item3);
        Assert.All(entries[2..], e => Assert.Equal("skipped: the disk is full", e.Item3));
    }

    [SmallDiskFact]
    public void When_run_results_json_cannot_be_written_either_the_line_says_so()
    {
        var (exitCode, _, stderr) = SmallDisk.Run(_folder.File("disk"), ChildProcess.Program, "fill-disk", "{disk}/full.duckdb", "{disk}/target");

        Assert.Equal(1, exitCode);
        var error = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("error: staging.filler (Models/filler.cs:7) failed: the disk is full (", error);
        Assert.EndsWith("/target/run_results.json could not be written either", error);
    }
}
