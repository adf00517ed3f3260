using System.Diagnostics;
using Xunit;

// Shared by the test projects (linked into Models.Tests). Not under namespace ModelDsl: its [Fact] would hide xunit's.
namespace ModelDslTests;

/// <summary>A fact that needs <see cref="SmallDisk"/>: skipped, saying why, where user namespaces are not allowed.</summary>
public sealed class SmallDiskFactAttribute : FactAttribute
{
    public SmallDiskFactAttribute()
    {
        if (SmallDisk.Unavailable is { } reason)
            Skip = reason;
    }
}

/// <summary>Runs a .NET program on a 4 MB tmpfs mounted at a folder for that process alone.</summary>
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

    /// <summary>Runs <paramref name="program"/> (a .dll) with its arguments, <c>{disk}</c> in them being the small disk's folder.</summary>
    public static (int ExitCode, string Stdout, string Stderr) Run(string disk, string program, params string[] args)
    {
        Directory.CreateDirectory(disk);
        return Start(disk, ["dotnet", "exec", program, .. args.Select(a => a.Replace("{disk}", disk))]);
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
