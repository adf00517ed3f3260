using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using ModelDsl.Generators.Diagnostics;

namespace ModelDsl.Generators.Model
{
    /// <summary>
    /// Resolves every reference to a node, checks names are unique and the graph is acyclic and orders the nodes
    /// topologically (<see cref="Graph"/>, from the shapes alone); then compiles each node's SQL on its own
    /// (<see cref="Compile"/>, ephemeral models inlined as CTEs). Problems are named by site, never by location.
    /// </summary>
    internal static class CatalogBuilder
    {
        public static GraphSpec Graph(ImmutableArray<NodeShape> shapes)
        {
            var problems = new List<GraphProblem>();
            var nodes = shapes.OrderBy(s => s.Name, StringComparer.Ordinal).ThenBy(s => s.TypeName, StringComparer.Ordinal).ToList();
            var byType = new Dictionary<string, NodeShape>();
            foreach (var node in nodes)
                byType[node.TypeName] = node;

            CheckUniqueNames(nodes, problems);
            foreach (var node in nodes)
                CheckReferences(node, byType, problems);
            var dependencies = nodes.ToDictionary(n => n.TypeName, n => Dependencies(n, byType));
            var order = TopologicalOrder(nodes, byType, dependencies, problems);
            foreach (var node in order)
                CheckTestTargets(node, byType, problems);
            return new GraphSpec(nodes.ToEquatableArray(), byType, dependencies, order.Select(n => n.TypeName).ToList(), problems.ToEquatableArray());
        }

        public static CompiledNode Compile(NodeSpec spec, GraphSpec graph) =>
            new CompiledNode(
                spec,
                new SqlCompiler(graph.ByType, graph.Dependencies).Compile(spec),
                graph.Dependencies[spec.TypeName].Select(t => graph.ByType[t].Name).ToEquatableArray(),
                ResolveTests(spec, graph.ByType));

        private static void CheckUniqueNames(List<NodeShape> nodes, List<GraphProblem> problems)
        {
            foreach (var group in nodes.GroupBy(n => n.Name, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1))
            {
                var first = group.First();
                foreach (var duplicate in group.Skip(1))
                    problems.Add(GraphProblem.Create(DiagnosticDescriptors.DuplicateRelation, new Site(duplicate.TypeName, SiteKind.Node),
                        duplicate.ClassName, first.ClassName, duplicate.Name, duplicate.Relation));
            }
        }

        // Bad references are reported and left out of the dependencies.
        private static void CheckReferences(NodeShape node, Dictionary<string, NodeShape> byType, List<GraphProblem> problems)
        {
            for (var index = 0; index < node.References.Count; index++)
            {
                var part = node.References[index];
                var site = new Site(node.TypeName, SiteKind.Reference, index);
                var reason = ReferenceProblem(part, byType);
                if (reason != null)
                    problems.Add(GraphProblem.Create(DiagnosticDescriptors.UnknownReference, site, Display(part.TargetType!), reason));
                else if (part.ReferenceKind == ReferenceKind.RefWindow && byType[part.TargetType!].EventTime == null)
                    problems.Add(GraphProblem.Create(DiagnosticDescriptors.InvalidWindow, site, Display(part.TargetType!), node.ClassName,
                        "the target has no event time to narrow by (set EventTime on its attribute)"));
            }
        }

        // The distinct nodes a node's SQL validly references, in order of first use.
        private static List<string> Dependencies(NodeShape node, Dictionary<string, NodeShape> byType) =>
            node.References.Where(p => ReferenceProblem(p, byType) == null).Select(p => p.TargetType!).Distinct().ToList();

        private static string? ReferenceProblem(SqlPart part, Dictionary<string, NodeShape> byType)
        {
            if (!byType.TryGetValue(part.TargetType!, out var target))
                return "add a layer, [Source] or [Seed] attribute to it, or reference another type";
            if (target.Kind == NodeKind.Test)
                return "it is a data test; tests are run, never referenced";
            if (target.Kind == NodeKind.Analysis)
                return "it is an analysis; analyses are run from the CLI, never referenced";
            if (part.ReferenceKind == ReferenceKind.Source && target.Kind != NodeKind.Source)
                return "Source<T>() takes a [Source] class; use Ref<T>() for models and seeds";
            if (part.ReferenceKind != ReferenceKind.Source && target.Kind == NodeKind.Source)
                return "it is a source; reference it with Source<T>()";
            return null;
        }

        private static void CheckTestTargets(NodeShape node, Dictionary<string, NodeShape> byType, List<GraphProblem> problems)
        {
            foreach (var test in node.TestTargets.Where(t => !byType.ContainsKey(t.TargetType!)))
                problems.Add(GraphProblem.Create(DiagnosticDescriptors.UnknownReference, new Site(node.TypeName, SiteKind.ColumnTest, test.Index),
                    Display(test.TargetType!), "a relationship test must reference a model, source or seed"));
        }

        // A relationship test names its target's relation first (an unknown target is reported by the graph).
        private static EquatableArray<ColumnSpec> ResolveTests(NodeSpec node, Dictionary<string, NodeShape> byType) =>
            node.Columns.Select(column => column with
            {
                Tests = column.Tests.Select(test =>
                    test.TargetType != null && byType.TryGetValue(test.TargetType, out var target)
                        ? test with { Arguments = new[] { target.Name }.Concat(test.Arguments).ToEquatableArray() }
                        : test).ToEquatableArray(),
            }).ToEquatableArray();

        // Kahn's algorithm, ties broken by name so the order is deterministic. Nodes left over form cycles.
        private static List<NodeShape> TopologicalOrder(
            List<NodeShape> nodes, Dictionary<string, NodeShape> byType, Dictionary<string, List<string>> dependencies, List<GraphProblem> problems)
        {
            var remaining = nodes.ToDictionary(n => n.TypeName, n => dependencies[n.TypeName].Count);
            var dependents = nodes.ToDictionary(n => n.TypeName, _ => new List<string>());
            foreach (var node in nodes)
            {
                foreach (var dependency in dependencies[node.TypeName])
                    dependents[dependency].Add(node.TypeName);
            }

            var ready = new SortedSet<(string Name, string Type)>(
                nodes.Where(n => remaining[n.TypeName] == 0).Select(n => (n.Name, n.TypeName)), OrdinalNameThenType);
            var order = new List<NodeShape>();
            while (ready.Count > 0)
            {
                var next = ready.Min;
                ready.Remove(next);
                order.Add(byType[next.Type]);
                foreach (var dependent in dependents[next.Type])
                {
                    if (--remaining[dependent] == 0)
                        ready.Add((byType[dependent].Name, dependent));
                }
            }

            var cyclic = nodes.Where(n => remaining[n.TypeName] > 0).ToList();
            ReportCycles(cyclic, byType, dependencies, problems);
            order.AddRange(cyclic);
            return order;
        }

        // The tuple's default comparer compares strings by the current culture; the order must not depend on the machine.
        private static readonly IComparer<(string Name, string Type)> OrdinalNameThenType = Comparer<(string Name, string Type)>.Create((x, y) =>
        {
            var byName = string.CompareOrdinal(x.Name, y.Name);
            return byName != 0 ? byName : string.CompareOrdinal(x.Type, y.Type);
        });

        private static void ReportCycles(
            List<NodeShape> cyclic, Dictionary<string, NodeShape> byType, Dictionary<string, List<string>> dependencies, List<GraphProblem> problems)
        {
            var inCycle = new HashSet<string>(cyclic.Select(n => n.TypeName));
            var reported = new HashSet<string>();
            foreach (var start in cyclic)
            {
                if (reported.Contains(start.TypeName))
                    continue;
                // Walk dependencies inside the leftover set until a node repeats: that loop is a cycle.
                var path = new List<string> { start.TypeName };
                var current = start.TypeName;
                while (true)
                {
                    current = dependencies[current].First(inCycle.Contains);
                    var seen = path.IndexOf(current);
                    if (seen >= 0)
                    {
                        path = path.Skip(seen).ToList();
                        break;
                    }
                    path.Add(current);
                }
                if (path.Any(reported.Contains))
                    continue;
                reported.UnionWith(path);

                // Report at the reference that closes the cycle, naming it whole: a -> b -> a.
                var names = path.Select(t => byType[t].Name).Concat(new[] { byType[path[0]].Name });
                var closing = ReferenceSite(byType[path[path.Count - 1]], path[0]);
                var others = path.Take(path.Count - 1).Select((t, i) => ReferenceSite(byType[t], path[i + 1]));
                problems.Add(new GraphProblem(DiagnosticDescriptors.DependencyCycle.Id, closing,
                    new[] { string.Join(" -> ", names) }.ToEquatableArray(), others.ToEquatableArray()));
            }
        }

        // The first reference of `node` to `target`.
        private static Site ReferenceSite(NodeShape node, string target) =>
            new Site(node.TypeName, SiteKind.Reference, node.References.Select((p, i) => (p, i)).First(r => r.p.TargetType == target).i);

        /// <summary>A type name for messages: without <c>global::</c>.</summary>
        internal static string Display(string typeName) => typeName.StartsWith("global::") ? typeName.Substring(8) : typeName;
    }
}
