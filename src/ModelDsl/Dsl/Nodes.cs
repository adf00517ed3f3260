namespace ModelDsl;

/// <summary>
/// Implemented by the source generator on every model, source and seed class: the relation a typed
/// reference resolves to. Never implement it by hand.
/// </summary>
public interface IRelation
{
    /// <summary>The quoted relation name (<c>"schema"."name"</c>; an ephemeral model's CTE name).</summary>
    static abstract string RelationName { get; }
}

/// <summary>
/// A model: a <c>partial</c> class whose <see cref="Sql"/> is a (raw, interpolated) string literal. The generator
/// compiles it at build time; every interpolation hole must be a DSL reference or a compile-time constant.
/// </summary>
public abstract class SqlModel
{
    /// <summary>The model's SELECT statement.</summary>
    public abstract string Sql { get; }

    /// <summary>A reference to another model or a seed; an edge in the graph.</summary>
    protected static string Ref<T>() where T : IRelation => T.RelationName;

    /// <summary>
    /// A reference that is never narrowed to the day being processed by an incremental model (a dimension
    /// lookup that must see all rows).
    /// </summary>
    protected static string RefAll<T>() where T : IRelation => T.RelationName;

    /// <summary>
    /// A reference an incremental model narrows to the <paramref name="days"/> days ending on the day it builds (a
    /// rolling window; <c>RefWindow&lt;T&gt;(1)</c> narrows like <c>Ref&lt;T&gt;()</c>). <paramref name="days"/> must be a
    /// constant of at least 1 and the target must have an event time. A model reading a window wider than a day is
    /// built one day at a time (<see cref="PartitionDay"/> is that day); elsewhere this is a plain reference.
    /// </summary>
    protected static string RefWindow<T>(int days) where T : IRelation => T.RelationName;

    /// <summary>A reference to an external source table.</summary>
    protected static string Source<T>() where T : SourceTable, IRelation => T.RelationName;

    /// <summary>The build's logical run time (<c>--as-of</c>) as a SQL TIMESTAMP expression (a placeholder the engine renders).</summary>
    protected const string RunTime = Catalog.Narrowing.RunTime;

    /// <summary>
    /// The day an incremental model is building, as a SQL DATE expression (a model that names it is built one day at a
    /// time, also on a rebuild), e.g.
    /// <c>count(distinct user_id) filter (where event_date &gt; {PartitionDay} - 7)</c>.
    /// </summary>
    protected const string PartitionDay = Catalog.Narrowing.PartitionDay;

    /// <summary>
    /// The first instant of the days an incremental build processes (a SQL TIMESTAMP expression; on a rebuild, of all
    /// its days): a model can read rows relative to that window, e.g. the 28 days before it.
    /// </summary>
    protected const string PartitionStart = Catalog.Narrowing.PartitionStart;

    /// <summary>The end (exclusive) of the days an incremental build processes, as <see cref="PartitionStart"/>.</summary>
    protected const string PartitionEnd = Catalog.Narrowing.PartitionEnd;
}

/// <summary>
/// A singular data test (mark it <see cref="DataTestAttribute"/>): a query, written like a model's, that returns the
/// rows that break an expectation. It is never materialized; no rows means it passes.
/// </summary>
public abstract class SqlTest : SqlModel;

/// <summary>
/// An analysis (mark it <see cref="AnalysisAttribute"/>): a query written like a model's, compiled and reviewed like one,
/// but never materialized. <c>build</c>, <c>run</c> and <c>test</c> skip it; <c>analysis run NAME</c> runs it on a built
/// database and prints its rows.
/// </summary>
public abstract class SqlAnalysis : SqlModel;

/// <summary>An external table loaded by something else (the raw layer). Declare it with <see cref="SourceAttribute"/>.</summary>
public abstract class SourceTable;

/// <summary>A CSV file loaded by the engine into a table. Declare it with <see cref="SeedAttribute"/>.</summary>
public abstract class SeedTable;
