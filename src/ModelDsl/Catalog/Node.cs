namespace ModelDsl.Catalog;

public enum NodeKind
{
    Model,
    Source,
    Seed,
    /// <summary>A data test: a query whose rows are failures (singular, or generated from a column test).</summary>
    Test,
    /// <summary>An analysis: a query run from the CLI (<c>analysis run</c>), never built.</summary>
    Analysis,
}

public enum Layer
{
    None,
    Source,
    Seed,
    Staging,
    Intermediate,
    Dimension,
    Fact,
    Snapshot,
    Utility,
    Test,
    Analysis,
}

public enum Materialization
{
    /// <summary>Not built by us: a source.</summary>
    External,
    Seed,
    View,
    Table,
    Ephemeral,
    Incremental,
    Snapshot,
    /// <summary>Not built: a data test's query, run for its failing rows.</summary>
    Test,
    /// <summary>Not built: an analysis' query, run for its rows by <c>analysis run</c>.</summary>
    Analysis,
}

/// <summary>
/// One node of the graph, as the source generator compiled it. <see cref="Sql"/> has every reference
/// resolved and ephemeral models inlined as CTEs.
/// </summary>
public sealed record Node(
    string Name,
    string Schema,
    NodeKind Kind,
    Layer Layer,
    Materialization Materialization,
    string Sql,
    IReadOnlyList<string> DependsOn,
    IReadOnlyList<Column> Columns,
    NodeConfig Config,
    string? Description,
    string ClrType,
    string File,
    int Line)
{
    /// <summary><c>schema.name</c>, unquoted, for messages.</summary>
    public string Relation => $"{Schema}.{Name}";

    /// <summary>The quoted relation for SQL.</summary>
    public string QuotedRelation => $"{SqlIdentifier.Quote(Schema)}.{SqlIdentifier.Quote(Name)}";

    /// <summary>Where the node is declared, as <c>file:line</c>.</summary>
    public string Location => $"{File}:{Line}";
}

/// <summary>A declared column: its contract and its data tests.</summary>
public sealed record Column(string Name, string SqlType, bool Nullable, IReadOnlyList<ColumnTest> Tests, string? Description);

/// <summary>A generic data test on a column: <c>unique</c>, <c>not_null</c>, <c>accepted_values</c>,
/// <c>accepted_range</c> or <c>relationships</c>, with its arguments in declaration order; or on a whole node
/// (<see cref="NodeConfig.Tests"/>): <c>row_count</c>, <c>unique_combination</c> or <c>expression_is_true</c>. Failing-row thresholds:
/// warn if more than <paramref name="WarnIf"/>, fail if more than <paramref name="ErrorIf"/>.</summary>
public sealed record ColumnTest(string Kind, IReadOnlyList<string> Arguments, Severity Severity, int WarnIf = 0, int ErrorIf = 0);

/// <summary>
/// Everything configurable about a node beyond its layer and materialization. <see cref="EventTime"/> is the
/// column that places a row in time (a source's, an incremental model's or a layer attribute's): incremental
/// models narrow references to the node by it.
/// </summary>
public sealed record NodeConfig(
    IReadOnlyList<string> Tags,
    IncrementalConfig? Incremental = null,
    Scd2Config? Scd2 = null,
    SourceConfig? Source = null,
    SeedConfig? Seed = null,
    IReadOnlyList<ColumnTest>? Tests = null,
    TestConfig? Test = null,
    string? EventTime = null);

/// <summary>
/// An incremental model: <see cref="Grain"/> <see cref="ModelDsl.Grain.Day"/> (replace whole day partitions),
/// <see cref="ModelDsl.Grain.Event"/> (add rows with new <see cref="UniqueKey"/> values) or <see cref="ModelDsl.Grain.Key"/>
/// (replace the rows of the keys it outputs). <see cref="NarrowedInputs"/> are the tables (sources, models) its compiled
/// SQL narrows to the processed days, also through ephemeral models; their earliest event time is the model's first day.
/// <see cref="WindowDays"/> is the widest window of days it reads a narrowed input over (<c>RefWindow</c>); above 1 the
/// model is built one day at a time, else a rebuild is one statement over all days.
/// </summary>
public sealed record IncrementalConfig(
    Grain Grain,
    string? EventTime,
    string? UniqueKey,
    int LookbackDays,
    OnSchemaChange OnSchemaChange,
    IReadOnlyList<string>? NarrowedInputs = null,
    int WindowDays = 1);

public sealed record Scd2Config(
    string UniqueKey,
    string? UpdatedAt,
    Scd2Strategy Strategy,
    IReadOnlyList<string> CheckColumns,
    HardDeletes HardDeletes,
    string? CurrentValidTo);

/// <summary>A source's event time, loaded-at column and freshness limits in hours (0: none).</summary>
public sealed record SourceConfig(string? EventTime, string? LoadedAt, int WarnAfterHours = 0, int ErrorAfterHours = 0);

/// <summary>
/// A test node's severity and thresholds. A generic test also names the node (and column) it was declared on:
/// an error-severity failure skips what is downstream of that node. A singular test (no <paramref name="AttachedTo"/>)
/// stands for every node it references; an <paramref name="Incremental"/> one reads the days the build processes.
/// </summary>
public sealed record TestConfig(
    Severity Severity, int WarnIf = 0, int ErrorIf = 0, string? AttachedTo = null, string? Column = null, string? Kind = null, bool Incremental = false);

public sealed record SeedConfig(string Path);
