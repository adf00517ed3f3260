using System.Globalization;
using System.Text.RegularExpressions;
using ModelDsl.Catalog;
using ModelDsl.Runtime;

namespace ModelDsl.Graph;

/// <summary>
/// Which nodes a command works on, in dbt's grammar. Each <c>--select</c> word is a union member; commas inside a
/// word intersect. A criterion is a node name (or <c>schema.name</c>) or <c>tag:</c>, <c>layer:</c>, <c>path:</c>,
/// <c>resource_type:</c>; <c>+x</c> / <c>n+x</c> adds ancestors, <c>x+</c> / <c>x+n</c> descendants, <c>@x</c> descendants
/// and their ancestors. Tests on selected nodes are selected too (dbt's eager indirect selection), and
/// <c>--exclude</c> (same grammar) removes nodes last. No <c>--select</c> means every node.
/// </summary>
public static partial class Selector
{
    private static readonly string[] Methods = ["tag", "layer", "path", "resource_type"];
    /// <summary>dbt's resource types, as <see cref="Names.ResourceType"/> names them.</summary>
    public static readonly IReadOnlyList<string> ResourceTypes = ["model", "seed", "snapshot", "source", "test", "analysis"];

    /// <summary>The selected nodes, in catalog (topological) order.</summary>
    public static IReadOnlyList<Node> Select(ModelCatalog catalog, IReadOnlyList<string> select, IReadOnlyList<string> exclude)
    {
        var included = select.Count == 0 ? catalog.Nodes.ToHashSet() : Evaluate(catalog, Words(select, "--select"), "--select");
        var excluded = Evaluate(catalog, Words(exclude, "--exclude"), "--exclude");
        return catalog.Nodes.Where(n => included.Contains(n) && !excluded.Contains(n)).ToList();
    }

    /// <summary>The nodes of <paramref name="resourceTypes"/> (<c>--resource-type</c>; empty: every type).</summary>
    public static IReadOnlyList<Node> OfResourceTypes(IEnumerable<Node> nodes, IReadOnlyCollection<string> resourceTypes) =>
        nodes.Where(n => resourceTypes.Count == 0 || resourceTypes.Contains(Names.ResourceType(n))).ToList();

    /// <summary>The node called <paramref name="name"/>; an unknown name is bad input with close suggestions.</summary>
    public static Node Resolve(ModelCatalog catalog, string name, string where)
    {
        var node = catalog.Find(name)
                   ?? catalog.Nodes.FirstOrDefault(n => string.Equals(n.Relation, name, StringComparison.OrdinalIgnoreCase));
        if (node is not null)
            return node;
        throw Unknown($"unknown node '{name}' in {where}", name, catalog.Nodes.Select(n => n.Name));
    }

    // A value given but empty is a mistake (an unset shell variable), not "everything".
    private static List<string> Words(IReadOnlyList<string> values, string where) =>
        values.SelectMany(v => v.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries) is { Length: > 0 } words
            ? words
            : throw new BadInputException($"empty selector '{v}' in {where}")).ToList();

    private static HashSet<Node> Evaluate(ModelCatalog catalog, List<string> words, string where)
    {
        var union = new HashSet<Node>();
        foreach (var word in words)
        {
            var sets = word.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(term => Term(catalog, term, where)).ToList();
            if (sets.Count == 0)
                throw new BadInputException($"empty selector '{word}' in {where}");
            union.UnionWith(sets.Aggregate((a, b) => { a.IntersectWith(b); return a; }));
        }
        // Tests follow the nodes they test, unless a test is named (or excluded) on its own.
        union.UnionWith(catalog.Nodes.Where(n => n.Kind == NodeKind.Test && catalog.Parents(n).Any(union.Contains)));
        return union;
    }

    // [@][n+]criterion[+n]
    private static HashSet<Node> Term(ModelCatalog catalog, string term, string where)
    {
        var match = TermPattern().Match(term);
        if (!match.Success)
            throw new BadInputException($"cannot read selector '{term}' in {where}");
        // An error about the criterion quotes the selector it was written in when that says more (`@x`, `2+x`).
        var criterion = match.Groups["criterion"].Value;
        var roots = Criterion(catalog, criterion, criterion == term ? where : $"'{term}' of {where}");
        var result = roots.ToHashSet();
        foreach (var root in roots)
        {
            if (match.Groups["at"].Success)
            {
                var descendants = GraphWalk.Descendants(catalog, root).Append(root).ToList();
                result.UnionWith(descendants);
                result.UnionWith(descendants.SelectMany(d => GraphWalk.Ancestors(catalog, d)));
                continue;
            }
            if (match.Groups["up"].Success)
                result.UnionWith(GraphWalk.Ancestors(catalog, root, Depth(match.Groups["updepth"].Value, term, where)));
            if (match.Groups["down"].Success)
                result.UnionWith(GraphWalk.Descendants(catalog, root, Depth(match.Groups["downdepth"].Value, term, where)));
        }
        return result;
    }

    private static int? Depth(string digits, string term, string where) =>
        digits.Length == 0 ? null
        : int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var depth) ? depth
        : throw new BadInputException($"depth {digits} in selector '{term}' of {where} is too large (at most {int.MaxValue})");

    private static List<Node> Criterion(ModelCatalog catalog, string criterion, string where)
    {
        var colon = criterion.IndexOf(':');
        if (colon < 0)
            return [Resolve(catalog, criterion, where)];

        var method = criterion[..colon].ToLowerInvariant();
        var value = criterion[(colon + 1)..];
        if (value.Length == 0 && Methods.Contains(method))
            throw new BadInputException($"selector '{criterion}' in {where} has nothing after '{method}:'");
        Func<Node, bool> matches = method switch
        {
            "tag" => n => n.Config.Tags.Contains(value, StringComparer.OrdinalIgnoreCase),
            "layer" => n => Names.Lower(n.Layer) == value.ToLowerInvariant() || string.Equals(n.Schema, value, StringComparison.OrdinalIgnoreCase),
            "path" => n => n.File.StartsWith(value.TrimStart('.', '/'), StringComparison.OrdinalIgnoreCase),
            "resource_type" => n => Names.ResourceType(n) == value.ToLowerInvariant(),
            _ => throw Unknown($"unknown selector method '{method}:' in {where} (expected one of: {string.Join(", ", Methods)})", method, Methods),
        };
        var nodes = catalog.Nodes.Where(matches).ToList();
        if (nodes.Count > 0 || (method == "resource_type" && ResourceTypes.Contains(value.ToLowerInvariant())))
            return nodes;

        IEnumerable<string> known = method switch
        {
            "tag" => catalog.Nodes.SelectMany(n => n.Config.Tags),
            "layer" => Enum.GetValues<Layer>().Select(Names.Lower).Concat(catalog.Nodes.Select(n => n.Schema)),
            "resource_type" => ResourceTypes,
            _ => catalog.Nodes.Select(n => n.File),
        };
        var candidates = known.Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        // Nothing to suggest from: say so, so that a typo is not taken for a missing node.
        if (candidates.Count == 0)
            throw new BadInputException($"no node matches '{criterion}' in {where} (no node has a {method})");
        throw Unknown($"no node matches '{criterion}' in {where}", value, candidates);
    }

    /// <summary>Bad input naming what is unknown, with up to three close <paramref name="candidates"/> as suggestions.</summary>
    internal static BadInputException Unknown(string message, string name, IEnumerable<string> candidates)
    {
        var suggestions = Levenshtein.Closest(name, candidates);
        return new BadInputException(suggestions.Count == 0 ? message : $"{message}; did you mean {string.Join(", ", suggestions)}?");
    }

    [GeneratedRegex(@"^(?<at>@)?(?:(?<up>(?<updepth>\d*)\+))?(?<criterion>[^+@]+)(?<down>\+(?<downdepth>\d*))?$")]
    private static partial Regex TermPattern();
}
