using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace ModelDsl.Generators.Diagnostics
{
    /// <summary>Every diagnostic the generator reports. IDs are stable; see AnalyzerReleases.*.md.</summary>
    internal static class DiagnosticDescriptors
    {
        private const string Category = "ModelDsl";

        public static readonly DiagnosticDescriptor UnknownReference = Error(
            "MDSL001", "Reference to a type that is not a model, source or seed",
            "'{0}' is not a model, source or seed: {1}");

        public static readonly DiagnosticDescriptor DependencyCycle = Error(
            "MDSL002", "Dependency cycle",
            "Models form a dependency cycle: {0}");

        public static readonly DiagnosticDescriptor InvalidSqlHole = Error(
            "MDSL003", "SQL interpolation is neither a DSL reference nor a constant",
            "'{0}' in the SQL of '{1}' is neither Ref<T>(), RefAll<T>(), RefWindow<T>(days), Source<T>() nor a compile-time constant");

        public static readonly DiagnosticDescriptor DuplicateRelation = Error(
            "MDSL004", "Two nodes with the same name",
            "'{0}' and '{1}' both define the node '{2}' (relation {3})");

        public static readonly DiagnosticDescriptor NotPartial = Error(
            "MDSL005", "Model class must be partial",
            "'{0}' must be declared partial so the generator can add its relation name");

        public static readonly DiagnosticDescriptor MissingSql = Error(
            "MDSL006", "Model has no SQL",
            "'{0}' must override Sql with a string literal or an interpolated string");

        public static readonly DiagnosticDescriptor InvalidConfiguration = Error(
            "MDSL007", "Missing or contradictory configuration",
            "'{0}': {1}");

        public static readonly DiagnosticDescriptor WrongBaseType = Error(
            "MDSL008", "Node has the wrong base type or shape",
            "'{0}' {1}");

        public static readonly DiagnosticDescriptor UnsupportedColumnType = Error(
            "MDSL009", "Column type has no SQL mapping",
            "Column '{0}' of '{1}' has type '{2}', which has no SQL mapping; set [Column(SqlType = ...)]");

        public static readonly DiagnosticDescriptor InvalidWindow = Error(
            "MDSL010", "Invalid windowed reference",
            "RefWindow<{0}> in the SQL of '{1}': {2}");

        public static readonly DiagnosticDescriptor InvalidName = Error(
            "MDSL011", "Node name or schema is not an identifier",
            "The {0} '{1}' of '{2}' is not an identifier: use letters, digits and underscores, not starting with a digit");

        public static readonly DiagnosticDescriptor MissingDescription = new DiagnosticDescriptor(
            "MDSL012", "Analytics model or column without a description",
            "{0} has no description: write a /// <summary> on it (analytics models are what people read)",
            Category, DiagnosticSeverity.Warning, isEnabledByDefault: true);

        public static readonly IReadOnlyDictionary<string, DiagnosticDescriptor> ById = new[]
        {
            UnknownReference, DependencyCycle, InvalidSqlHole, DuplicateRelation, NotPartial, MissingSql,
            InvalidConfiguration, WrongBaseType, UnsupportedColumnType, InvalidWindow, InvalidName, MissingDescription,
        }.ToDictionary(d => d.Id);

        private static DiagnosticDescriptor Error(string id, string title, string message) =>
            new DiagnosticDescriptor(id, title, message, Category, DiagnosticSeverity.Error, isEnabledByDefault: true);
    }
}
