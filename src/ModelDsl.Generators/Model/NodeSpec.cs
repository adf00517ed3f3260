namespace ModelDsl.Generators.Model
{
    // The value-equatable output of parsing one class. Nothing here holds a symbol, a syntax node, a source span or a
    // diagnostic, so an edit that only moves text leaves it equal and every step after it cached; where things are
    // written lives in NodeLocations, on the diagnostics path only. File and Line are output (the catalog's).

    internal enum NodeKind { Model, Source, Seed, Test, Analysis }

    internal enum ReferenceKind { Ref, RefAll, Source, RefWindow }

    /// <summary>One declared node (model, source, seed, test or analysis). <see cref="EmitsRelation"/>: the class can take the
    /// generated partial (it is partial, top-level and not generic).</summary>
    internal sealed record NodeSpec(
        string TypeName,
        string? Namespace,
        string ClassName,
        bool EmitsRelation,
        NodeKind Kind,
        string Layer,
        string Materialization,
        string Name,
        string Schema,
        EquatableArray<SqlPart> Sql,
        EquatableArray<ColumnSpec> Columns,
        ConfigSpec Config,
        string? Description,
        string File,
        int Line)
    {
        public string Relation => Schema + "." + Name;
    }

    /// <summary>
    /// A piece of model SQL: literal text, or a typed reference to another node; <see cref="WindowDays"/> is the days a
    /// narrowed reference reads, ending on the day built (1 but for <c>RefWindow</c>).
    /// </summary>
    internal sealed record SqlPart(string Text, string? TargetType, ReferenceKind ReferenceKind, int WindowDays = 1)
    {
        public static SqlPart Literal(string text) => new SqlPart(text, null, ReferenceKind.Ref);

        public bool IsReference => TargetType != null;
    }

    internal sealed record ColumnSpec(string Name, string SqlType, bool Nullable, EquatableArray<TestSpec> Tests, string? Description);

    /// <summary>A column or model test; <see cref="TargetType"/> is set for relationship tests, resolved in the graph.</summary>
    internal sealed record TestSpec(string Kind, EquatableArray<string> Arguments, Severity Severity, string? TargetType, int WarnIf = 0, int ErrorIf = 0,
        bool Incremental = false);

    /// <summary><see cref="EventTime"/> is the node's event time from whichever attribute declares it.</summary>
    internal sealed record ConfigSpec(
        EquatableArray<string> Tags,
        IncrementalSpec? Incremental,
        Scd2Spec? Scd2,
        string? SourceEventTime,
        string? SourceLoadedAt,
        string? SeedPath,
        string? EventTime,
        int SourceWarnAfterHours = 0,
        int SourceErrorAfterHours = 0,
        EquatableArray<TestSpec> ModelTests = default,
        TestSpec? SingularTest = null);

    internal sealed record IncrementalSpec(Grain Grain, string? EventTime, string? UniqueKey, int LookbackDays, OnSchemaChange OnSchemaChange);

    internal sealed record Scd2Spec(
        string? UniqueKey,
        string? UpdatedAt,
        Scd2Strategy Strategy,
        EquatableArray<string> CheckColumns,
        HardDeletes HardDeletes,
        string? CurrentValidTo);
}
