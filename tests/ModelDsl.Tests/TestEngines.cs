using System.Diagnostics;
using ModelDsl.Postgres;
using ModelDsl.Runtime;
using Npgsql;

namespace ModelDslTests;

/// <summary>
/// An engine a parameterised suite runs on: each test opens a fresh, empty database of it. A suite is an abstract class
/// taking one; a sealed subclass per engine runs it there.
/// </summary>
public abstract class TestEngine
{
    public static readonly TestEngine DuckDb = new DuckDbTestEngine();

    public static readonly TestEngine Postgres = new PostgresTestEngine();

    public abstract string Name { get; }

    /// <summary>A new, empty database.</summary>
    public abstract Warehouse Open();

    public override string ToString() => Name;

    private sealed class DuckDbTestEngine : TestEngine
    {
        public override string Name => "duckdb";

        public override Warehouse Open() => DuckDbWarehouse.Open(DuckDbWarehouse.InMemory);
    }

    private sealed class PostgresTestEngine : TestEngine
    {
        public override string Name => "postgres";

        public override Warehouse Open()
        {
            var name = $"test_{Guid.NewGuid():N}";
            using (var admin = PostgresTestServer.Engine.Open("postgres"))
                admin.Execute($"CREATE DATABASE \"{name}\"");
            return PostgresTestServer.Engine.Open(name);
        }
    }
}

/// <summary>
/// The PostgreSQL server of the tests: the one <c>.ci/run</c> started (its connection string in
/// <see cref="Variable"/>), else a throw-away cluster started here with <c>.ci/postgres</c> and stopped when the
/// tests end. No server is a failure of every test that needs one, never a skip.
/// </summary>
public static class PostgresTestServer
{
    public const string Variable = "EVENTSTREAM_TEST_PG";

    private static readonly Lazy<NpgsqlConnectionStringBuilder> Server = new(Start);

    public static NpgsqlConnectionStringBuilder Settings => new(Server.Value.ConnectionString);

    public static PostgresEngine Engine => new(Settings);

    private static NpgsqlConnectionStringBuilder Start()
    {
        if (Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } given)
            return new NpgsqlConnectionStringBuilder(given);
        var script = Path.Combine(RepositoryRoot(), ".ci", "postgres");
        var (code, output, error) = RunScript(script, "start");
        if (code != 0)
            throw new InvalidOperationException($"the PostgreSQL tests need a server: '{script} start' failed: {error.Trim()}");
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => RunScript(script, "stop", lines[0]);
        return new NpgsqlConnectionStringBuilder(lines[1]);
    }

    private static (int Code, string Output, string Error) RunScript(string script, params string[] arguments)
    {
        var start = new ProcessStartInfo(script) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output.Result, error);
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "EventStream.sln")))
                return directory.FullName;
        }
        throw new InvalidOperationException($"no EventStream.sln above {AppContext.BaseDirectory}");
    }
}
