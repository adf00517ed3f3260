using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using ModelDsl.Generators.Diagnostics;
using ModelDsl.Generators.Model;

namespace ModelDsl.Generators.Parsing
{
    /// <summary>Reads one class carrying a marker attribute into a <see cref="NodeSpec"/>.</summary>
    internal static class NodeParser
    {
        public static ParsedNode? Parse(GeneratorAttributeSyntaxContext context, CancellationToken ct)
        {
            if (context.TargetSymbol is not INamedTypeSymbol symbol || context.TargetNode is not ClassDeclarationSyntax syntax)
                return null;

            // A class with several markers is seen by several pipelines; only its first marker's pipeline parses it.
            var attributes = symbol.GetAttributes();
            var markers = attributes.Where(a => KnownNames.Markers.Contains(MetadataName(a.AttributeClass))).ToList();
            var marker = context.Attributes[0];
            if (!SymbolEqualityComparer.Default.Equals(markers[0].AttributeClass, marker.AttributeClass))
                return null;

            var className = symbol.Name;
            var location = LocationInfo.From(syntax.Identifier.GetLocation());
            var diagnostics = new List<DiagnosticInfo>();
            var markerName = MetadataName(marker.AttributeClass)!;
            var layer = LayerOf(markerName);
            var kind = markerName switch
            {
                KnownNames.Source => NodeKind.Source,
                KnownNames.Seed => NodeKind.Seed,
                KnownNames.DataTest => NodeKind.Test,
                KnownNames.Analysis => NodeKind.Analysis,
                _ => NodeKind.Model,
            };

            void Invalid(string message) =>
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidConfiguration, location, className, message));

            if (markers.Count > 1)
                Invalid("has more than one layer attribute (" + string.Join(", ", markers.Select(m => "[" + ShortName(m) + "]")) + ")");

            var requiredBase = kind switch
            {
                NodeKind.Source => KnownNames.SourceTable,
                NodeKind.Seed => KnownNames.SeedTable,
                NodeKind.Test => KnownNames.SqlTest,
                NodeKind.Analysis => KnownNames.SqlAnalysis,
                _ => KnownNames.SqlModel,
            };
            if (!DerivesFrom(symbol, requiredBase))
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.WrongBaseType, location, className,
                    "must derive from " + requiredBase + " to be a [" + ShortName(marker) + "] node"));
            // A query that is never built must not become a model by carrying a layer attribute.
            var ownMarker = DerivesFrom(symbol, KnownNames.SqlAnalysis) ? "Analysis" : DerivesFrom(symbol, KnownNames.SqlTest) ? "DataTest" : null;
            if (kind == NodeKind.Model && ownMarker != null)
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.WrongBaseType, location, className,
                    "derives from " + MetadataName(symbol.BaseType) + ": mark it [" + ownMarker + "], not [" + ShortName(marker) + "]"));
            if (symbol.ContainingType != null)
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.WrongBaseType, location, className, "must be a top-level class"));
            if (symbol.IsGenericType)
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.WrongBaseType, location, className, "must not be generic: a node is one relation"));
            var isPartial = symbol.DeclaringSyntaxReferences.Any(r => r.GetSyntax(ct) is ClassDeclarationSyntax c && c.Modifiers.Any(SyntaxKind.PartialKeyword));
            if (!isPartial)
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NotPartial, location, className));

            // Name and schema.
            var name = NamedString(marker, "Name") ?? Naming.SnakeCase(className);
            var schema = NamedString(marker, "Schema") ?? DefaultSchema(layer);
            string? sourceEventTime = null, sourceLoadedAt = null, seedPath = null;
            int warnAfterHours = 0, errorAfterHours = 0;
            if (kind == NodeKind.Source)
            {
                schema = marker.ConstructorArguments[0].Value as string ?? schema;
                name = marker.ConstructorArguments[1].Value as string ?? name;
                sourceEventTime = NamedString(marker, "EventTime");
                sourceLoadedAt = NamedString(marker, "LoadedAt");
                warnAfterHours = NamedInt(marker, "WarnAfterHours", 0);
                errorAfterHours = NamedInt(marker, "ErrorAfterHours", 0);
                if (warnAfterHours < 0 || errorAfterHours < 0)
                    Invalid("WarnAfterHours and ErrorAfterHours must not be negative");
                if (warnAfterHours > 0 || errorAfterHours > 0)
                {
                    if (string.IsNullOrWhiteSpace(sourceLoadedAt))
                        Invalid("freshness limits need LoadedAt");
                }
            }
            else if (kind == NodeKind.Seed)
            {
                seedPath = marker.ConstructorArguments[0].Value as string;
                schema = NamedString(marker, "Schema") ?? "raw";
            }
            // They become the relation, words of selectors and paths under target/: reported where they are written.
            if (!Naming.IsIdentifier(name))
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidName,
                    ArgumentLocation(marker, kind == NodeKind.Source ? null : "Name", 1, location, ct), "name", name, className));
            if (!Naming.IsIdentifier(schema))
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidName,
                    ArgumentLocation(marker, kind == NodeKind.Source ? null : "Schema", 0, location, ct), "schema", schema, className));

            var (materialization, incremental, scd2) = ReadMaterialization(markerName, marker, attributes, kind, Invalid);

            var sql = EquatableArray<SqlPart>.Empty;
            var references = new List<LocationInfo>();
            if (kind == NodeKind.Model || kind == NodeKind.Test || kind == NodeKind.Analysis)
                sql = ReadSql(symbol, context.SemanticModel.Compilation, className, location, diagnostics, references, ct);

            // Analytics models are what analysts read: each, and each of its declared columns, says what it holds.
            var describe = kind == NodeKind.Model && (layer == "dimension" || layer == "fact");
            var description = DocComments.Summary(syntax);
            if (describe && description == null)
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.MissingDescription, location, "The analytics model '" + className + "'"));
            var testLocations = new List<LocationInfo>();
            var columns = ColumnParser.Read(symbol, className, describe, diagnostics, testLocations, ct);
            var lineSpan = syntax.Identifier.GetLocation().GetLineSpan();
            var eventTime = kind == NodeKind.Source ? sourceEventTime : incremental?.EventTime ?? NamedString(marker, "EventTime");
            var modelTests = TestParser.Model(symbol);
            if (kind == NodeKind.Analysis && (modelTests.Count > 0 || columns.Any(c => c.Tests.Count > 0)))
                Invalid("an analysis is never built, so it cannot carry data tests; write a [DataTest] on what it reads");
            var config = new ConfigSpec(NamedStrings(marker, "Tags").ToEquatableArray(), incremental, scd2, sourceEventTime, sourceLoadedAt, seedPath, eventTime,
                warnAfterHours, errorAfterHours, modelTests, kind == NodeKind.Test ? TestParser.Singular(marker) : null);

            var typeName = TypeNames.Of(symbol);
            var spec = new NodeSpec(
                typeName,
                symbol.ContainingNamespace.IsGlobalNamespace ? null : symbol.ContainingNamespace.ToDisplayString(),
                className,
                isPartial && symbol.ContainingType == null && !symbol.IsGenericType,
                kind,
                layer,
                materialization,
                name,
                schema,
                sql,
                columns,
                config,
                description,
                lineSpan.Path ?? string.Empty,
                lineSpan.StartLinePosition.Line + 1);
            var locations = new NodeLocations(typeName, location, references.ToEquatableArray(), testLocations.ToEquatableArray());
            return new ParsedNode(spec, locations, diagnostics.ToEquatableArray());
        }

        private static (string Materialization, IncrementalSpec? Incremental, Scd2Spec? Scd2) ReadMaterialization(
            string markerName, AttributeData marker, ImmutableArray<AttributeData> attributes, NodeKind kind, System.Action<string> invalid)
        {
            if (kind == NodeKind.Source)
                return ("external", null, null);
            if (kind == NodeKind.Seed)
                return ("seed", null, null);
            if (kind == NodeKind.Test)
                return ("test", null, null);
            if (kind == NodeKind.Analysis)
                return ("analysis", null, null);

            var explicitOnes = attributes
                .Where(a => MetadataName(a.AttributeClass) is KnownNames.View or KnownNames.Table or KnownNames.Ephemeral or KnownNames.Incremental or KnownNames.Scd2)
                .ToList();
            if (explicitOnes.Count > 1)
                invalid("has more than one materialization (" + string.Join(", ", explicitOnes.Select(a => "[" + ShortName(a) + "]")) + ")");

            IncrementalSpec? incremental = null;
            Scd2Spec? scd2 = null;
            var factGrain = markerName == KnownNames.Fact ? NamedEnum(marker, "Grain", Grain.None) : Grain.None;
            if (factGrain != Grain.None)
                incremental = ReadIncremental(marker, factGrain);

            var chosen = explicitOnes.FirstOrDefault();
            string materialization;
            switch (MetadataName(chosen?.AttributeClass))
            {
                case KnownNames.View: materialization = "view"; break;
                case KnownNames.Table: materialization = "table"; break;
                case KnownNames.Ephemeral: materialization = "ephemeral"; break;
                case KnownNames.Incremental:
                    materialization = "incremental";
                    incremental = ReadIncremental(chosen!, NamedEnum(chosen!, "Grain", Grain.Day));
                    break;
                case KnownNames.Scd2:
                    materialization = "snapshot";
                    scd2 = ReadScd2(chosen!);
                    break;
                default:
                    materialization = incremental != null ? "incremental" : markerName == KnownNames.Intermediate ? "ephemeral" : "table";
                    break;
            }

            if (incremental != null && materialization != "incremental")
                invalid("[Fact(Grain = ...)] makes the model incremental; it cannot also be " + materialization);
            if (markerName == KnownNames.Snapshot && scd2 == null)
                invalid("[Snapshot] models need [Scd2(UniqueKey = ..., UpdatedAt = ...)]");
            if (incremental != null)
            {
                if (incremental.Grain == Grain.None)
                    invalid("an incremental model needs a grain (Day, Event or Key)");
                if (incremental.Grain == Grain.Day && string.IsNullOrWhiteSpace(incremental.EventTime))
                    invalid("a day-grain incremental model needs EventTime");
                if (incremental.Grain == Grain.Event && string.IsNullOrWhiteSpace(incremental.UniqueKey))
                    invalid("an event-grain incremental model needs UniqueKey");
                if (incremental.Grain == Grain.Key && string.IsNullOrWhiteSpace(incremental.UniqueKey))
                    invalid("a key-grain incremental model needs UniqueKey");
                if (incremental.LookbackDays < 0)
                    invalid("LookbackDays must not be negative");
            }
            if (scd2 != null)
            {
                if (string.IsNullOrWhiteSpace(scd2.UniqueKey))
                    invalid("[Scd2] needs UniqueKey");
                if (scd2.Strategy == Scd2Strategy.Timestamp && string.IsNullOrWhiteSpace(scd2.UpdatedAt))
                    invalid("[Scd2] with the timestamp strategy needs UpdatedAt");
                if (scd2.Strategy == Scd2Strategy.Timestamp && scd2.CheckColumns.Count > 0)
                    invalid("[Scd2] CheckColumns apply only to the check strategy");
            }
            return (materialization, incremental, scd2);
        }

        private static IncrementalSpec ReadIncremental(AttributeData attribute, Grain grain) =>
            new IncrementalSpec(
                grain,
                NamedString(attribute, "EventTime"),
                NamedString(attribute, "UniqueKey"),
                NamedInt(attribute, "LookbackDays", 0),
                NamedEnum(attribute, "OnSchemaChange", OnSchemaChange.Fail));

        private static Scd2Spec ReadScd2(AttributeData attribute)
        {
            var hasValidTo = attribute.NamedArguments.Any(a => a.Key == "CurrentValidTo");
            return new Scd2Spec(
                NamedString(attribute, "UniqueKey"),
                NamedString(attribute, "UpdatedAt"),
                NamedEnum(attribute, "Strategy", Scd2Strategy.Timestamp),
                NamedStrings(attribute, "CheckColumns").ToEquatableArray(),
                NamedEnum(attribute, "HardDeletes", HardDeletes.Ignore),
                hasValidTo ? NamedString(attribute, "CurrentValidTo") : "9999-12-31 00:00:00");
        }

        private static EquatableArray<SqlPart> ReadSql(
            INamedTypeSymbol symbol, Compilation compilation, string className, LocationInfo location, List<DiagnosticInfo> diagnostics,
            List<LocationInfo> references, CancellationToken ct)
        {
            var property = symbol.GetMembers("Sql").OfType<IPropertySymbol>().FirstOrDefault(p => !p.IsStatic);
            var syntax = property?.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax(ct) as PropertyDeclarationSyntax;
            var expression = syntax == null ? null : SqlExpression(syntax);
            if (expression == null)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.MissingSql, syntax != null ? LocationInfo.From(syntax.Identifier.GetLocation()) : location, className));
                return EquatableArray<SqlPart>.Empty;
            }
            var model = compilation.GetSemanticModel(expression.SyntaxTree);
            return SqlTemplateParser.Parse(expression, model, className, diagnostics, references, ct);
        }

        // `Sql => ...`, `Sql { get => ...; }` or `Sql { get { return ...; } }`.
        private static ExpressionSyntax? SqlExpression(PropertyDeclarationSyntax property)
        {
            if (property.ExpressionBody != null)
                return property.ExpressionBody.Expression;
            var getter = property.AccessorList?.Accessors.FirstOrDefault(a => a.IsKind(SyntaxKind.GetAccessorDeclaration));
            if (getter?.ExpressionBody != null)
                return getter.ExpressionBody.Expression;
            return getter?.Body?.Statements.Count == 1 && getter.Body.Statements[0] is ReturnStatementSyntax ret ? ret.Expression : null;
        }

        // Where an attribute argument is written: the named one, else (name null) the positional one at `position`;
        // `fallback` when it is not written.
        private static LocationInfo ArgumentLocation(AttributeData attribute, string? name, int position, LocationInfo fallback, CancellationToken ct)
        {
            var arguments = (attribute.ApplicationSyntaxReference?.GetSyntax(ct) as AttributeSyntax)?.ArgumentList?.Arguments;
            var argument = name != null
                ? arguments?.FirstOrDefault(a => a.NameEquals?.Name.Identifier.ValueText == name)
                : arguments?.Where(a => a.NameEquals == null).ElementAtOrDefault(position);
            return argument != null ? LocationInfo.From(argument.Expression) : fallback;
        }

        private static string LayerOf(string marker) => marker switch
        {
            KnownNames.Staging => "staging",
            KnownNames.Intermediate => "intermediate",
            KnownNames.Dimension => "dimension",
            KnownNames.Fact => "fact",
            KnownNames.Snapshot => "snapshot",
            KnownNames.Utility => "utility",
            KnownNames.Source => "source",
            KnownNames.DataTest => "test",
            KnownNames.Analysis => "analysis",
            _ => "seed",
        };

        private static string DefaultSchema(string layer) => layer switch
        {
            "staging" => "staging",
            "intermediate" => "intermediate",
            "snapshot" => "snapshots",
            "utility" => "utilities",
            "dimension" or "fact" => "analytics",
            "test" => "audit",
            "analysis" => "analysis",
            _ => "raw",
        };

        internal static string? MetadataName(INamedTypeSymbol? type)
        {
            if (type == null)
                return null;
            var definition = type.OriginalDefinition;
            var ns = definition.ContainingNamespace.ToDisplayString();
            return (ns.Length > 0 ? ns + "." : string.Empty) + definition.MetadataName;
        }

        internal static bool DerivesFrom(INamedTypeSymbol symbol, string metadataName)
        {
            for (var type = symbol.BaseType; type != null; type = type.BaseType)
            {
                if (MetadataName(type) == metadataName)
                    return true;
            }
            return false;
        }

        internal static bool Inherits(INamedTypeSymbol? attribute, string metadataName) =>
            attribute != null && (MetadataName(attribute) == metadataName || DerivesFrom(attribute, metadataName));

        /// <summary>An attribute's name as written in C#: without its <c>Attribute</c> suffix.</summary>
        internal static string ShortName(AttributeData attribute) =>
            attribute.AttributeClass!.Name.EndsWith("Attribute") ? attribute.AttributeClass.Name.Substring(0, attribute.AttributeClass.Name.Length - 9) : attribute.AttributeClass.Name;

        /// <summary>The value of a named argument (a property set in the attribute); null when it is not set.</summary>
        internal static object? NamedValue(AttributeData attribute, string name) =>
            attribute.NamedArguments.FirstOrDefault(a => a.Key == name).Value.Value;

        internal static string? NamedString(AttributeData attribute, string name) => NamedValue(attribute, name) as string;

        internal static int NamedInt(AttributeData attribute, string name, int fallback) =>
            NamedValue(attribute, name) is int value ? value : fallback;

        internal static IEnumerable<string> NamedStrings(AttributeData attribute, string name)
        {
            var argument = attribute.NamedArguments.FirstOrDefault(a => a.Key == name);
            return argument.Key == null || argument.Value.Kind != TypedConstantKind.Array
                ? Enumerable.Empty<string>()
                : argument.Value.Values.Select(v => v.Value as string ?? string.Empty);
        }

        // An enum argument arrives as its underlying int: read as the DSL's own enum (the same source file, linked), so
        // a value added there is known here; one out of its range keeps the fallback.
        internal static T NamedEnum<T>(AttributeData attribute, string name, T fallback) where T : struct, System.Enum =>
            NamedValue(attribute, name) is int value && System.Enum.IsDefined(typeof(T), value) ? (T)(object)value : fallback;
    }
}
