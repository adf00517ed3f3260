using DuckDB.NET.Data;
using ModelDsl.Catalog;
using ModelDsl.Cli;
using static ModelDslTests.TestNodes;

namespace ModelDslTests;

/// <summary><c>--record-sql FILE</c>: the file holds every statement the build sent, in order, and replays to the same tables.</summary>
public sealed class RecordSqlTests : IDisposable
{
    private readonly TempFolder _folder = new();

    private const string Events = """(select * from "raw"."events" where "created_at" >= {{ partition_start }} and "created_at" < {{ partition_end }})""";

    private static readonly ModelCatalog Catalog = TestNodes.Catalog(
        EventSource("events", "created_at"),
        Model("stg_events", """select event_id, user_id, created_at from "raw"."events" """, Materialization.View, dependsOn: "events"),
        Incremental("fct_events", $"select event_id, user_id, created_at from {Events} as events",
            new IncrementalConfig(Grain.Event, "created_at", "event_id", 1, OnSchemaChange.Fail, ["events"]), "events"),
        Model("dim_users", """select user_id, count(*) as events from "staging"."stg_events" group by all""", Materialization.Table, "analytics", "stg_events"));

    public void Dispose() => _folder.Dispose();

    private string Db => _folder.File("test.duckdb");

    private (int Code, string Out, string Err) Cli(params string[] args)
    {
        var (stdout, stderr) = (new StringWriter(), new StringWriter());
        var code = ModelCli.Run([.. args, "--target-dir", _folder.File("target")], Catalog, TestProject.Options(), stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    private void AddEvents(int day)
    {
        using var connection = Open(Db);
        Run(connection, "create schema if not exists raw; create table if not exists raw.events (event_id integer, user_id integer, created_at timestamp)");
        Run(connection, $"insert into raw.events select {day} * 10 + range, range % 2, TIMESTAMP '2024-03-0{day} 12:00:00' from range(3)");
    }

    // Day 1 built, day 2 ingested: the next build processes a day (and records it with parameters).
    private void BuiltDayOneWithDayTwoToCome()
    {
        AddEvents(1);
        Assert.Equal(0, Cli("build", "--db", Db, "--as-of", "2024-03-01T23:00:00Z").Code);
        AddEvents(2);
    }

    [Fact]
    public void The_file_holds_every_statement_of_the_build_in_order_with_the_parameters_written_as_literals()
    {
        BuiltDayOneWithDayTwoToCome();
        var file = _folder.File("build.sql");

        var (code, _, err) = Cli("build", "--db", Db, "--as-of", "2024-03-02T23:00:00Z", "--record-sql", file);

        Assert.True(code == 0, err);
        var statements = Statements(File.ReadAllText(file));
        // The run time is set before the first model is built.
        var runTime = statements.IndexOf("SET VARIABLE run_time = TIMESTAMP '2024-03-02 23:00:00.000000'");
        Assert.True(runTime >= 0 && runTime < statements.FindIndex(s => s.StartsWith("CREATE", StringComparison.Ordinal)), string.Join("\n---\n", statements));
        Assert.DoesNotContain(statements, s => s.Contains("$1"));
        // The day the incremental model processed, marked with its parameters as literals, after the rows it wrote.
        var insert = statements.FindIndex(s => s.StartsWith("INSERT INTO \"analytics\".\"fct_events\"", StringComparison.Ordinal));
        var mark = statements.FindIndex(s => s.StartsWith("INSERT INTO \"_modeldsl\".\"partitions\" VALUES ('analytics.fct_events', TIMESTAMP '2024-03-02 00:00:00.000000', 3,", StringComparison.Ordinal));
        Assert.True(insert > 0 && mark > insert, string.Join("\n---\n", statements));
        // The view is created before the table that reads it.
        Assert.True(statements.FindIndex(s => s.StartsWith("CREATE VIEW \"staging\".\"stg_events\"", StringComparison.Ordinal))
                    < statements.FindIndex(s => s.StartsWith("CREATE TABLE \"analytics\".\"dim_users__tmp\"", StringComparison.Ordinal)));
    }

    [Fact]
    public void Replaying_the_file_on_a_copy_of_the_database_makes_the_same_tables()
    {
        BuiltDayOneWithDayTwoToCome();
        var copy = _folder.File("copy.duckdb");
        File.Copy(Db, copy);
        var file = _folder.File("build.sql");

        Assert.Equal(0, Cli("build", "--db", Db, "--as-of", "2024-03-02T23:00:00Z", "--record-sql", file).Code);
        using (var replay = Open(copy))
            Run(replay, File.ReadAllText(file));

        const string tables = """
            select 'fct', event_id, user_id, created_at::varchar from analytics.fct_events
            union all select 'dim', user_id, events, null from analytics.dim_users
            union all select 'view', count(*), null, null from staging.stg_events
            union all select 'days', count(*), sum(row_count), max(day)::varchar from _modeldsl.partitions
            order by all
            """;
        var built = Rows(Db, tables);
        Assert.True(built.Contains("fct|22|0|2024-03-02 12:00:00"), string.Join("\n", built));
        Assert.Contains("days|2|3|2024-03-02", built); // day 1 again (look-back): no new keys
        Assert.Equal(built, Rows(copy, tables));
    }

    [Fact]
    public void Record_sql_runs_on_one_connection_and_refuses_more_threads()
    {
        AddEvents(1);
        CliTests.AssertOneLineError(Cli("build", "--db", Db, "--record-sql", _folder.File("build.sql"), "--threads", "2"),
            "--record-sql runs the build on one connection: leave out --threads or give 1");
        CliTests.AssertOneLineError(Cli("build", "--db", Db, "--record-sql", _folder.File("missing/build.sql")),
            "--record-sql: cannot write");
        Assert.False(File.Exists(_folder.File("build.sql")));
        Assert.Equal(0, Cli("build", "--db", Db, "--record-sql", _folder.File("build.sql"), "--threads", "1", "--as-of", "2024-03-01T23:00:00Z").Code);
    }

    private static List<string> Statements(string script) =>
        script.Split(";\n\n").Select(s => s.Trim()).Where(s => s.Length > 0).ToList();

    private static DuckDBConnection Open(string path)
    {
        var connection = new DuckDBConnection($"Data Source={path}");
        connection.Open();
        return connection;
    }

    private static void Run(DuckDBConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static List<string> Rows(string path, string sql)
    {
        using var connection = Open(path);
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<string>();
        while (reader.Read())
            rows.Add(string.Join('|', Enumerable.Range(0, reader.FieldCount).Select(i => reader.IsDBNull(i) ? "" : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture))));
        return rows;
    }
}
