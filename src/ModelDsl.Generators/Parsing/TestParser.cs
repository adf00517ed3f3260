using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis;
using ModelDsl.Generators.Model;

namespace ModelDsl.Generators.Parsing
{
    /// <summary>
    /// Reads data-test attributes: column tests (<c>[Unique]</c>, <c>[References&lt;T&gt;]</c>, ...), model tests
    /// (<c>[RowCount]</c>, <c>[ExpressionIsTrue]</c>) and a singular test's <c>[DataTest]</c>, each with its severity and
    /// failing-row thresholds.
    /// </summary>
    internal static class TestParser
    {
        public static TestSpec Column(AttributeData attribute)
        {
            var type = attribute.AttributeClass!;
            switch (NodeParser.MetadataName(type))
            {
                case "ModelDsl.UniqueAttribute":
                    return Create(attribute, "unique", new string[0]);
                case "ModelDsl.NotNullAttribute":
                    return Create(attribute, "not_null", new string[0]);
                case "ModelDsl.AcceptedValuesAttribute":
                    var values = attribute.ConstructorArguments.SelectMany<TypedConstant, TypedConstant>(a => a.Kind == TypedConstantKind.Array ? a.Values : new[] { a });
                    return Create(attribute, "accepted_values", values.Select(v => v.Value as string ?? string.Empty).ToArray());
                case "ModelDsl.AcceptedRangeAttribute":
                    return Create(attribute, "accepted_range", new[] { Number(attribute, "Min"), Number(attribute, "Max") });
                case KnownNames.References:
                    return Create(attribute, "relationships", new[] { attribute.ConstructorArguments[0].Value as string ?? string.Empty })
                        with { TargetType = TypeNames.Of(type.TypeArguments[0]) };
                default:
                    return Create(attribute, Naming.SnakeCase(NodeParser.ShortName(attribute)), new string[0]);
            }
        }

        /// <summary>The model-level tests on a node class, in declaration order.</summary>
        public static EquatableArray<TestSpec> Model(INamedTypeSymbol symbol) =>
            symbol.GetAttributes()
                .Where(a => NodeParser.Inherits(a.AttributeClass, KnownNames.ModelTest))
                .Select(a => NodeParser.MetadataName(a.AttributeClass) switch
                {
                    "ModelDsl.RowCountAttribute" => Create(a, "row_count", new[] { Integer(a, "Min", 0), Integer(a, "Max", long.MaxValue) }),
                    "ModelDsl.UniqueCombinationAttribute" => Create(a, "unique_combination",
                        a.ConstructorArguments[0].Values.Select(v => v.Value as string ?? string.Empty).ToArray()),
                    "ModelDsl.ExpressionIsTrueAttribute" => Create(a, "expression_is_true", new[] { a.ConstructorArguments[0].Value as string ?? string.Empty }),
                    _ => Create(a, Naming.SnakeCase(NodeParser.ShortName(a)), new string[0]),
                })
                .ToEquatableArray();

        /// <summary>A singular test's settings, from its <c>[DataTest]</c> marker.</summary>
        public static TestSpec Singular(AttributeData marker) =>
            Create(marker, "singular", new string[0]) with { Incremental = NodeParser.NamedValue(marker, "Incremental") is true };

        /// <summary>Where a test attribute is written; <paramref name="fallback"/> when it comes from metadata.</summary>
        public static LocationInfo Location(AttributeData attribute, LocationInfo fallback) =>
            attribute.ApplicationSyntaxReference?.GetSyntax() is { } syntax ? LocationInfo.From(syntax) : fallback;

        private static TestSpec Create(AttributeData attribute, string kind, string[] arguments)
        {
            var severity = NodeParser.NamedEnum(attribute, "Severity", Severity.Error);
            return new TestSpec(kind, arguments.ToEquatableArray(), severity, null,
                NodeParser.NamedInt(attribute, "WarnIf", 0), NodeParser.NamedInt(attribute, "ErrorIf", 0));
        }

        private static string Number(AttributeData attribute, string name) =>
            NodeParser.NamedValue(attribute, name) is double d ? d.ToString("R", CultureInfo.InvariantCulture) : string.Empty;

        private static string Integer(AttributeData attribute, string name, long fallback) =>
            (NodeParser.NamedValue(attribute, name) as long? ?? fallback).ToString(CultureInfo.InvariantCulture);
    }
}
