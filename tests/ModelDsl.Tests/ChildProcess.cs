using ModelDsl.Catalog;
using ModelDsl.Cli;
using static ModelDslTests.TestNodes;

// Not under namespace ModelDsl: its [Fact] (a fact-table attribute) would hide xunit's.
namespace ModelDslTests;

/// <summary>
/// The test assembly's own entry point, so a test can run a real build in another process:
/// <c>dotnet exec ModelDsl.Tests.dll build-slowly DB TARGET</c> builds a model that takes minutes, holding the file's lock.
/// </summary>
public static class ChildProcess
{
    public static ModelCatalog SlowCatalog { get; } = Catalog(
        Model("quick", "select 1 as x"),
        Model("slow", "select sum(a.range * b.range) as s from range(10000000) a, range(10000000) b", dependsOn: "quick"));

    public static int Main(string[] args) => args is ["build-slowly", var db, var target]
        ? ModelCli.Run(["build", "--db", db, "--threads", "1", "--target-dir", target], SlowCatalog, new ProjectOptions())
        : 2;
}
