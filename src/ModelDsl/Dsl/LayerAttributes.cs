namespace ModelDsl;

/// <summary>
/// A layer sets a model's schema and default materialization. <see cref="Name"/> and <see cref="Schema"/>
/// override the relation name (default: the class name in snake_case, in the layer's schema).
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public abstract class LayerAttribute : Attribute
{
    public string? Name { get; set; }
    public string? Schema { get; set; }
    public string[] Tags { get; set; } = [];

    /// <summary>
    /// The column that places a row in time. Incremental models narrow their references to this model to the
    /// day being processed (use <c>RefWindow&lt;T&gt;(days)</c> for more days, <c>RefAll&lt;T&gt;()</c> to read all of
    /// it); an ephemeral model with one is narrowed inside too.
    /// </summary>
    public string? EventTime { get; set; }
}

/// <summary>Schema <c>staging</c>; a table by default.</summary>
public sealed class StagingAttribute : LayerAttribute;

/// <summary>Schema <c>intermediate</c>; ephemeral (inlined as a CTE) by default.</summary>
public sealed class IntermediateAttribute : LayerAttribute;

/// <summary>Schema <c>analytics</c>; a table by default.</summary>
public sealed class DimensionAttribute : LayerAttribute;

/// <summary>Schema <c>snapshots</c>; for SCD2 snapshots of sources.</summary>
public sealed class SnapshotAttribute : LayerAttribute;

/// <summary>Schema <c>utilities</c>; a table by default.</summary>
public sealed class UtilityAttribute : LayerAttribute;

/// <summary>
/// Schema <c>analytics</c>. With <see cref="Grain"/> <see cref="Grain.Day"/> the model is built per day
/// partition of <see cref="EventTime"/>; with <see cref="Grain.Event"/> only new rows (by
/// <see cref="UniqueKey"/>) are added. Without a grain it is a plain table.
/// </summary>
public sealed class FactAttribute : LayerAttribute
{
    public Grain Grain { get; set; }
    public string? UniqueKey { get; set; }
    /// <summary>Days before the first new day that a build processes again, for late rows (default none).</summary>
    public int LookbackDays { get; set; }
}

/// <summary>
/// Marks an analysis: a <see cref="SqlAnalysis"/> whose typed references are edges like a model's (so an analysis of a
/// missing model does not compile), run from the CLI and never built. <see cref="Name"/> overrides its name (default:
/// the class name in snake_case); nothing can reference it.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class AnalysisAttribute : Attribute
{
    public string? Name { get; set; }
    public string[] Tags { get; set; } = [];
}
