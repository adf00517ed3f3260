using ModelDsl.Cli;
using ModelDsl.Runtime;
using ModelDslTests;

namespace EventStream.Models.Tests.Ingestion;

/// <summary>
/// <c>ingest --target</c> on PostgreSQL while another session holds a lock on a raw table: one line naming the lock,
/// exit 1 (as a build's node that waits past the lock timeout), and the day rolled back.
/// </summary>
public sealed class PostgresLockTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("pg-lock-").FullName;
    private readonly string _database = $"pg_lock_{Guid.NewGuid():N}";
    private readonly string _passwordVariable = $"EVENTSTREAM_TEST_PASSWORD_{Guid.NewGuid():N}";

    public void Dispose()
    {
        Environment.SetEnvironmentVariable(_passwordVariable, null);
        using (var admin = PostgresTestServer.Engine.Open("postgres"))
            admin.Execute($"DROP DATABASE IF EXISTS \"{_database}\" WITH (FORCE)");
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public void Ingest_while_another_session_locks_a_raw_table_is_one_line_exit_1_and_the_day_rolled_back()
    {
        var options = EventStreamProject.CreateOptions(Settings());
        Assert.Equal(0, Ingest(options).Code);

        using var holder = PostgresTestServer.Engine.Open(_database);
        holder.Begin();
        holder.Execute("lock table raw.event in access exclusive mode");
        var (code, error) = Ingest(options);
        holder.Rollback();

        Assert.Equal(ExitCodes.NodeFailed, code);
        Assert.Matches(@"^error: a relation is locked by another session: no lock within 1 s \(the target's lock_timeout_seconds\) " +
                       @"on postgres://\w+@[\d.]+:\d+/pg_lock_\w+: .*2100-01-02, the day being ingested, was rolled back\n$",
            error.ReplaceLineEndings("\n"));
        Assert.Equal(new DateOnly(2100, 1, 1), Warehouse.AsDate(holder.Rows("select max(ingest_date) from raw.ingestion_audit")[0][0]!));
        Assert.Equal(0L, holder.Scalar<long>("select count(*) from raw.user where created_at >= '2100-01-02'"));
    }

    private (int Code, string Error) Ingest(ProjectOptions options)
    {
        var (output, error) = (new StringWriter(), new StringWriter());
        var code = ModelCli.Run(["ingest", "--target", "pg", "--scale", "0.1"], EventStreamProject.Catalog, options, output, error);
        return (code, error.ToString());
    }

    // A target "pg" on a fresh database of the test server that waits 1 s for a lock.
    private string Settings()
    {
        using (var admin = PostgresTestServer.Engine.Open("postgres"))
            admin.Execute($"CREATE DATABASE \"{_database}\"");
        var server = PostgresTestServer.Settings;
        Environment.SetEnvironmentVariable(_passwordVariable, server.Password);
        var file = Path.Combine(_folder, "eventstream.json");
        File.WriteAllText(file, $$"""
            {
              "targets": {
                "pg": { "type": "postgres", "host": "{{server.Host}}", "port": {{server.Port}}, "database": "{{_database}}",
                        "username": "{{server.Username}}", "password_env": "{{_passwordVariable}}", "lock_timeout_seconds": 1 }
              }
            }
            """);
        return file;
    }
}
