using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using ModelDsl.Generators.Diagnostics;
using ModelDsl.Generators.Emit;
using ModelDsl.Generators.Model;
using ModelDsl.Generators.Parsing;

namespace ModelDsl.Generators
{
    /// <summary>
    /// Parse (one pipeline per marker attribute) → model (the resolved graph, then each node compiled on its own) →
    /// emit (a partial per node and one catalog of per-node entries). The values outputs read hold no location or
    /// diagnostic: those take a separate path that only reports, so moving text re-runs no output and an edit to one
    /// model's SQL compiles and writes only that model's entry again.
    /// </summary>
    [Generator(LanguageNames.CSharp)]
    public sealed class ModelGenerator : IIncrementalGenerator
    {
        /// <summary>Per class: its spec with its locations and diagnostics.</summary>
        public const string ParseStep = "Parse";

        /// <summary>Per node: the location-free spec the outputs read.</summary>
        public const string SpecStep = "Spec";

        /// <summary>Per node: what other nodes need of it (<see cref="NodeShape"/>).</summary>
        public const string ShapeStep = "Shape";

        /// <summary>The whole project: resolved references, topological order, graph problems.</summary>
        public const string GraphStep = "Graph";

        /// <summary>Per node: its compiled SQL and resolved dependencies and tests.</summary>
        public const string CompileStep = "Compile";

        /// <summary>Per node: its catalog entry as code.</summary>
        public const string EntryStep = "Entry";

        /// <summary>The catalog: the entries in topological order.</summary>
        public const string CatalogStep = "Catalog";

        public void Initialize(IncrementalGeneratorInitializationContext context)
        {
            var parsedByMarker = KnownNames.Markers
                .Select(marker => context.SyntaxProvider
                    .ForAttributeWithMetadataName(marker, static (node, _) => node is Microsoft.CodeAnalysis.CSharp.Syntax.ClassDeclarationSyntax, NodeParser.Parse)
                    .Where(static parsed => parsed != null)
                    .Select(static (parsed, _) => parsed!)
                    .WithTrackingName(ParseStep))
                .ToList();

            var projectDirectory = context.AnalyzerConfigOptionsProvider.Select(static (options, _) =>
                options.GlobalOptions.TryGetValue("build_property.projectdir", out var directory) ? directory : null);

            var shapes = new List<IncrementalValueProvider<ImmutableArray<NodeShape>>>();
            var locations = new List<IncrementalValueProvider<ImmutableArray<NodeLocations>>>();
            var specsByMarker = new List<IncrementalValuesProvider<NodeSpec>>();
            foreach (var parsed in parsedByMarker)
            {
                context.RegisterSourceOutput(parsed.Select(static (p, _) => p.Diagnostics), ReportAll);
                var specs = parsed.Select(static (p, _) => p.Spec).WithTrackingName(SpecStep);
                context.RegisterSourceOutput(specs, EmitRelation);
                specsByMarker.Add(specs);
                shapes.Add(specs.Select(static (spec, _) => NodeShape.Of(spec)).WithTrackingName(ShapeStep).Collect());
                locations.Add(parsed.Select(static (p, _) => p.Locations).Collect());
            }

            var graph = Concat(shapes).Select(static (all, _) => CatalogBuilder.Graph(all)).WithTrackingName(GraphStep);

            // Graph problems are located only here, so a location that moves re-reports them and re-runs nothing else.
            context.RegisterSourceOutput(graph.Select(static (g, _) => g.Problems).Combine(Concat(locations)), static (spc, pair) =>
            {
                var byType = new Dictionary<string, NodeLocations>();
                foreach (var node in pair.Right)
                    byType[node.TypeName] = node;
                foreach (var problem in pair.Left)
                    spc.ReportDiagnostic(Create(problem.Locate(site => byType[site.TypeName].Of(site))));
            });

            var entries = specsByMarker.Select(specs => specs
                .Combine(graph)
                .Select(static (pair, _) => CatalogBuilder.Compile(pair.Left, pair.Right))
                .WithTrackingName(CompileStep)
                .Combine(projectDirectory)
                .Select(static (pair, _) => CatalogEmitter.Entry(pair.Left, pair.Right))
                .WithTrackingName(EntryStep)
                .Collect());

            var catalog = Concat(entries.ToList())
                .Combine(graph)
                .Select(static (pair, _) => CatalogEmitter.Emit(pair.Left.OrderBy(e => pair.Right.Position[e.TypeName])))
                .WithTrackingName(CatalogStep);
            context.RegisterSourceOutput(catalog, static (spc, code) => spc.AddSource(CatalogEmitter.HintName, code));
        }

        private static IncrementalValueProvider<ImmutableArray<T>> Concat<T>(IReadOnlyList<IncrementalValueProvider<ImmutableArray<T>>> parts) =>
            parts.Aggregate((left, right) => left.Combine(right).Select(static (pair, _) => pair.Left.AddRange(pair.Right)));

        private static void EmitRelation(SourceProductionContext context, NodeSpec node)
        {
            if (node.EmitsRelation)
                context.AddSource(RelationEmitter.HintName(node), RelationEmitter.Emit(node));
        }

        private static void ReportAll(SourceProductionContext context, EquatableArray<DiagnosticInfo> diagnostics)
        {
            foreach (var diagnostic in diagnostics)
                context.ReportDiagnostic(Create(diagnostic));
        }

        private static Diagnostic Create(DiagnosticInfo info) =>
            Diagnostic.Create(
                DiagnosticDescriptors.ById[info.Id],
                info.Location.ToLocation(),
                info.AdditionalLocations.Select(l => l.ToLocation()),
                info.Arguments.Cast<object>().ToArray());
    }
}
