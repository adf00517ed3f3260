namespace ModelDsl.Generators.Model
{
    /// <summary>The whole project after resolving references: what the catalog emitter writes.</summary>
    internal sealed record CatalogSpec(EquatableArray<CompiledNode> Nodes, EquatableArray<DiagnosticInfo> Diagnostics);

    /// <summary>
    /// A node with its SQL compiled and its dependencies and tests resolved to node names;
    /// <see cref="Compiled"/> also names the physical nodes its SQL narrows to the processed days (incremental models only).
    /// </summary>
    internal sealed record CompiledNode(NodeSpec Spec, CompiledSql Compiled, EquatableArray<string> DependsOn, EquatableArray<ColumnSpec> Columns)
    {
        public string Sql => Compiled.Sql;
    }
}
