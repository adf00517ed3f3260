using System.Diagnostics;
using ModelDsl.Cli;
using ModelDsl.Runtime;

// Not under namespace ModelDsl: its [Fact] (a fact-table attribute) would hide xunit's.
namespace ModelDslTests;

public sealed class LockTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void A_second_build_on_a_database_another_process_is_building_fails_at_once_with_exit_2()
    {
        var db = _folder.File("busy.duckdb");
        using var child = ChildProcess.BuildSlowly(db, _folder.File("child-target"));
        try
        {
            // JIT the CLI first, so the second measures the lock check and not a cold start on a busy CI machine.
            ModelCli.Run(["build", "--help"], ChildProcess.SlowCatalog, TestProject.Options(), new StringWriter(), new StringWriter());
            var stdout = new StringWriter();
            var stderr = new StringWriter();
            var watch = Stopwatch.StartNew();
            var code = ModelCli.Run(["build", "--db", db, "--target-dir", _folder.File("target")], ChildProcess.SlowCatalog, TestProject.Options(), stdout, stderr);

            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(1), $"took {watch.Elapsed}");
            Assert.Equal(2, code);
            var error = Assert.Single(stderr.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
            Assert.StartsWith($"error: database '{db}' is in use by another process", error);
            Assert.Equal("", stdout.ToString());
            Assert.False(Directory.Exists(_folder.File("target")), "nothing is written");
            Assert.False(child.HasExited, "the first build goes on");
        }
        finally
        {
            child.Kill(entireProcessTree: true);
            child.WaitForExit();
        }
    }
}
