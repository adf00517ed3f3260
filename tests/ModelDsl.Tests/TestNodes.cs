using ModelDsl.Catalog;
using ModelDsl.Cli;

// Not under namespace ModelDsl: its [Fact] (a fact-table attribute) would hide xunit's.
namespace ModelDslTests;

/// <summary>Hand-made catalog nodes, standing in for what the generator emits.</summary>
internal static class TestNodes
{
    public static Node Model(
        string name,
        string sql,
        Materialization materialization = Materialization.Table,
        string schema = "staging",
        params string[] dependsOn) =>
        new(name, schema, NodeKind.Model, Layer.Staging, materialization, sql, dependsOn, [],
            new NodeConfig([]), $"The {name} model.", $"Models.{name}", $"Models/{name}.cs", 7);

    /// <summary>An SCD2 snapshot of <paramref name="sql"/> in schema <c>snapshots</c>.</summary>
    public static Node Snapshot(string name, string sql, Scd2Config config, params string[] dependsOn) =>
        Model(name, sql, Materialization.Snapshot, "snapshots", dependsOn) with { Config = new NodeConfig([], Scd2: config) };

    /// <summary>An incremental model; its event time and narrowed inputs come from <paramref name="config"/>.</summary>
    public static Node Incremental(string name, string sql, IncrementalConfig config, params string[] dependsOn) =>
        Model(name, sql, Materialization.Incremental, "analytics", dependsOn) with
        {
            Config = new NodeConfig([], Incremental: config, EventTime: config.EventTime),
        };

    /// <summary>A source table with an event time, which incremental models narrow.</summary>
    public static Node EventSource(string name, string eventTime, string schema = "raw") =>
        Source(name, schema) with { Config = new NodeConfig([], Source: new SourceConfig(eventTime, null), EventTime: eventTime) };

    /// <summary>A source with a declared key column <c>id</c> and the given tests on it (none by default).</summary>
    public static Node Source(string name, string schema = "raw", params ColumnTest[] tests) =>
        new(name, schema, NodeKind.Source, Layer.Source, Materialization.External, "", [],
            [new Column("id", "INTEGER", false, tests, "The key.")],
            new NodeConfig([]), "A raw table.", $"Models.{name}", $"Models/Sources.cs", 3);

    /// <summary>An analysis (schema <c>analysis</c>, never built) with its SQL as the generator compiles it.</summary>
    public static Node Analysis(string name, string sql, params string[] dependsOn) =>
        new(name, "analysis", NodeKind.Analysis, Layer.Analysis, Materialization.Analysis, sql, dependsOn, [],
            new NodeConfig([]), $"The {name} analysis.", $"Models.{name}", $"Analyses/{name}.cs", 9);

    public static ModelCatalog Catalog(params Node[] nodes) => new(nodes);
}

/// <summary>The project options of a test CLI host: DuckDB, and a default database of its own.</summary>
internal static class TestProject
{
    public static ProjectOptions Options(string? settingsFile = null) => new()
    {
        Engine = DuckDbEngine.Instance,
        DefaultDatabase = "warehouse.duckdb",
        SettingsFile = settingsFile,
        LineageParser = () => new DuckDbParseTree(),
        TargetTypes = new Dictionary<string, Func<Target, WarehouseLocation>>
        {
            ["duckdb"] = DuckDbEngine.FromTarget,
            ["postgres"] = ModelDsl.Postgres.PostgresEngine.FromTarget,
        },
    };
}

/// <summary>A scratch folder deleted after the test.</summary>
internal sealed class TempFolder : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("modeldsl-tests-").FullName;

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
