using DuckDB.NET.Data;
using ModelDsl.Catalog;
using ModelDsl.Cli;
using static ModelDslTests.TestNodes;

namespace ModelDslTests;

/// <summary>
/// <c>--memory-limit</c>, <c>--engine-threads</c>, <c>--temp-directory</c> and a target's <c>memory_limit</c>, <c>threads</c>,
/// <c>temp_directory</c>: DuckDB's own settings during the build, read back by a model; a build larger than its memory limit
/// spills to the temporary directory and finishes.
/// </summary>
public sealed class EngineSettingsTests : IDisposable
{
    private readonly TempFolder _folder = new();

    private static readonly ModelCatalog SettingsCatalog = TestNodes.Catalog(
        Model("engine_settings", """
            select current_setting('memory_limit') as memory_limit, current_setting('threads')::varchar as threads,
                   current_setting('temp_directory') as temp_directory
            """));

    // About 1.5 M rows of 32-character strings, sorted: some 100 MB of sort data, more than a 64 MB limit holds (the control below).
    private const string SortSql = "select i, md5(i::varchar) as h from range(1500000) t(i) order by h";

    private static readonly ModelCatalog SortCatalog = TestNodes.Catalog(Model("sorted", SortSql));

    public void Dispose() => _folder.Dispose();

    private string Db => _folder.File("test.duckdb");

    private (int Code, string Out, string Err) Cli(ModelCatalog catalog, string? settings, params string[] args)
    {
        var (stdout, stderr) = (new StringWriter(), new StringWriter());
        var code = ModelCli.Run([.. args, "--target-dir", _folder.File("target")], catalog, TestProject.Options(settings), stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    private string[] SettingsDuringBuild(string database)
    {
        using var connection = new DuckDBConnection($"Data Source={database}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "select memory_limit, threads, temp_directory from staging.engine_settings";
        using var reader = command.ExecuteReader();
        Assert.True(reader.Read());
        return [reader.GetString(0), reader.GetString(1), reader.GetString(2)];
    }

    [Fact]
    public void The_options_set_duckdbs_own_settings_for_the_build()
    {
        var spill = _folder.File("spill");

        var (code, _, err) = Cli(SettingsCatalog, null, "build", "--db", Db, "--memory-limit", "1GiB", "--engine-threads", "1", "--temp-directory", spill);

        Assert.True(code == 0, err);
        Assert.Equal(["1.0 GiB", "1", spill], SettingsDuringBuild(Db));
    }

    [Fact]
    public void A_targets_settings_apply_and_the_command_line_overrides_them()
    {
        var database = _folder.File("dev.duckdb");
        var settings = _folder.File("eventstream.json");
        File.WriteAllText(settings, $$"""
            { "targets": { "dev": { "type": "duckdb", "path": "{{database}}", "memory_limit": "512MiB", "threads": 1,
                                    "temp_directory": "{{_folder.File("spill")}}" } } }
            """);

        Assert.Equal(0, Cli(SettingsCatalog, settings, "build", "--target", "dev").Code);
        Assert.Equal(["512.0 MiB", "1", _folder.File("spill")], SettingsDuringBuild(database));

        Assert.Equal(0, Cli(SettingsCatalog, settings, "build", "--target", "dev", "--engine-threads", "2", "--memory-limit", "1GiB").Code);
        Assert.Equal(["1.0 GiB", "2", _folder.File("spill")], SettingsDuringBuild(database));
    }

    [Theory]
    [InlineData("--memory-limit", "lots", "--memory-limit must be an amount of memory like 512MB or 2GiB")]
    [InlineData("--memory-limit", "0GB", "--memory-limit must be an amount of memory like 512MB or 2GiB")]
    [InlineData("--memory-limit", "2GB'; select 1; --", "--memory-limit must be an amount of memory like 512MB or 2GiB")]
    [InlineData("--engine-threads", "0", "--engine-threads must be a whole number from 1 to 1024")]
    [InlineData("--engine-threads", "100000", "--engine-threads must be a whole number from 1 to 1024, not '100000'")]
    [InlineData("--temp-directory", "/no/such/folder/spill", "--temp-directory must be a folder that exists or whose parent folder exists, not '/no/such/folder/spill'")]
    public void A_bad_value_is_one_line_and_exit_2_and_creates_no_database(string option, string value, string expected)
    {
        CliTests.AssertOneLineError(Cli(SettingsCatalog, null, "build", "--db", Db, option, value), expected);
        Assert.False(File.Exists(Db));
    }

    [Theory]
    [InlineData("\"memory_limit\": \"huge\"", "\"memory_limit\" must be an amount of memory like 512MB or 2GiB")]
    [InlineData("\"threads\": 5000", "\"threads\" must be a whole number from 1 to 1024, not '5000'")]
    public void A_bad_value_in_a_target_is_one_line_naming_the_target(string setting, string expected)
    {
        var settings = _folder.File("eventstream.json");
        File.WriteAllText(settings, $$"""{ "targets": { "dev": { "type": "duckdb", "path": "{{Db}}", {{setting}} } } }""");

        CliTests.AssertOneLineError(Cli(SettingsCatalog, settings, "build", "--target", "dev"), $"target 'dev' in '{settings}': {expected}");
        Assert.False(File.Exists(Db));
    }

    [Fact]
    public void A_build_larger_than_its_memory_limit_finishes_by_spilling_to_the_temporary_directory()
    {
        var spill = _folder.File("spill");

        var (code, output, err) = Cli(SortCatalog, null, "build", "--db", Db, "--memory-limit", "64MB", "--temp-directory", spill);

        Assert.True(code == 0, output + err);
        using (var connection = new DuckDBConnection($"Data Source={Db}"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "select count(*), count(distinct h) from staging.sorted";
            using var reader = command.ExecuteReader();
            Assert.True(reader.Read());
            Assert.Equal(1_500_000L, reader.GetInt64(0));
            Assert.Equal(1_500_000L, reader.GetInt64(1));
        }
        // The control: the same query under the same limit, with spilling turned off, does not fit; so the build spilled.
        using var control = new DuckDBConnection($"Data Source={_folder.File("control.duckdb")}");
        control.Open();
        using var refused = control.CreateCommand();
        refused.CommandText = $"SET memory_limit = '64MB'; SET temp_directory = ''; CREATE TABLE sorted AS {SortSql}";
        var error = Assert.ThrowsAny<DuckDBException>(() => refused.ExecuteNonQuery());
        Assert.Contains("Out of Memory", error.Message, StringComparison.OrdinalIgnoreCase);
    }
}
