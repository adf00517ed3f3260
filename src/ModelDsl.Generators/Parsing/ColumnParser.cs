using System.Collections.Generic;
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
        /// <summary>
        /// The declared columns; with <paramref name="describe"/>, a column without a <c>&lt;summary&gt;</c> is MDSL012.
        /// Each column test's location goes to <paramref name="testLocations"/>, in order.
        /// </summary>
        public static EquatableArray<ColumnSpec> Read(
            INamedTypeSymbol symbol, string className, bool describe, List<DiagnosticInfo> diagnostics, List<LocationInfo> testLocations, CancellationToken ct)
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
                var testAttributes = property.GetAttributes().Where(a => NodeParser.Inherits(a.AttributeClass, KnownNames.ColumnTest)).ToList();
                var tests = testAttributes.Select(TestParser.Column).ToEquatableArray();
                testLocations.AddRange(testAttributes.Select(a => TestParser.Location(a, location)));
                var description = syntax == null ? null : DocComments.Summary(syntax);
                if (describe && description == null)
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.MissingDescription, location, "Column '" + name + "' of '" + className + "'"));
                columns.Add(new ColumnSpec(name, sqlType, nullable, tests, description));
            }
            return columns.ToEquatableArray();
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
