using System;
using System.Collections.Generic;
using System.Linq;

namespace ModelDsl.Generators.Model
{
    /// <summary>
    /// What other nodes need to know of a node: its relation, its references and, for an ephemeral model (inlined
    /// where it is read), its SQL. An edit to a non-ephemeral model's SQL text leaves its shape equal, so the graph
    /// step stays cached and only that model is compiled again.
    /// </summary>
    internal sealed record NodeShape(
        string TypeName,
        string ClassName,
        NodeKind Kind,
        string Materialization,
        string Name,
        string Schema,
        string? EventTime,
        EquatableArray<SqlPart> References,
        EquatableArray<SqlPart> InlinedSql,
        EquatableArray<TestTarget> TestTargets)
    {
        public string Relation => Schema + "." + Name;

        public static NodeShape Of(NodeSpec spec) => new NodeShape(
            spec.TypeName,
            spec.ClassName,
            spec.Kind,
            spec.Materialization,
            spec.Name,
            spec.Schema,
            spec.Config.EventTime,
            spec.Sql.Where(p => p.IsReference).ToEquatableArray(),
            spec.Materialization == "ephemeral" ? spec.Sql : EquatableArray<SqlPart>.Empty,
            spec.Columns.SelectMany(c => c.Tests).Select((test, index) => new TestTarget(index, test.TargetType))
                .Where(t => t.TargetType != null).ToEquatableArray());
    }

    /// <summary>The n-th column test of a node (columns then tests, in order) and the type it references, if any.</summary>
    internal sealed record TestTarget(int Index, string? TargetType);

    /// <summary>
    /// The project's graph: every node's shape (by name), the topological order and the graph's problems. Everything
    /// but <see cref="Shapes"/> is derived from them, so equality is theirs alone.
    /// </summary>
    internal sealed class GraphSpec : IEquatable<GraphSpec>
    {
        public GraphSpec(
            EquatableArray<NodeShape> shapes, Dictionary<string, NodeShape> byType, Dictionary<string, List<string>> dependencies,
            IReadOnlyList<string> order, EquatableArray<GraphProblem> problems)
        {
            Shapes = shapes;
            ByType = byType;
            Dependencies = dependencies;
            Position = order.Select((type, index) => (type, index)).ToDictionary(p => p.type, p => p.index);
            Problems = problems;
        }

        public EquatableArray<NodeShape> Shapes { get; }

        public Dictionary<string, NodeShape> ByType { get; }

        /// <summary>The distinct nodes each node's SQL references, in order of first use.</summary>
        public Dictionary<string, List<string>> Dependencies { get; }

        /// <summary>Each node's place in the topological order.</summary>
        public Dictionary<string, int> Position { get; }

        public EquatableArray<GraphProblem> Problems { get; }

        public bool Equals(GraphSpec? other) => other != null && Shapes.Equals(other.Shapes);

        public override bool Equals(object? obj) => Equals(obj as GraphSpec);

        public override int GetHashCode() => Shapes.GetHashCode();
    }

    /// <summary>
    /// A node with its SQL compiled and its dependencies and tests resolved to node names;
    /// <see cref="Compiled"/> also names the physical nodes its SQL narrows to the processed days (incremental models only).
    /// </summary>
    internal sealed record CompiledNode(NodeSpec Spec, CompiledSql Compiled, EquatableArray<string> DependsOn, EquatableArray<ColumnSpec> Columns)
    {
        public string Sql => Compiled.Sql;
    }

    /// <summary>One node's entry in the catalog, as code.</summary>
    internal sealed record CatalogEntry(string TypeName, string Code);
}
