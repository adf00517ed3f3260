using System.Diagnostics;
using ModelDsl.Catalog;
using ModelDsl.Cli;
using ModelDsl.Runtime;
using static ModelDslTests.TestNodes;

// Not under namespace ModelDsl: its [Fact] (a fact-table attribute) would hide xunit's.
namespace ModelDslTests;

/// <summary>
/// The test assembly's own entry point, so a test can run a real build in another process:
/// <c>dotnet exec ModelDsl.Tests.dll build-slowly DB TARGET</c> builds a model that takes minutes, holding the file's lock;
/// <c>hold-read-only DB</c> keeps the file open read-only until its standard input closes; <c>fill-disk DB TARGET</c> builds
/// a model far larger than a small disk; <c>docs-serve TARGET PORT</c> runs <c>docs serve</c> until Ctrl-C.
/// </summary>
public static class ChildProcess
{
    public static ModelCatalog SlowCatalog { get; } = Catalog(
        Model("quick", "select 1 as x"),
        Model("slow", "select sum(a.range * b.range) as s from range(10000000) a, range(10000000) b", dependsOn: "quick"));

    /// <summary>This test assembly, to run as a program.</summary>
    public static string Program => typeof(ChildProcess).Assembly.Location;

    /// <summary>Tens of megabytes in <c>filler</c>, between a tiny model before it and two after it (one reads it).</summary>
    public static ModelCatalog DiskFillingCatalog { get; } = Catalog(
        Model("quick", "select 1 as x"),
        Model("filler", "select range as id, md5(range::varchar) as a, md5((range * 7)::varchar) as b from range(2000000)"),
        Model("later", "select 2 as y"),
        Model("child", "select count(*) as n from staging.filler", dependsOn: "filler"));

    /// <summary>Starts <c>build-slowly</c> and returns once the child is building the slow model (holding the file's lock
    /// from open to exit); its standard output and error are redirected.</summary>
    public static Process BuildSlowly(string db, string target)
    {
        var child = Process.Start(new ProcessStartInfo("dotnet", ["exec", typeof(ChildProcess).Assembly.Location, "build-slowly", db, target])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        string? line;
        while ((line = child.StandardOutput.ReadLine()) is not null && !line.Contains("START table staging.slow"))
        {
        }
        Assert.NotNull(line);
        return child;
    }

    public static int Main(string[] args)
    {
        switch (args)
        {
            case ["build-slowly", var db, var target]:
                return ModelCli.Run(["build", "--db", db, "--threads", "1", "--target-dir", target], SlowCatalog, TestProject.Options());
            case ["fill-disk", var db, var target]:
                return ModelCli.Run(["build", "--db", db, "--threads", "1", "--target-dir", target], DiskFillingCatalog, TestProject.Options());
            case ["docs-serve", var target, var port]:
                return ModelCli.Run(["docs", "serve", "--target-dir", target, "--port", port], SlowCatalog, TestProject.Options());
            case ["hold-read-only", var db]:
                // Holds DuckDB's shared lock until its input closes: only other read-only openers get in meanwhile.
                using (DuckDbWarehouse.Open(db, readOnly: true))
                {
                    Console.WriteLine("ready");
                    Console.In.ReadToEnd();
                }
                return 0;
            default:
                return 2;
        }
    }
}
