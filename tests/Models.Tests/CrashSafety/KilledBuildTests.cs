using System.Diagnostics;
using Xunit.Abstractions;
using EventStream.Ingestion;
using ModelDsl.Catalog;
using ModelDsl.Runtime;

namespace EventStream.Models.Tests.CrashSafety;

/// <summary>
/// Kills a real <c>build</c> process (the Models executable) at spread-out moments and checks that the database
/// opens, every built relation equals either its state before the build or after an uninterrupted one, and a
/// re-run converges to the uninterrupted result.
/// </summary>
public sealed class KilledBuildTests(ITestOutputHelper log) : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("killed-build-").FullName;

    private static IReadOnlyList<Node> Built => EventStreamProject.Catalog.Nodes
        .Where(n => n.Materialization is not (Materialization.External or Materialization.Ephemeral)).ToList();

    [Fact]
    public void A_build_killed_at_any_point_leaves_each_relation_before_or_after_and_a_rerun_converges()
    {
        // Two days built, a third ingested: the build under test adds day 3 everywhere.
        var basePath = Path.Combine(_folder, "base.duckdb");
        new Ingestor(new StringWriter()).Run(new IngestOptions(basePath, 2, 11, 0.3));
        Assert.Equal(0, Build(basePath));
        new Ingestor(new StringWriter()).Run(new IngestOptions(basePath, 1, 11, 0.3));
        var before = Fingerprints(basePath);

        var referencePath = Copy(basePath, "reference");
        Assert.Equal(0, Build(referencePath));
        var after = Fingerprints(referencePath);
        // The build changes every relation but the seed, so "before or after" is a real check.
        Assert.All(Built.Where(n => n.Kind == NodeKind.Model), n => Assert.NotEqual(before[n.Relation], after[n.Relation]));

        var random = new Random(4);
        var outcomes = new List<string>();
        for (var attempt = 0; attempt < 10; attempt++)
        {
            var path = Copy(basePath, $"killed{attempt}");
            // The child needs ~0.2 s to start and ~0.5 s to build: most kills land inside the build.
            var delay = TimeSpan.FromMilliseconds(120 + attempt * 60 + random.Next(60));
            outcomes.Add(RunAndKill(path, delay) ? "killed" : "finished");

            var state = Fingerprints(path);
            log.WriteLine($"{delay.TotalMilliseconds} ms: {outcomes[^1]}, {Built.Count(n => state[n.Relation] == after[n.Relation])} of {Built.Count} relations in their after state");
            foreach (var node in Built)
                Assert.True(state[node.Relation] == before[node.Relation] || state[node.Relation] == after[node.Relation],
                    $"{node.Relation} after a kill at {delay.TotalMilliseconds} ms is neither its before nor its after state");

            Assert.Equal(0, Build(path));
            Assert.Equal(after, Fingerprints(path));
        }
        Assert.True(outcomes.Count(o => o == "killed") >= 5, string.Join(", ", outcomes));
    }

    private static int Build(string path) => EventStreamProject.Run(["build", "--db", path], new StringWriter(), new StringWriter());

    /// <summary>Starts <c>build</c> in a child process and kills it after <paramref name="delay"/>; false if it finished first.</summary>
    private static bool RunAndKill(string path, TimeSpan delay)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { Path.Combine(AppContext.BaseDirectory, "EventStream.Models.dll"), "build", "--db", path },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (process.WaitForExit(delay))
            return false;
        process.Kill(entireProcessTree: true);
        process.WaitForExit();
        return true;
    }

    private string Copy(string path, string name)
    {
        var copy = Path.Combine(_folder, name + ".duckdb");
        File.Copy(path, copy);
        return copy;
    }

    /// <summary>Row count and an order-independent hash of every built relation (missing: "none").</summary>
    private static Dictionary<string, string> Fingerprints(string path)
    {
        using var warehouse = DuckDbWarehouse.Open(path);
        return Built.ToDictionary(n => n.Relation, n => warehouse.FindRelation(n.Schema, n.Name) == RelationType.None
            ? "none"
            : warehouse.Scalar<string>(
                $"select count(*) || ' ' || coalesce(md5(string_agg(cast(t as varchar), '|' order by cast(t as varchar))), '') from {n.QuotedRelation} t")!);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
