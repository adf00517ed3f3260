using System.Diagnostics;

namespace EventStream.Benchmarks;

/// <summary>What one run of the CLI took: wall time from process start to exit, and the peak resident memory.</summary>
public sealed record CliRun(TimeSpan Elapsed, long PeakRssBytes);

/// <summary>
/// The project's CLI (src/Models, built with this harness), run as a child process exactly as a user runs it, so a
/// timing is process start to exit.
/// </summary>
public static class Cli
{
    private static readonly string AppHost = Path.Combine(AppContext.BaseDirectory, "EventStream.Models");

    /// <summary>
    /// Runs the CLI with <paramref name="arguments"/> in <paramref name="workingDirectory"/>; a non-zero exit stops the
    /// harness with the CLI's output.
    /// </summary>
    public static CliRun Run(string workingDirectory, params string[] arguments)
    {
        var start = new ProcessStartInfo(AppHost)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"cannot start {AppHost}");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        long peak = 0;
        // The kernel keeps the high-water mark (VmHWM); the last read before the exit is the process's peak.
        while (!process.WaitForExit(10))
            peak = Math.Max(peak, PeakRss(process.Id));
        clock.Stop();
        if (process.ExitCode != 0)
            throw new InvalidOperationException(
                $"EventStream.Models {string.Join(' ', arguments)} exited with {process.ExitCode}:\n{output.Result}\n{error.Result}");
        return new CliRun(clock.Elapsed, peak);
    }

    private static long PeakRss(int pid)
    {
        try
        {
            var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
            return line is null ? 0 : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) * 1024;
        }
        catch (IOException)
        {
            return 0; // exited between two reads
        }
    }
}
