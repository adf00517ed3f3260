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
    /// Parse (one pipeline per marker attribute) → model (the resolved graph) → emit (a partial per node and
    /// one catalog). Pipeline values are plain records, so unrelated edits leave every step cached.
    /// </summary>
    [Generator(LanguageNames.CSharp)]
    public sealed class ModelGenerator : IIncrementalGenerator
    {
        public const string ParseStep = "Parse";
        public const string CatalogStep = "Catalog";

        public void Initialize(IncrementalGeneratorInitializationContext context)
        {
            var all = KnownNames.Markers
                .Select(marker => context.SyntaxProvider
                    .ForAttributeWithMetadataName(marker, static (node, _) => node is Microsoft.CodeAnalysis.CSharp.Syntax.ClassDeclarationSyntax, NodeParser.Parse)
                    .Where(static spec => spec != null)
                    .Select(static (spec, _) => spec!)
                    .WithTrackingName(ParseStep))
                .ToList();

            foreach (var nodes in all)
                context.RegisterSourceOutput(nodes, EmitNode);

            var collected = all
                .Select(nodes => nodes.Collect())
                .Aggregate((left, right) => left.Combine(right).Select(static (pair, _) => pair.Left.AddRange(pair.Right)));

            var projectDirectory = context.AnalyzerConfigOptionsProvider.Select(static (options, _) =>
                options.GlobalOptions.TryGetValue("build_property.projectdir", out var directory) ? directory : null);

            var catalog = collected
                .Select(static (specs, _) => CatalogBuilder.Build(specs))
                .WithTrackingName(CatalogStep)
                .Combine(projectDirectory);

            context.RegisterSourceOutput(catalog, static (spc, pair) =>
            {
                foreach (var diagnostic in pair.Left.Diagnostics)
                    spc.ReportDiagnostic(Create(diagnostic));
                spc.AddSource(CatalogEmitter.HintName, CatalogEmitter.Emit(pair.Left, pair.Right));
            });
        }

        private static void EmitNode(SourceProductionContext context, NodeSpec node)
        {
            foreach (var diagnostic in node.Diagnostics)
                context.ReportDiagnostic(Create(diagnostic));
            if (node.EmitsRelation)
                context.AddSource(RelationEmitter.HintName(node), RelationEmitter.Emit(node));
        }

        private static Diagnostic Create(DiagnosticInfo info) =>
            Diagnostic.Create(
                DiagnosticDescriptors.ById[info.Id],
                info.Location.ToLocation(),
                info.AdditionalLocations.Select(l => l.ToLocation()),
                info.Arguments.Cast<object>().ToArray());
    }
}
