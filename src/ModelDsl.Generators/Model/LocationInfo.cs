using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace ModelDsl.Generators.Model
{
    /// <summary>A source location as plain data, recreated as a <see cref="Location"/> when reported.</summary>
    internal sealed record LocationInfo(string FilePath, TextSpan Span, LinePositionSpan LineSpan)
    {
        public static LocationInfo From(SyntaxNode node) => From(node.GetLocation());

        public static LocationInfo From(Location location)
        {
            var line = location.GetLineSpan();
            return new LocationInfo(line.Path ?? string.Empty, location.SourceSpan, line.Span);
        }

        public Location ToLocation() => Location.Create(FilePath, Span, LineSpan);
    }

    /// <summary>A diagnostic as plain data.</summary>
    internal sealed record DiagnosticInfo(string Id, LocationInfo Location, EquatableArray<string> Arguments, EquatableArray<LocationInfo> AdditionalLocations)
    {
        public static DiagnosticInfo Create(DiagnosticDescriptor descriptor, LocationInfo location, params string[] arguments) =>
            new DiagnosticInfo(descriptor.Id, location, arguments.ToEquatableArray(), EquatableArray<LocationInfo>.Empty);
    }
}

namespace ModelDsl.Generators.Model
{
    /// <summary>
    /// Where one node's parts are written, kept apart from its <see cref="NodeSpec"/> so that moving text changes
    /// only this: <see cref="References"/> holds one location per reference in its SQL, <see cref="ColumnTests"/> one
    /// per column test (columns then tests, in order).
    /// </summary>
    internal sealed record NodeLocations(string TypeName, LocationInfo Node, EquatableArray<LocationInfo> References, EquatableArray<LocationInfo> ColumnTests)
    {
        public LocationInfo Of(Site site) => site.Kind switch
        {
            SiteKind.Reference => References[site.Index],
            SiteKind.ColumnTest => ColumnTests[site.Index],
            _ => Node,
        };
    }

    /// <summary>What parsing one class yields: the spec the outputs read, and its locations and diagnostics.</summary>
    internal sealed record ParsedNode(NodeSpec Spec, NodeLocations Locations, EquatableArray<DiagnosticInfo> Diagnostics);

    internal enum SiteKind { Node, Reference, ColumnTest }

    /// <summary>A place in a node named without a location: the node itself, its n-th reference or its n-th column test.</summary>
    internal sealed record Site(string TypeName, SiteKind Kind, int Index = 0);

    /// <summary>A diagnostic of the graph, at sites; located through <see cref="NodeLocations"/> when reported.</summary>
    internal sealed record GraphProblem(string Id, Site At, EquatableArray<string> Arguments, EquatableArray<Site> AdditionalSites)
    {
        public static GraphProblem Create(Microsoft.CodeAnalysis.DiagnosticDescriptor descriptor, Site at, params string[] arguments) =>
            new GraphProblem(descriptor.Id, at, arguments.ToEquatableArray(), EquatableArray<Site>.Empty);

        public DiagnosticInfo Locate(System.Func<Site, LocationInfo> locate) =>
            new DiagnosticInfo(Id, locate(At), Arguments, AdditionalSites.Select(locate).ToEquatableArray());
    }
}
