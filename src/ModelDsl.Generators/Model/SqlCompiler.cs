using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using ModelDsl.Catalog;

namespace ModelDsl.Generators.Model
{
    /// <summary>
    /// Writes a model's final SQL: references become quoted relation names, and every ephemeral model it
    /// reaches (directly or through other ephemeral models) is prepended as a CTE, dependencies first.
    /// In an incremental model (or an incremental data test), a <c>Ref</c>/<c>Source</c> to a node with an event time becomes a CTE
    /// (<c>__narrowed__schema__name</c>) filtered to the days being processed (engine-neutral placeholders the runtime sets), so the SQL stays static;
    /// <c>RefWindow(n)</c> widens the filter to the n days ending on the day built; <c>RefAll</c> is never narrowed.
    /// Narrowing reaches through inlined ephemeral models that have an event time: the ephemeral keeps its outer
    /// filter, and its CTE (<c>__ephemeral__x__narrowed</c>) narrows its own references the same way, over the window
    /// it is read with (a window of n days through a window of m reads n + m - 1 days). An ephemeral without an event
    /// time is a lookup, never narrowed inside; an ephemeral also read whole (by <c>RefAll</c>, or through a lookup)
    /// gets a second, whole CTE.
    /// </summary>
    internal sealed class SqlCompiler
    {
        // The model's own WITH, after any leading whitespace and comments (kept in place).
        private static readonly Regex LeadingWith = new Regex(
            @"^(?<lead>(\s|--[^\n]*(\n|$)|/\*.*?\*/)*)with(?<recursive>\s+recursive)?\b", RegexOptions.IgnoreCase | RegexOptions.Singleline);

        // The window of a use that is not narrowed: the whole relation.
        private const int Whole = 0;

        private readonly Dictionary<string, NodeShape> _byType;
        private readonly Dictionary<string, List<string>> _dependencies;

        public SqlCompiler(Dictionary<string, NodeShape> byType, Dictionary<string, List<string>> dependencies)
        {
            _byType = byType;
            _dependencies = dependencies;
        }

        /// <summary>The relation a reference to <paramref name="node"/> compiles to (also its generated RelationName).</summary>
        public static string RelationName(NodeShape node) =>
            node.Materialization == "ephemeral" ? SqlIdentifier.Quote("__ephemeral__" + node.Name) : SqlIdentifier.Quote(node.Schema) + "." + SqlIdentifier.Quote(node.Name);

        private static string NarrowedRelationName(NodeShape ephemeral) => SqlIdentifier.Quote("__ephemeral__" + ephemeral.Name + "__narrowed");

        public CompiledSql Compile(NodeSpec node)
        {
            if (node.Kind == NodeKind.Source || node.Kind == NodeKind.Seed)
                return new CompiledSql(string.Empty, EquatableArray<string>.Empty, 1);
            var ephemerals = new List<string>();
            CollectEphemerals(node.TypeName, ephemerals, new HashSet<string>());
            var uses = new Uses();
            var window = node.Materialization == "incremental" || node.Config.SingularTest?.Incremental == true ? 1 : Whole;
            Read(node.Sql, window, uses);
            // Dependents before dependencies, so an ephemeral's uses are all known when its own references are read.
            foreach (var type in Enumerable.Reverse(ephemerals))
            {
                if (uses.Whole.Contains(type))
                    Read(_byType[type].InlinedSql, Whole, uses);
                if (uses.Narrowed.TryGetValue(type, out var narrowed))
                    Read(_byType[type].InlinedSql, narrowed, uses);
            }

            var narrowings = new Narrowings();
            var body = Body(node.Sql, window, narrowings).Trim();
            // Every body first, so that every narrowed read is known before the CTEs are put in order.
            var inlined = ephemerals.Select(type => _byType[type]).Select(ephemeral => (
                Type: ephemeral.TypeName,
                Whole: uses.Whole.Contains(ephemeral.TypeName) ? Cte(RelationName(ephemeral), Body(ephemeral.InlinedSql, Whole, narrowings)) : null,
                Narrowed: uses.Narrowed.TryGetValue(ephemeral.TypeName, out var narrowed)
                    ? Cte(NarrowedRelationName(ephemeral), Body(ephemeral.InlinedSql, narrowed, narrowings)) : null)).ToList();
            // The filters over physical relations read nothing compiled here: they go first; a filter over an ephemeral
            // comes right after it, before any of its readers.
            var ctes = narrowings.Of(null).ToList();
            foreach (var (type, whole, narrowedCte) in inlined)
            {
                if (whole != null) ctes.Add(whole);
                if (narrowedCte != null) ctes.Add(narrowedCte);
                ctes.AddRange(narrowings.Of(type));
            }
            return new CompiledSql(WithCtes(body, ctes), uses.Inputs.ToEquatableArray(), uses.WidestWindow);
        }

        /// <summary>
        /// The window <paramref name="reference"/> reads its target over, inside SQL compiled for
        /// <paramref name="window"/>: <see cref="Whole"/> unless both narrow.
        /// </summary>
        private static int Window(SqlPart reference, NodeShape target, int window) =>
            window == Whole || reference.ReferenceKind == ReferenceKind.RefAll || target.EventTime == null
                ? Whole
                : window + reference.WindowDays - 1;

        /// <summary>Records how <paramref name="sql"/>, compiled for <paramref name="window"/>, reads its references.</summary>
        private void Read(EquatableArray<SqlPart> sql, int window, Uses uses)
        {
            foreach (var part in sql.Where(p => p.IsReference))
            {
                if (!_byType.TryGetValue(part.TargetType!, out var target))
                    continue;
                var read = Window(part, target, window);
                if (read != Whole && read > uses.WidestWindow)
                    uses.WidestWindow = read;
                if (target.Materialization != "ephemeral")
                {
                    if (read != Whole && !uses.Inputs.Contains(target.Name))
                        uses.Inputs.Add(target.Name);
                }
                else if (read == Whole)
                    uses.Whole.Add(part.TargetType!);
                else if (!uses.Narrowed.TryGetValue(part.TargetType!, out var widest) || read > widest)
                    uses.Narrowed[part.TargetType!] = read;
            }
        }

        /// <summary>How a model's SQL and the ephemeral models it inlines read their references.</summary>
        private sealed class Uses
        {
            /// <summary>Ephemeral models read whole.</summary>
            public readonly HashSet<string> Whole = new HashSet<string>();

            /// <summary>Ephemeral models read narrowed, with the widest window a reader needs (each reader's outer filter keeps its own).</summary>
            public readonly Dictionary<string, int> Narrowed = new Dictionary<string, int>();

            /// <summary>The physical nodes read narrowed, in order of first use.</summary>
            public readonly List<string> Inputs = new List<string>();

            public int WidestWindow = 1;
        }

        private string Body(EquatableArray<SqlPart> sql, int window, Narrowings narrowings)
        {
            var builder = new StringBuilder();
            foreach (var part in sql)
            {
                if (!part.IsReference)
                {
                    builder.Append(part.Text);
                    continue;
                }
                if (!_byType.TryGetValue(part.TargetType!, out var target))
                {
                    builder.Append(part.TargetType);
                    continue;
                }
                var read = Window(part, target, window);
                builder.Append(read == Whole ? RelationName(target) : narrowings.Add(target, read));
            }
            return builder.ToString();
        }

        /// <summary>
        /// The narrowed reads of one compiled model, each a CTE named after its relation and window: a reference compiles
        /// to a plain name, which the model may alias or not (a subquery in FROM would need an alias in PostgreSQL).
        /// </summary>
        private sealed class Narrowings
        {
            private readonly List<(string Name, string? Ephemeral, string Cte)> _ctes = new List<(string, string?, string)>();

            /// <summary>The name of the CTE that reads <paramref name="target"/> over <paramref name="window"/> days.</summary>
            public string Add(NodeShape target, int window)
            {
                var isEphemeral = target.Materialization == "ephemeral";
                var name = SqlIdentifier.Quote("__narrowed__" + (isEphemeral ? "ephemeral" : target.Schema) + "__" + target.Name
                                               + (window == 1 ? string.Empty : "__" + window + "d"));
                if (!_ctes.Any(c => c.Name == name))
                {
                    // The one narrowing predicate, shared with the runtime (its placeholders are the engine's to render).
                    var relation = isEphemeral ? NarrowedRelationName(target) : RelationName(target);
                    var body = "select * from " + relation + " where " + Narrowing.Predicate(target.EventTime!, window);
                    _ctes.Add((name, isEphemeral ? target.TypeName : null, Cte(name, body)));
                }
                return name;
            }

            /// <summary>The CTEs over the ephemeral of type <paramref name="ephemeral"/>, or over physical relations (null), in order of first use.</summary>
            public IEnumerable<string> Of(string? ephemeral) => _ctes.Where(c => c.Ephemeral == ephemeral).Select(c => c.Cte);
        }

        private static string Cte(string name, string body) => name + " as (\n" + Indent(body.Trim()) + "\n)";

        private static string WithCtes(string body, List<string> ctes)
        {
            if (ctes.Count == 0)
                return body;
            var list = string.Join(",\n", ctes);
            var with = LeadingWith.Match(body);
            if (!with.Success)
                return "with " + list + "\n" + body;
            // The model has its own WITH: ours go first in the same list (RECURSIVE must stay right after WITH).
            var recursive = with.Groups["recursive"].Success ? " recursive" : string.Empty;
            return with.Groups["lead"].Value + "with" + recursive + " " + list + ",\n" + body.Substring(with.Length).TrimStart();
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
    }

    /// <summary>
    /// A model's compiled SQL; <see cref="NarrowedInputs"/> are the physical nodes it narrows to the processed days
    /// (through ephemeral models too), <see cref="WindowDays"/> the widest window of days it reads a narrowed reference over.
    /// </summary>
    internal sealed record CompiledSql(string Sql, EquatableArray<string> NarrowedInputs, int WindowDays);
}
