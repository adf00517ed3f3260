using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using ModelDsl.Generators.Diagnostics;
using ModelDsl.Generators.Model;

namespace ModelDsl.Generators.Parsing
{
    /// <summary>Reads a node's public instance properties as its declared columns and their tests.</summary>
    internal static class ColumnParser
    {
        public static EquatableArray<ColumnSpec> Read(INamedTypeSymbol symbol, string className, List<DiagnosticInfo> diagnostics, CancellationToken ct)
        {
            var columns = new List<ColumnSpec>();
            foreach (var property in symbol.GetMembers().OfType<IPropertySymbol>())
            {
                if (property.IsStatic || property.IsOverride || property.DeclaredAccessibility != Accessibility.Public || property.IsImplicitlyDeclared)
                    continue;
                var syntax = property.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax(ct) as PropertyDeclarationSyntax;
                var location = syntax != null ? LocationInfo.From(syntax.Identifier.GetLocation()) : LocationInfo.From(property.Locations[0]);

                var columnAttribute = property.GetAttributes().FirstOrDefault(a => NodeParser.MetadataName(a.AttributeClass) == KnownNames.Column);
                var name = (columnAttribute == null ? null : NodeParser.NamedString(columnAttribute, "Name")) ?? Naming.SnakeCase(property.Name);
                var (sqlType, nullable) = SqlTypes.Map(property.Type, property.NullableAnnotation);
                sqlType = (columnAttribute == null ? null : NodeParser.NamedString(columnAttribute, "SqlType")) ?? sqlType;
                if (sqlType == null)
                {
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnsupportedColumnType, location, property.Name, className, property.Type.ToDisplayString()));
                    continue;
                }
                var tests = property.GetAttributes()
                    .Where(a => NodeParser.Inherits(a.AttributeClass, KnownNames.ColumnTest))
                    .Select(a => ReadTest(a, location))
                    .ToEquatableArray();
                columns.Add(new ColumnSpec(name, sqlType, nullable, tests, syntax == null ? null : DocComments.Summary(syntax)));
            }
            return columns.ToEquatableArray();
        }

        private static TestSpec ReadTest(AttributeData attribute, LocationInfo fallback)
        {
            var location = attribute.ApplicationSyntaxReference?.GetSyntax() is { } syntax ? LocationInfo.From(syntax) : fallback;
            var severity = attribute.NamedArguments.FirstOrDefault(a => a.Key == "Severity").Value.Value is int s && s == 1 ? "warn" : "error";
            var type = attribute.AttributeClass!;
            switch (NodeParser.MetadataName(type))
            {
                case "ModelDsl.UniqueAttribute":
                    return Test("unique", new string[0]);
                case "ModelDsl.NotNullAttribute":
                    return Test("not_null", new string[0]);
                case "ModelDsl.AcceptedValuesAttribute":
                    var values = attribute.ConstructorArguments.SelectMany<TypedConstant, TypedConstant>(a => a.Kind == TypedConstantKind.Array ? a.Values : new[] { a });
                    return Test("accepted_values", values.Select(v => v.Value as string ?? string.Empty).ToArray());
                case "ModelDsl.AcceptedRangeAttribute":
                    return Test("accepted_range", new[] { Number(attribute, "Min"), Number(attribute, "Max") });
                case KnownNames.References:
                    return new TestSpec("relationships", new[] { attribute.ConstructorArguments[0].Value as string ?? string.Empty }.ToEquatableArray(),
                        severity, TypeNames.Of(type.TypeArguments[0]), location);
                default:
                    return Test(Naming.SnakeCase(type.Name.Replace("Attribute", string.Empty)), new string[0]);
            }

            TestSpec Test(string kind, string[] arguments) => new TestSpec(kind, arguments.ToEquatableArray(), severity, null, location);
        }

        private static string Number(AttributeData attribute, string name)
        {
            var value = attribute.NamedArguments.FirstOrDefault(a => a.Key == name).Value.Value;
            return value is double d ? d.ToString("R", CultureInfo.InvariantCulture) : string.Empty;
        }
    }

    /// <summary>The C# → SQL (DuckDB) column type mapping, documented in the README.</summary>
    internal static class SqlTypes
    {
        public static (string? SqlType, bool Nullable) Map(ITypeSymbol type, NullableAnnotation annotation)
        {
            var nullable = annotation == NullableAnnotation.Annotated;
            if (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } wrapper)
            {
                type = wrapper.TypeArguments[0];
                nullable = true;
            }
            var sqlType = type.SpecialType switch
            {
                SpecialType.System_String => "VARCHAR",
                SpecialType.System_Boolean => "BOOLEAN",
                SpecialType.System_Int16 => "SMALLINT",
                SpecialType.System_Int32 => "INTEGER",
                SpecialType.System_Int64 => "BIGINT",
                SpecialType.System_Single => "FLOAT",
                SpecialType.System_Double => "DOUBLE",
                SpecialType.System_Decimal => "DECIMAL(18,3)",
                SpecialType.System_DateTime => "TIMESTAMP",
                _ => type.ToDisplayString() switch
                {
                    "System.DateOnly" => "DATE",
                    "System.TimeOnly" => "TIME",
                    "System.DateTimeOffset" => "TIMESTAMP WITH TIME ZONE",
                    "System.Guid" => "UUID",
                    _ => null,
                },
            };
            return (sqlType, nullable);
        }
    }
}
