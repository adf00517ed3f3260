namespace ModelDsl;

/// <summary>Build the model as a view.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class ViewAttribute : Attribute;

/// <summary>Build the model as a table, swapped in atomically.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class TableAttribute : Attribute;

/// <summary>Do not build the model; inline it as a CTE wherever it is referenced.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class EphemeralAttribute : Attribute;

/// <summary>
/// Build the model incrementally: per day partition of <see cref="EventTime"/> (<see cref="Grain.Day"/>),
/// by adding only new rows by <see cref="UniqueKey"/> (<see cref="Grain.Event"/>), or by replacing the rows of the
/// keys the model outputs for the days processed (<see cref="Grain.Key"/>: a table of one current row per key).
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class IncrementalAttribute : Attribute
{
    public Grain Grain { get; set; } = Grain.Day;
    public string? EventTime { get; set; }
    public string? UniqueKey { get; set; }
    /// <summary>Days before the first new day that a build processes again, for late rows (default none).</summary>
    public int LookbackDays { get; set; }
    public OnSchemaChange OnSchemaChange { get; set; } = OnSchemaChange.Fail;
}

/// <summary>An SCD2 snapshot of the model's SELECT (dbt's snapshot).</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class Scd2Attribute : Attribute
{
    public string? UniqueKey { get; set; }
    public string? UpdatedAt { get; set; }
    public Scd2Strategy Strategy { get; set; } = Scd2Strategy.Timestamp;
    /// <summary>Check strategy: the compared columns; empty means all columns.</summary>
    public string[] CheckColumns { get; set; } = [];
    public HardDeletes HardDeletes { get; set; } = HardDeletes.Ignore;
    /// <summary>The current row's <c>valid_to</c> unless <see cref="CurrentValidTo"/> says otherwise.</summary>
    public const string DefaultCurrentValidTo = "9999-12-31 00:00:00";

    /// <summary>The current row's <c>valid_to</c>; null leaves it NULL.</summary>
    public string? CurrentValidTo { get; set; } = DefaultCurrentValidTo;
}
