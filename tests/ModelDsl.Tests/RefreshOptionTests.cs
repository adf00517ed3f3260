using ModelDsl.Catalog;
using ModelDsl.Cli;
using ModelDsl.Runtime;
using static ModelDslTests.TestNodes;

namespace ModelDslTests;

/// <summary><c>--full-refresh</c>, <c>--wipe-snapshot-history</c>, <c>--from</c>/<c>--to</c> on <c>build</c>: parsed, checked, passed on.</summary>
public sealed class RefreshOptionTests : IDisposable
{
    private readonly TempFolder _folder = new();

    private static readonly ModelCatalog Catalog = TestNodes.Catalog(
        Model("events", "select DATE '2024-03-01' + cast(i as integer) as day, i from range(5) t(i)"),
        Incremental("daily", """select day, i from (select * from "staging"."events" where "day" >= getvariable('partition_start') and "day" < getvariable('partition_end'))""",
            new IncrementalConfig(Grain.Day, "day", null, 0, OnSchemaChange.Fail, ["events"]), "events"),
        Snapshot("events_history", """select i, day from "staging"."events" """, new Scd2Config("i", null, Scd2Strategy.Check, [], HardDeletes.Ignore, "9999-12-31 00:00:00"), "events"));

    private string Db => _folder.File("test.duckdb");

    public void Dispose() => _folder.Dispose();

    private static (int Code, string Out, string Err) Cli(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = ModelCli.Run(args, Catalog, TestProject.Options(), stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    [Theory]
    [InlineData("--from 2024-03-05 --to 2024-03-01", "error: --from 2024-03-05 is after --to 2024-03-01")]
    [InlineData("--full-refresh --from 2024-03-01", "error: --full-refresh rebuilds every day; it cannot be combined with --from/--to")]
    [InlineData("--from 03/01/2024", "error: --from must be a date like 2024-03-15, from 0001-01-02 to 9999-12-30, not '03/01/2024'")]
    public void Bad_refresh_options_are_one_line_errors_and_write_nothing(string options, string expected)
    {
        var (code, _, err) = Cli(["build", "--db", Db, .. options.Split(' ')]);

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Equal(expected, err.Trim());
        Assert.False(File.Exists(Db));
    }

    [Fact]
    public void The_options_reach_the_build()
    {
        var first = Cli("build", "--db", Db, "--as-of", "2024-03-05T12:00:00Z");
        Assert.True(first.Code == 0, first.Out);

        Assert.Contains("processed 2 day(s) analytics.daily", Cli("build", "--db", Db, "--as-of", "2024-03-05T12:00:00Z", "--from", "2024-03-02", "--to", "2024-03-03").Out);
        Assert.Contains("rebuilt incremental (full refresh) analytics.daily", Cli("build", "--db", Db, "--as-of", "2024-03-05T12:00:00Z", "--full-refresh").Out);
        var wipe = Cli("build", "--db", Db, "--as-of", "2024-03-05T12:00:00Z", "--wipe-snapshot-history");
        Assert.Contains("WARNING: --wipe-snapshot-history: dropping the whole history of snapshot snapshots.events_history", wipe.Out);
        Assert.Contains("rebuilt snapshot, history wiped snapshots.events_history", wipe.Out);
        using var warehouse = DuckDbWarehouse.Open(Db);
        Assert.Equal(5, warehouse.Scalar<long>("select count(*) from analytics.daily"));
    }
}
