using ModelDsl.Catalog;
using ModelDsl.Cli;
using ModelDsl.Runtime;
using static ModelDslTests.TestNodes;

// Not under namespace ModelDsl: its [Fact] (a fact-table attribute) would hide xunit's.
namespace ModelDslTests;

/// <summary>What a dbt user expects of the verbs: <c>ls</c>/<c>list</c> with dependencies, <c>--resource-type</c>,
/// <c>seed</c> and <c>snapshot</c>.</summary>
public sealed class DbtVerbTests : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly ModelCatalog _catalog;

    public DbtVerbTests()
    {
        File.WriteAllText(_folder.File("codes.csv"), "code\nNL\nBE\n");
        var codes = new Node("codes", "raw", NodeKind.Seed, Layer.Seed, Materialization.Seed, "", [], [new Column("code", "VARCHAR", false, [], null)],
            new NodeConfig([], Seed: new SeedConfig(_folder.File("codes.csv"))), null, "Seeds.Codes", "Seeds/Codes.cs", 3);
        _catalog = Catalog(
            codes,
            Model("users", "select 1 as id, 'NL' as code, TIMESTAMP '2024-01-01' as updated_at") with
            {
                Columns =
                [
                    new Column("id", "INTEGER", false, [new ColumnTest("not_null", [], Severity.Error)], null),
                    new Column("code", "VARCHAR", false, [], null),
                    new Column("updated_at", "TIMESTAMP", false, [], null),
                ],
            },
            Snapshot("users_history", """select * from "staging"."users" """,
                new Scd2Config("id", "updated_at", Scd2Strategy.Timestamp, [], HardDeletes.Ignore, "9999-12-31 00:00:00"), "users"),
            Model("users_with_codes", """select u.id from "staging"."users" u join "raw"."codes" c using (code)""", dependsOn: ["users", "codes"]),
            Model("wide", "select DATE '2024-01-02' as day, TIMESTAMP '2024-01-02 10:30:00' as at, true as flag, repeat('x', 120) as long_text, 'a,b' as pair"));
    }

    public void Dispose() => _folder.Dispose();

    private string Db => _folder.File("verbs.duckdb");

    private (int Code, string Out, string Err) Cli(params string[] args)
    {
        if (args[0] is "build" or "run" or "seed" or "snapshot")
            args = [.. args, "--db", Db, "--target-dir", _folder.File("target"), "--as-of", "2024-01-02"];
        var (stdout, stderr) = (new StringWriter(), new StringWriter());
        var code = ModelCli.Run(args, _catalog, TestProject.Options(), stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    private string[] Tables()
    {
        using var warehouse = DuckDbWarehouse.Open(Db, readOnly: true);
        return warehouse.Relations().Where(r => !r.StartsWith("_modeldsl.", StringComparison.Ordinal)).ToArray();
    }

    [Fact]
    public void Ls_shows_each_nodes_direct_dependencies_and_list_is_the_same()
    {
        var (code, output, _) = Cli("ls");

        Assert.Equal(0, code);
        Assert.Equal(
        [
            "seed raw.codes (seed)",
            "model staging.users (table)",
            "test not_null_users_id (not_null on staging.users.id) <- users",
            "snapshot snapshots.users_history (snapshot) <- users",
            "model staging.users_with_codes (table) <- users, codes",
            "model staging.wide (table)",
        ], output.TrimEnd().Split('\n'));
        Assert.Equal(output, Cli("list").Out);
    }

    [Fact]
    public void Resource_type_keeps_only_those_nodes_of_the_selection()
    {
        Assert.Equal("snapshot snapshots.users_history (snapshot) <- users\n", Cli("ls", "--resource-type", "snapshot").Out);
        Assert.Equal("seed raw.codes (seed)\nmodel staging.users (table)\n", Cli("ls", "-s", "+users", "codes", "--resource-type", "model", "--resource-type", "seed").Out);

        Assert.Equal(0, Cli("seed").Code);
        var (code, output, error) = Cli("build", "--resource-type", "model");

        Assert.True(code == 0, output + error);
        Assert.Contains("Done in", output);
        Assert.Contains("3 OK, 0 PASS", output); // no test, no seed, no snapshot
        Assert.Equal(["raw.codes", "staging.users", "staging.users_with_codes", "staging.wide"], Tables());
    }

    [Fact]
    public void A_bad_resource_type_is_one_line_naming_the_choices()
    {
        var (code, _, error) = Cli("ls", "--resource-type", "modle");

        Assert.Equal(2, code);
        Assert.Equal("error: --resource-type must be one of model, seed, snapshot, source, test, analysis, not 'modle'\n", error);
    }

    [Fact]
    public void Show_writes_iso_dates_lowercase_booleans_and_whole_rows_outside_a_terminal_or_csv_or_json()
    {
        Assert.Equal(0, Cli("run", "-s", "wide").Code);

        var table = Cli("show", "wide", "--db", Db).Out.Split('\n');
        var row = Assert.Single(table, l => l.Contains("2024-01-02"));
        Assert.Matches(@"^│ 2024-01-02 │ 2024-01-02 10:30:00 │ true │ x{120} │ a,b  │$", row);

        Assert.Equal("day,at,flag,long_text,pair\r\n2024-01-02,2024-01-02 10:30:00,true," + new string('x', 120) + ",\"a,b\"\r\n",
            Cli("show", "wide", "--db", Db, "--output", "csv").Out);
        var json = System.Text.Json.JsonDocument.Parse(Cli("show", "wide", "--db", Db, "-o", "json").Out).RootElement.EnumerateArray().Single();
        Assert.Equal("2024-01-02T10:30:00", json.GetProperty("at").GetString());
        Assert.True(json.GetProperty("flag").GetBoolean());
    }

    [Fact]
    public void Show_of_a_test_shows_its_stored_failures_or_says_how_to_keep_them()
    {
        Assert.Equal(0, Cli("run", "-s", "users").Code);

        CliTests.AssertOneLineError(Cli("show", "not_null_users_id", "--db", Db),
            "not_null_users_id is a test: `test -s not_null_users_id --store-failures` keeps its failing rows in audit.not_null_users_id");

        var tested = Cli("test", "-s", "not_null_users_id", "--store-failures", "--db", Db, "--target-dir", _folder.File("target"));
        Assert.Equal(0, tested.Code);
        Assert.Equal("[]\n", Cli("show", "not_null_users_id", "--db", Db, "-o", "json").Out);
    }

    [Fact]
    public void Compile_writes_only_what_it_selects_and_no_file_of_a_deleted_model_lingers()
    {
        var compiled = Path.Combine(_folder.File("target"), "compiled");
        Directory.CreateDirectory(Path.Combine(compiled, "gone"));
        File.WriteAllText(Path.Combine(compiled, "gone", "deleted_model.sql"), "select 1");
        Directory.CreateDirectory(Path.Combine(compiled, "staging"));
        File.WriteAllText(Path.Combine(compiled, "staging", "renamed_model.sql"), "select 1");
        File.WriteAllText(Path.Combine(compiled, "staging", "notes.txt"), "not ours");

        Assert.Equal(0, Cli("compile", "-s", "users_with_codes", "--target-dir", _folder.File("target")).Code);

        Assert.Equal(["staging/notes.txt", "staging/users_with_codes.sql"],
            Directory.EnumerateFiles(compiled, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(compiled, f).Replace('\\', '/')).Order());
        Assert.False(Directory.Exists(Path.Combine(compiled, "gone")));
    }

    [Fact]
    public void Seed_and_snapshot_build_only_their_resource_type_of_the_selection()
    {
        var seeded = Cli("seed");
        Assert.True(seeded.Code == 0, seeded.Out + seeded.Err);
        Assert.Equal(["raw.codes"], Tables());

        Assert.Equal(0, Cli("run", "-s", "users").Code);
        var snapshotted = Cli("snapshot", "-s", "users+");

        Assert.True(snapshotted.Code == 0, snapshotted.Out + snapshotted.Err);
        Assert.Contains("1 of 1 OK snapshotted snapshots.users_history", snapshotted.Out);
        Assert.Equal(["raw.codes", "snapshots.users_history", "staging.users"], Tables());
        // The verbs run no tests, and a selection without one of their nodes builds nothing.
        Assert.Contains("0 OK, 0 PASS, 0 WARN, 0 FAIL, 0 ERROR, 0 SKIP, 0 total", Cli("seed", "-s", "users").Out);
    }
}
