using System.Globalization;

namespace EventStream.Benchmarks;

/// <summary>One scenario of the harness: it prepares its data, measures, and adds its figures to the report.</summary>
public interface IScenario
{
    string Name { get; }

    void Run(Harness harness);
}

/// <summary>
/// A harness run's settings and scratch space. <see cref="Quick"/> uses small scales and few runs (under a minute);
/// databases live in a temporary folder deleted at the end, and the CLI runs with it as its working directory (its
/// <c>target/</c> artifacts land there too).
/// </summary>
public sealed class Harness(bool quick, int runs, Report report) : IDisposable
{
    private int _copies;

    public bool Quick { get; } = quick;

    /// <summary>Timed runs per measurement (after one untimed warm-up).</summary>
    public int Runs { get; } = runs;

    public Report Report { get; } = report;

    public string Folder { get; } = Directory.CreateTempSubdirectory("eventstream-bench-").FullName;

    /// <summary>Runs the project's CLI in the scratch folder.</summary>
    public CliRun Cli(params string[] arguments) => Benchmarks.Cli.Run(Folder, arguments);

    /// <summary>Seconds from start to exit of the CLI with <paramref name="arguments"/>.</summary>
    public double Seconds(params string[] arguments) => Cli(arguments).Elapsed.TotalSeconds;

    public string PathOf(string name) => Path.Combine(Folder, name);

    /// <summary>
    /// A fresh copy of <paramref name="template"/> (with its write-ahead log) named <paramref name="name"/> (else a new
    /// name), or only a new path when the template is null.
    /// </summary>
    public string Copy(string? template, string? name = null)
    {
        var copy = PathOf(name ?? $"run-{Interlocked.Increment(ref _copies)}.duckdb");
        if (template is not null)
        {
            File.Copy(template, copy);
            if (File.Exists(template + ".wal"))
                File.Copy(template + ".wal", copy + ".wal");
        }
        return copy;
    }

    /// <summary>Deletes a database made by <see cref="Copy"/>, so a long run does not fill the disk.</summary>
    public static void Delete(string database)
    {
        File.Delete(database);
        File.Delete(database + ".wal");
    }

    public static string Text(double value) => value.ToString(CultureInfo.InvariantCulture);

    public void Dispose() => Directory.Delete(Folder, recursive: true);
}
