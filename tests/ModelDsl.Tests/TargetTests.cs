using ModelDsl.Catalog;
using ModelDsl.Cli;
using static ModelDslTests.TestNodes;

namespace ModelDslTests;

/// <summary><c>--target</c>: a named target of the settings file picks the engine and database; its password comes from the environment.</summary>
public sealed class TargetTests : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly string _passwordVariable = $"EVENTSTREAM_TEST_PASSWORD_{Guid.NewGuid():N}";

    private static readonly ModelCatalog Catalog = TestNodes.Catalog(
        Model("stg_users", "select * from (values (1, 'ada'), (2, 'alan')) t(id, name)", Materialization.View),
        Model("dim_users", "select id, upper(name) as name from staging.stg_users", Materialization.Table, "analytics", "stg_users"));

    public void Dispose()
    {
        Environment.SetEnvironmentVariable(_passwordVariable, null);
        _folder.Dispose();
    }

    // A settings file with a DuckDB target and a PostgreSQL target on a fresh database of the test server.
    private string Settings(string? password = null)
    {
        using var database = TestEngine.Postgres.Open();
        var name = database.Scalar<string>("select current_database()");
        var server = PostgresTestServer.Settings;
        Environment.SetEnvironmentVariable(_passwordVariable, password ?? server.Password);
        var file = _folder.File("eventstream.json");
        File.WriteAllText(file, $$"""
            {
              "targets": {
                "dev": { "type": "duckdb", "path": "{{_folder.File("dev.duckdb")}}" },
                "pg": { "type": "postgres", "host": "{{server.Host}}", "port": {{server.Port}}, "database": "{{name}}",
                        "username": "{{server.Username}}", "password_env": "{{_passwordVariable}}" }
              }
            }
            """);
        return file;
    }

    private (int Code, string Out, string Err) Cli(string settings, params string[] args)
    {
        var (stdout, stderr) = (new StringWriter(), new StringWriter());
        var code = ModelCli.Run(args, Catalog, TestProject.Options(settings), stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    [Theory]
    [InlineData("pg")]
    [InlineData("dev")]
    public void Build_and_show_run_on_the_targets_engine(string target)
    {
        var settings = Settings();
        var targetDir = _folder.File("target");

        var build = Cli(settings, "build", "--target", target, "--target-dir", targetDir, "--threads", "2");
        var show = Cli(settings, "show", "analytics.dim_users", "--target", target);

        Assert.True(build.Code == 0, build.Out + build.Err);
        Assert.Contains("OK created table analytics.dim_users", build.Out);
        Assert.Equal(0, show.Code);
        Assert.Contains("ALAN", show.Out);
        Assert.DoesNotContain(PostgresTestServer.Settings.Password!, File.ReadAllText(Path.Combine(targetDir, "run_results.json")));
    }

    [Fact]
    public void A_wrong_password_is_one_line_exit_2_and_never_printed()
    {
        var settings = Settings(password: "wrong-secret-1234");

        var (code, output, error) = Cli(settings, "build", "--target", "pg");

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Matches(@"^error: cannot connect to postgres://postgres@127\.0\.0\.1:\d+/test_\w+: password authentication failed for user 'postgres'\n$",
            error.ReplaceLineEndings("\n"));
        Assert.DoesNotContain("1234", output + error);
    }

    [Theory]
    [InlineData(new[] { "--target", "prod" }, "unknown target 'prod' in '{file}' (its targets: dev, pg)")]
    [InlineData(new[] { "--target", "pg", "--db", "x.duckdb" }, "--db and --target cannot be combined: a target names its database")]
    public void A_bad_target_is_one_line_exit_2(string[] args, string message)
    {
        var settings = Settings();

        var (code, _, error) = Cli(settings, ["build", .. args]);

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Equal($"error: {message.Replace("{file}", settings)}", error.Trim());
    }

    [Fact]
    public void An_empty_build_needs_a_scratch_database_which_postgres_does_not_make()
    {
        var settings = Settings();

        var (code, _, error) = Cli(settings, "build", "--target", "pg", "--empty");

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.StartsWith("error: --empty builds in a scratch database, which the PostgreSQL engine does not create (postgres://", error.Trim());
    }

    [Theory]
    [InlineData("--memory-limit", "1GB")]
    [InlineData("--engine-threads", "2")]
    [InlineData("--temp-directory", "/tmp")]
    public void Postgres_refuses_the_engine_settings_in_one_line_and_builds_nothing(string option, string value)
    {
        var settings = Settings();

        var (code, _, error) = Cli(settings, "build", "--target", "pg", "--target-dir", _folder.File("target"), option, value);

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Matches(@"^error: the postgres engine takes no memory limit, engine threads or temporary directory \(postgres://[^\n]+\)\n$",
            error.ReplaceLineEndings("\n"));
        Assert.Equal(ExitCodes.BadInput, Cli(settings, "show", "analytics.dim_users", "--target", "pg").Code);
    }

    [Fact]
    public void A_postgres_target_with_engine_settings_is_refused_in_one_line()
    {
        var settings = Settings();
        File.WriteAllText(settings, File.ReadAllText(settings).Replace("\"password_env\"", "\"threads\": 2, \"password_env\""));

        var (code, _, error) = Cli(settings, "build", "--target", "pg", "--target-dir", _folder.File("target"));

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.StartsWith("error: the postgres engine takes no memory limit, engine threads or temporary directory (postgres://", error);
        Assert.Single(error.Trim().Split('\n'));
    }

    [Fact]
    public void A_password_variable_that_is_not_set_is_named()
    {
        var settings = Settings();
        Environment.SetEnvironmentVariable(_passwordVariable, null);

        var (code, _, error) = Cli(settings, "build", "--target", "pg");

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Equal($"error: target 'pg' reads \"password_env\" from the environment variable {_passwordVariable}, which is not set", error.Trim());
    }

    [Fact]
    public void Without_a_settings_file_a_target_is_refused()
    {
        var (code, _, error) = Cli(_folder.File("missing.json"), "show", "analytics.dim_users", "--target", "pg");

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.StartsWith($"error: --target 'pg': there is no settings file '{_folder.File("missing.json")}'", error.Trim());
    }
}
