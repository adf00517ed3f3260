using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;

namespace ModelDsl.Generators.Model
{
    /// <summary>
    /// Writes a model's final SQL: references become quoted relation names, and every ephemeral model it
    /// reaches (directly or through other ephemeral models) is prepended as a CTE, dependencies first.
    /// In an incremental model, a <c>Ref</c>/<c>Source</c> to a node with an event time becomes a subquery
    /// filtered to the days being processed (DuckDB variables the runtime sets), so the SQL stays static;
    /// <c>RefAll</c> is never narrowed, nor are references inside inlined ephemeral models.
    /// </summary>
    internal sealed class SqlCompiler
    {
        // The model's own WITH, after any leading whitespace and comments (kept in place).
        private static readonly Regex LeadingWith = new Regex(
            @"^(?<lead>(\s|--[^\n]*(\n|$)|/\*.*?\*/)*)with(?<recursive>\s+recursive)?\b", RegexOptions.IgnoreCase | RegexOptions.Singleline);

        private readonly Dictionary<string, NodeSpec> _byType;
        private readonly Dictionary<string, List<string>> _dependencies;

        public SqlCompiler(Dictionary<string, NodeSpec> byType, Dictionary<string, List<string>> dependencies)
        {
            _byType = byType;
            _dependencies = dependencies;
        }

        /// <summary>The relation a reference to <paramref name="node"/> compiles to (also its generated RelationName).</summary>
        public static string RelationName(NodeSpec node) =>
            node.Materialization == "ephemeral" ? Quote("__ephemeral__" + node.Name) : Quote(node.Schema) + "." + Quote(node.Name);

        public string Compile(NodeSpec node)
        {
            if (node.Kind == NodeKind.Source || node.Kind == NodeKind.Seed)
                return string.Empty;
            var body = Body(node, narrow: node.Materialization == "incremental").Trim();
            var ephemerals = new List<string>();
            CollectEphemerals(node.TypeName, ephemerals, new HashSet<string>());
            if (ephemerals.Count == 0)
                return body;

            var ctes = string.Join(",\n", ephemerals.Select(t => RelationName(_byType[t]) + " as (\n" + Indent(Body(_byType[t], narrow: false).Trim()) + "\n)"));
            var with = LeadingWith.Match(body);
            if (!with.Success)
                return "with " + ctes + "\n" + body;
            // The model has its own WITH: ours go first in the same list (RECURSIVE must stay right after WITH).
            var recursive = with.Groups["recursive"].Success ? " recursive" : string.Empty;
            return with.Groups["lead"].Value + "with" + recursive + " " + ctes + ",\n" + body.Substring(with.Length).TrimStart();
        }

        /// <summary>The distinct nodes <paramref name="node"/>'s SQL narrows, in order of first use.</summary>
        public EquatableArray<string> NarrowedInputs(NodeSpec node) =>
            node.Materialization != "incremental"
                ? EquatableArray<string>.Empty
                : node.Sql.Where(p => p.IsReference && _byType.TryGetValue(p.TargetType!, out var t) && IsNarrowed(p, t))
                    .Select(p => _byType[p.TargetType!].Name).Distinct().ToEquatableArray();

        private static bool IsNarrowed(SqlPart reference, NodeSpec target) =>
            reference.ReferenceKind != ReferenceKind.RefAll && target.Config.EventTime != null;

        private string Body(NodeSpec node, bool narrow)
        {
            var builder = new StringBuilder();
            foreach (var part in node.Sql)
            {
                if (!part.IsReference)
                    builder.Append(part.Text);
                else if (!_byType.TryGetValue(part.TargetType!, out var target))
                    builder.Append(part.TargetType);
                else if (narrow && IsNarrowed(part, target))
                    builder.Append(Narrowed(target));
                else
                    builder.Append(RelationName(target));
            }
            return builder.ToString();
        }

        // Must match ModelDsl.Materializations.PartitionWindow, which sets the variables.
        private static string Narrowed(NodeSpec target)
        {
            var column = Quote(target.Config.EventTime!);
            return "(select * from " + RelationName(target) + " where " + column + " >= getvariable('partition_start') and "
                + column + " < getvariable('partition_end'))";
        }

        // Depth-first, dependencies before dependents; the visited set also stops at cycles (reported elsewhere).
        private void CollectEphemerals(string type, List<string> into, HashSet<string> visited)
        {
            foreach (var dependency in _dependencies[type])
            {
                var target = _byType[dependency];
                if (target.Materialization != "ephemeral" || !visited.Add(dependency))
                    continue;
                CollectEphemerals(dependency, into, visited);
                into.Add(dependency);
            }
        }

        private static string Indent(string sql) => "    " + sql.Replace("\n", "\n    ");

        private static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"") + "\"";
    }
}
