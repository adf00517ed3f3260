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
    /// Resolves every reference to a node, checks names are unique and the graph is acyclic, orders the nodes
    /// topologically and compiles each model's SQL (ephemeral models inlined as CTEs).
    /// </summary>
    internal static class CatalogBuilder
    {
        public static CatalogSpec Build(ImmutableArray<NodeSpec> specs)
        {
            var diagnostics = new List<DiagnosticInfo>();
            var nodes = specs.OrderBy(s => s.Name, StringComparer.Ordinal).ThenBy(s => s.TypeName, StringComparer.Ordinal).ToList();
            var byType = new Dictionary<string, NodeSpec>();
            foreach (var node in nodes)
                byType[node.TypeName] = node;

            CheckUniqueNames(nodes, diagnostics);
            var dependencies = nodes.ToDictionary(n => n.TypeName, n => ResolveReferences(n, byType, diagnostics));
            var order = TopologicalOrder(nodes, byType, dependencies, diagnostics);

            var compiler = new SqlCompiler(byType, dependencies);
            var compiled = order.Select(n => new CompiledNode(
                n,
                compiler.Compile(n),
                dependencies[n.TypeName].Select(t => byType[t].Name).ToEquatableArray(),
                ResolveTests(n, byType, diagnostics))).ToEquatableArray();
            return new CatalogSpec(compiled, diagnostics.ToEquatableArray());
        }

        private static void CheckUniqueNames(List<NodeSpec> nodes, List<DiagnosticInfo> diagnostics)
        {
            foreach (var group in nodes.GroupBy(n => n.Name, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1))
            {
                var first = group.First();
                foreach (var duplicate in group.Skip(1))
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.DuplicateRelation, duplicate.Location,
                        duplicate.ClassName, first.ClassName, duplicate.Name, duplicate.Relation));
            }
        }

        // The distinct nodes a node's SQL references, in order of first use; bad references are reported.
        private static List<string> ResolveReferences(NodeSpec node, Dictionary<string, NodeSpec> byType, List<DiagnosticInfo> diagnostics)
        {
            var result = new List<string>();
            foreach (var part in node.Sql.Where(p => p.IsReference))
            {
                var reason = ReferenceProblem(part, byType);
                if (reason != null)
                {
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnknownReference, part.Location!, Display(part.TargetType!), reason));
                    continue;
                }
                if (part.ReferenceKind == ReferenceKind.RefWindow && byType[part.TargetType!].Config.EventTime == null)
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidWindow, part.Location!, Display(part.TargetType!), node.ClassName,
                        "the target has no event time to narrow by (set EventTime on its attribute)"));
                if (!result.Contains(part.TargetType!))
                    result.Add(part.TargetType!);
            }
            return result;
        }

        private static string? ReferenceProblem(SqlPart part, Dictionary<string, NodeSpec> byType)
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

        private static EquatableArray<ColumnSpec> ResolveTests(NodeSpec node, Dictionary<string, NodeSpec> byType, List<DiagnosticInfo> diagnostics) =>
            node.Columns.Select(column => column with
            {
                Tests = column.Tests.Select(test =>
                {
                    if (test.TargetType == null)
                        return test;
                    if (!byType.TryGetValue(test.TargetType, out var target))
                    {
                        diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnknownReference, test.Location,
                            Display(test.TargetType), "a relationship test must reference a model, source or seed"));
                        return test;
                    }
                    return test with { Arguments = new[] { target.Name }.Concat(test.Arguments).ToEquatableArray() };
                }).ToEquatableArray(),
            }).ToEquatableArray();

        // Kahn's algorithm, ties broken by name so the order is deterministic. Nodes left over form cycles.
        private static List<NodeSpec> TopologicalOrder(
            List<NodeSpec> nodes, Dictionary<string, NodeSpec> byType, Dictionary<string, List<string>> dependencies, List<DiagnosticInfo> diagnostics)
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
            var order = new List<NodeSpec>();
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
            ReportCycles(cyclic, byType, dependencies, diagnostics);
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
            List<NodeSpec> cyclic, Dictionary<string, NodeSpec> byType, Dictionary<string, List<string>> dependencies, List<DiagnosticInfo> diagnostics)
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
                var closing = byType[path[path.Count - 1]].Sql.First(p => p.TargetType == path[0]);
                var others = path.Take(path.Count - 1).Select((t, i) => byType[t].Sql.First(p => p.TargetType == path[i + 1]).Location!);
                diagnostics.Add(new DiagnosticInfo(DiagnosticDescriptors.DependencyCycle.Id, closing.Location!,
                    new[] { string.Join(" -> ", names) }.ToEquatableArray(), others.ToEquatableArray()));
            }
        }

        /// <summary>A type name for messages: without <c>global::</c>.</summary>
        internal static string Display(string typeName) => typeName.StartsWith("global::") ? typeName.Substring(8) : typeName;
    }
}
