namespace ModelDsl.Generators.Model
{
    /// <summary>The whole project after resolving references: what the catalog emitter writes.</summary>
    internal sealed record CatalogSpec(EquatableArray<CompiledNode> Nodes, EquatableArray<DiagnosticInfo> Diagnostics);

    /// <summary>
    /// A node with its SQL compiled and its dependencies and tests resolved to node names;
    /// <see cref="NarrowedInputs"/> are the nodes its SQL narrows to the processed days (incremental models only).
    /// </summary>
    internal sealed record CompiledNode(
        NodeSpec Spec, string Sql, EquatableArray<string> DependsOn, EquatableArray<ColumnSpec> Columns, EquatableArray<string> NarrowedInputs);
}
