using ModelDsl.Postgres;
using ModelDsl.Runtime;
using Npgsql;
using static ModelDslTests.TestNodes;

namespace ModelDslTests;

/// <summary>What is wrong with a PostgreSQL target is one line naming it, and never shows the password.</summary>
public sealed class PostgresEngineTests
{
    private static BadInputException Refused(NpgsqlConnectionStringBuilder settings, string database) =>
        Assert.Throws<BadInputException>(() => new PostgresEngine(settings).Open(database).Dispose());

    [Fact]
    public void A_wrong_password_is_named_and_not_shown()
    {
        var settings = PostgresTestServer.Settings;
        settings.Password = "not-the-password-4711";

        var error = Refused(settings, "postgres");

        Assert.Equal($"cannot connect to postgres://postgres@{settings.Host}:{settings.Port}/postgres: password authentication failed for user 'postgres'",
            error.Message);
        Assert.DoesNotContain("4711", error.Message);
        Assert.DoesNotContain(PostgresTestServer.Settings.Password!, error.Message);
    }

    [Fact]
    public void A_missing_database_is_named()
    {
        var settings = PostgresTestServer.Settings;

        var error = Refused(settings, "no_such_database");

        Assert.Equal($"database 'no_such_database' does not exist on {settings.Host}:{settings.Port} (create it first)", error.Message);
    }

    [Fact]
    public void A_server_that_is_down_is_named()
    {
        var settings = PostgresTestServer.Settings;
        using (var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0))
        {
            listener.Start();
            settings.Port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port; // free once the listener stops
        }
        settings.Timeout = 5;

        var error = Refused(settings, "postgres");

        Assert.StartsWith($"cannot connect to postgres://postgres@{settings.Host}:{settings.Port}/postgres: no server answers", error.Message);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void A_relation_locked_by_another_session_fails_its_node_after_the_lock_timeout_and_leaves_it_as_it_was()
    {
        using var setup = TestEngine.Postgres.Open();
        var database = setup.Scalar<string>("select current_database()")!;
        var catalog = Catalog(Model("m", "select 2 as x"));
        setup.Execute("create schema staging; create table staging.m as select 1 as x");

        using var holder = new PostgresEngine(PostgresTestServer.Settings).Open(database);
        holder.Begin();
        holder.Execute("lock table staging.m in access exclusive mode");
        using var builder = new PostgresEngine(PostgresTestServer.Settings, lockTimeoutSeconds: 1).Open(database);

        var result = ProjectBuilder.Build(builder, catalog, new BuildOptions(new DateTime(2024, 1, 1)), new StringWriter());
        holder.Rollback();

        Assert.Equal(NodeStatus.Error, result.For("m")!.Status);
        Assert.Contains("failed: a relation is locked by another session: no lock within 1 s (the target's lock_timeout_seconds) on postgres://", result.For("m")!.Message);
        Assert.Equal(1, setup.Scalar<int>("select x from staging.m"));
    }
}
