using System.Diagnostics;
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
        var (exitCode, stdout, stderr) = SmallDisk.Run(_folder.File("disk"), "fill-disk", "{disk}/full.duckdb", target);

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
        var (exitCode, _, stderr) = SmallDisk.Run(_folder.File("disk"), "fill-disk", "{disk}/full.duckdb", "{disk}/target");

        Assert.Equal(1, exitCode);
        var error = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("error: staging.filler (Models/filler.cs:7) failed: the disk is full (", error);
        Assert.EndsWith("/target/run_results.json could not be written either", error);
    }
}

/// <summary>A fact that needs <see cref="SmallDisk"/>: skipped, saying why, where user namespaces are not allowed.</summary>
public sealed class SmallDiskFactAttribute : FactAttribute
{
    public SmallDiskFactAttribute()
    {
        if (SmallDisk.Unavailable is { } reason)
            Skip = reason;
    }
}

/// <summary>Runs this test assembly's <see cref="ChildProcess"/> on a 4 MB tmpfs mounted at a folder for that process alone.</summary>
internal static class SmallDisk
{
    private static readonly Lazy<string?> Probe = new(() =>
    {
        if (!OperatingSystem.IsLinux())
            return "a small disk is a tmpfs in a Linux mount namespace";
        var folder = Directory.CreateTempSubdirectory("modeldsl-probe-").FullName;
        try
        {
            var (exitCode, _, stderr) = Start(folder, ["true"]);
            return exitCode == 0 ? null : $"cannot mount a tmpfs in a user namespace (unshare -rm): {stderr.Trim()}";
        }
        catch (Exception e)
        {
            return $"cannot run unshare: {e.Message}";
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    });

    public static string? Unavailable => Probe.Value;

    /// <summary>Runs the child verb with its arguments, <c>{disk}</c> in them being the small disk's folder.</summary>
    public static (int ExitCode, string Stdout, string Stderr) Run(string disk, params string[] args)
    {
        Directory.CreateDirectory(disk);
        return Start(disk, ["dotnet", "exec", typeof(ChildProcess).Assembly.Location, .. args.Select(a => a.Replace("{disk}", disk))]);
    }

    private static (int, string, string) Start(string disk, string[] command)
    {
        // The mount point is $0, the command the rest: no word of them is read by the shell.
        using var child = Process.Start(new ProcessStartInfo("unshare",
            ["--user", "--map-root-user", "--mount", "sh", "-c", "mount -t tmpfs -o size=4m tmpfs \"$0\" && exec \"$@\"", disk, .. command])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var stderr = child.StandardError.ReadToEndAsync();
        var stdout = child.StandardOutput.ReadToEnd();
        Assert.True(child.WaitForExit(TimeSpan.FromMinutes(2)), "the child stops");
        return (child.ExitCode, stdout, stderr.Result);
    }
}
