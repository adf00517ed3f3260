using System.Text.Json;
using ModelDsl.Catalog;
using ModelDsl.Cli;
using ModelDsl.Runtime;
using static ModelDslTests.TestNodes;

// Not under namespace ModelDsl: its [Fact] (a fact-table attribute) would hide xunit's.
namespace ModelDslTests;

public sealed class CliTests : IDisposable
{
    private readonly TempFolder _folder = new();

    private static readonly ModelCatalog Catalog = TestNodes.Catalog(
        Source("raw_users"),
        Model("stg_users", "select 1 as user_id, 'ada' as name union all select 2, 'bob'", Materialization.View),
        Model("dim_users", """select user_id, name, CAST(getvariable('run_time') AS TIMESTAMP) as loaded_at from "staging"."stg_users" """,
            Materialization.Table, "marts", "stg_users"),
        Model("broken", "select cast('x' as integer) as n"));

    private string Db => _folder.File("test.duckdb");

    public void Dispose() => _folder.Dispose();

    private (int Code, string Out, string Err) Cli(params string[] args) => Cli(TestProject.Options(), args);

    private string Target => _folder.File("target");

    // Artifacts go to the test's own folder, not to a target/ shared by tests running in parallel.
    private (int Code, string Out, string Err) Cli(ProjectOptions project, params string[] args)
    {
        if (args.Length > 0 && args[0] is "build" or "run" or "test" or "compile" && !args.Contains("--target-dir"))
            args = [.. args, "--target-dir", Target];
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = ModelCli.Run(args, Catalog, project, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    internal static void AssertOneLineError((int Code, string Out, string Err) result, string expected)
    {
        Assert.Equal(2, result.Code);
        Assert.Single(result.Err.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains(expected, result.Err);
    }

    [Fact]
    public void Build_creates_the_selection_with_the_given_run_time()
    {
        var (code, output, _) = Cli("build", "--db", Db, "--select", "stg_users", "dim_users", "--as-of", "2024-03-15T12:30:00Z");

        Assert.Equal(0, code);
        Assert.Contains("1 of 2 OK created view staging.stg_users", output);
        Assert.Contains("2 of 2 OK created table marts.dim_users [2 rows in ", output);
        using var warehouse = DuckDbWarehouse.Open(Db);
        Assert.Equal(new DateTime(2024, 3, 15, 12, 30, 0), warehouse.Scalar<DateTime>("select max(loaded_at) from marts.dim_users"));
    }

    [Fact]
    public void Run_is_build_and_a_failing_model_exits_1()
    {
        var (code, output, _) = Cli("run", "--db", Db, "--exclude", "stg_users", "dim_users");

        Assert.Equal(1, code);
        Assert.Contains("1 of 1 ERROR staging.broken", output);
        Assert.Contains("ERROR staging.broken (Models/broken.cs:7) failed: Conversion Error", output);
    }

    [Theory]
    [InlineData("2024-03-15", "2024-03-15 00:00:00")]
    [InlineData("2024-03-15T08:30Z", "2024-03-15 08:30:00")]
    [InlineData("2024-03-15T08:30:15", "2024-03-15 08:30:15")]
    [InlineData("2024-03-15T10:30:15.25+02:00", "2024-03-15 08:30:15.25")]
    [InlineData("2024-03-15 08:30:15", "2024-03-15 08:30:15")]
    public void As_of_accepts_iso_timestamps_as_utc(string asOf, string expected)
    {
        Assert.Equal(0, Cli("build", "--db", Db, "--select", "stg_users", "dim_users", "--as-of", asOf).Code);

        using var warehouse = DuckDbWarehouse.Open(Db);
        Assert.Equal(DateTime.Parse(expected), warehouse.Scalar<DateTime>("select max(loaded_at) from marts.dim_users"));
    }

    [Fact]
    public void The_project_default_run_time_applies_when_as_of_is_not_given()
    {
        var project = TestProject.Options() with { DefaultRunTime = _ => new DateTime(2023, 1, 2, 0, 0, 0, DateTimeKind.Utc) };

        Assert.Equal(0, Cli(project, "build", "--db", Db, "--select", "stg_users", "dim_users").Code);

        using var warehouse = DuckDbWarehouse.Open(Db);
        Assert.Equal(new DateTime(2023, 1, 2), warehouse.Scalar<DateTime>("select max(loaded_at) from marts.dim_users"));
    }

    [Fact]
    public void Ls_json_lists_nodes_with_their_metadata()
    {
        var (code, output, _) = Cli("ls", "--output", "json");

        Assert.Equal(0, code);
        var nodes = JsonDocument.Parse(output).RootElement.EnumerateArray().ToList();
        Assert.Equal(["raw_users", "stg_users", "dim_users", "broken"], nodes.Select(n => n.GetProperty("name").GetString()));
        var dim = nodes[2];
        Assert.Equal("marts.dim_users", dim.GetProperty("relation").GetString());
        Assert.Equal("model", dim.GetProperty("resource_type").GetString());
        Assert.Equal("table", dim.GetProperty("materialization").GetString());
        Assert.Equal(["stg_users"], dim.GetProperty("depends_on").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("Models/dim_users.cs", dim.GetProperty("file").GetString());
        Assert.Equal(7, dim.GetProperty("line").GetInt32());
        Assert.Equal("The dim_users model.", dim.GetProperty("description").GetString());
        var column = nodes[0].GetProperty("columns")[0];
        Assert.Equal("id", column.GetProperty("name").GetString());
        Assert.Equal("INTEGER", column.GetProperty("type").GetString());
        Assert.Equal("source", nodes[0].GetProperty("resource_type").GetString());
    }

    [Fact]
    public void Ls_text_lists_the_selection()
    {
        var (code, output, _) = Cli("ls", "--select", "stg_users");

        Assert.Equal(0, code);
        Assert.Equal("model staging.stg_users (view)", output.Trim());
    }

    [Fact]
    public void An_at_word_is_a_selector_never_a_response_file()
    {
        var (code, output, _) = Cli("ls", "-s", "@dim_users");

        Assert.Equal(0, code);
        Assert.Equal(["model staging.stg_users (view)", "model marts.dim_users (table) <- stg_users"], output.Trim().Split(Environment.NewLine));

        // A file named like the selector is not read as arguments: it would turn into options.
        var file = _folder.File("opts");
        File.WriteAllText(file, "stg_users");
        AssertOneLineError(Cli("ls", "-s", "@" + file), $"unknown node '{file}' in '@{file}' of --select");
    }

    [Fact]
    public void Compile_prints_sql_with_a_header_and_needs_no_database()
    {
        var (code, output, _) = Cli("compile", "--select", "dim_users", "--db-is-not-an-option-here");
        Assert.Equal(2, code);

        (code, output, _) = Cli("compile", "--select", "dim_users");

        Assert.Equal(0, code);
        Assert.StartsWith("-- marts.dim_users (Models/dim_users.cs:7)\nselect user_id, name", output.ReplaceLineEndings("\n"));
        Assert.False(File.Exists(Db));
    }

    [Fact]
    public void An_artifact_is_never_written_outside_the_target_folder()
    {
        var escaping = TestNodes.Catalog(Model("../../../escaped_model", "select 1 as x"));
        var stderr = new StringWriter();

        var code = ModelCli.Run(["compile", "--target-dir", Target], escaping, TestProject.Options(), new StringWriter(), stderr);

        Assert.Equal(1, code);
        Assert.Contains("the artifact 'compiled/staging/../../../escaped_model.sql' would be written outside the target folder", Assert.Single(stderr.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries)));
        Assert.False(File.Exists(_folder.File("escaped_model.sql")));
        Assert.False(Directory.Exists(Target), "nothing is written");
    }

    [Fact]
    public void Show_previews_a_built_relation()
    {
        Assert.Equal(0, Cli("build", "--db", Db, "--select", "stg_users").Code);

        var (code, output, _) = Cli("show", "stg_users", "--db", Db, "--limit", "1");

        Assert.Equal(0, code);
        Assert.Contains("user_id", output);
        Assert.Contains("ada", output);
        Assert.DoesNotContain("bob", output);
    }

    [Fact]
    public void Show_refuses_unknown_and_unbuilt_nodes()
    {
        Assert.Equal(0, Cli("build", "--db", Db, "--select", "stg_users").Code);

        AssertOneLineError(Cli("show", "stg_user", "--db", Db), "unknown node 'stg_user' in show; did you mean stg_users?");
        AssertOneLineError(Cli("show", "dim_users", "--db", Db), "marts.dim_users is not built");
        AssertOneLineError(Cli("show", "stg_users", "--db", _folder.File("missing.duckdb")), "does not exist");
        Assert.False(File.Exists(_folder.File("missing.duckdb")));
    }

    [Theory]
    [InlineData("unknown option '--frobnicate'", "build --frobnicate --db {db}")]
    [InlineData("unknown option '--bogus'", "build -s stg_users --bogus --db {db}")]
    [InlineData("--quiet takes no value, not 'abc'", "build --quiet abc --db {db}")]
    [InlineData("unknown command 'frobnicate' (expected one of: build, run, test, seed, snapshot, compile, ls, show, analysis, source, docs)", "frobnicate")]
    [InlineData("no command given (expected one of: build, run, test, seed, snapshot, compile, ls, show, analysis, source, docs)", "")]
    [InlineData("unknown command 'source bogus' (expected one of: source freshness)", "source bogus")]
    [InlineData("no command given (expected one of: source freshness)", "source")]
    [InlineData("unknown command 'analysis lst' (expected one of: analysis run, analysis ls)", "analysis lst")]
    [InlineData("--as-of must be an ISO timestamp from 0001-01-02 to 9999-12-30 (e.g. 2024-03-15T00:00:00Z), not '03/04/2024'", "build --as-of 03/04/2024 --db {db}")]
    [InlineData("--limit must be a whole number from 1 to 2147483647, not '0'", "show stg_users --limit 0 --db {db}")]
    [InlineData("--limit must be a whole number from 1 to 2147483647, not 'abc'", "show stg_users -n abc --db {db}")]
    [InlineData("--limit must be a whole number from 1 to 2147483647, not '99999999999'", "show stg_users -n 99999999999 --db {db}")]
    [InlineData("--threads must be a whole number from 1 to 2147483647, not '99999999999'", "build --threads 99999999999 --db {db}")]
    [InlineData("--as-of must be an ISO timestamp from 0001-01-02 to 9999-12-30 (e.g. 2024-03-15T00:00:00Z), not 'yesterday'", "build --as-of yesterday --db {db}")]
    [InlineData("unknown node 'stg_user' in --select; did you mean stg_users?", "build --select stg_user --db {db}")]
    [InlineData("unknown node 'dim_user' in --exclude; did you mean dim_users?", "run --exclude dim_user --db {db}")]
    [InlineData("--output must be one of text, json, not 'xml'", "ls --output xml")]
    public void Bad_usage_is_one_line_on_stderr_and_exit_2(string expected, string commandLine)
    {
        var result = Cli(commandLine.Replace("{db}", Db).Split(' ', StringSplitOptions.RemoveEmptyEntries));

        AssertOneLineError(result, expected);
        Assert.False(File.Exists(Db), "bad input must not create the database");
    }

    [Fact]
    public void Empty_file_and_folder_names_are_usage_errors()
    {
        AssertOneLineError(Cli("build", "--db", ""), "--db must be a file name, not ''");
        AssertOneLineError(Cli("compile", "--target-dir", ""), "--target-dir must be a folder name, not ''");
        AssertOneLineError(Cli("show", "stg_users", "--db", " "), "--db must be a file name, not ' '");
    }

    [Fact]
    public void A_database_that_is_not_duckdb_is_refused_and_left_unchanged()
    {
        var path = _folder.File("notes.db");
        var bytes = "just some text, definitely not a database"u8.ToArray();
        File.WriteAllBytes(path, bytes);

        AssertOneLineError(Cli("build", "--db", path), $"'{path}' is not a DuckDB database file");

        Assert.Equal(bytes, File.ReadAllBytes(path));
    }

    [Fact]
    public void Help_works_on_every_verb()
    {
        foreach (var verb in new[] { "build", "run", "compile", "ls", "show", "analysis", "analysis run", "analysis ls" })
        {
            var (code, output, _) = Cli([.. verb.Split(' '), "--help"]);
            Assert.Equal(0, code);
            Assert.Contains("Usage:", output);
        }
        Assert.Contains("compile", Cli("--help").Out);
        // The default is said once, by the help itself.
        var help = string.Join(' ', Cli("build", "--help").Out.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains($"each on its own connection (by default half the cores, 1 to 4) [default: {CliOptions.DefaultThreads}]", help);
    }

    [Fact]
    public void A_project_verb_runs_builds_with_the_same_machinery()
    {
        var daily = new System.CommandLine.Command("daily", "Build everything as of a day");
        var db = CliOptions.Database(TestProject.Options());
        daily.Add(db);
        daily.SetAction(result => BuildCommandRunner.Run(
            Catalog, TestProject.Options(), result.GetValue(db)!, ["stg_users"], [], null, result.InvocationConfiguration.Output));

        var (code, output, _) = Cli(TestProject.Options() with { Commands = [daily] }, "daily", "--db", Db);

        Assert.Equal(0, code);
        Assert.Contains("1 of 1 OK created view staging.stg_users", output);
    }
}
