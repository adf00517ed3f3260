using System;
using System.Collections.Generic;
using System.Globalization;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using ModelDsl.Generators.Diagnostics;
using ModelDsl.Generators.Model;

namespace ModelDsl.Generators.Parsing
{
    /// <summary>
    /// Turns a model's <c>Sql</c> expression into text and typed references. A hole must be <c>Ref&lt;T&gt;()</c>,
    /// <c>RefAll&lt;T&gt;()</c>, <c>RefWindow&lt;T&gt;(days)</c>, <c>Source&lt;T&gt;()</c> or a compile-time constant.
    /// Each reference's location goes to <c>references</c>, in order, not into the parts.
    /// </summary>
    internal static class SqlTemplateParser
    {
        public static EquatableArray<SqlPart> Parse(
            ExpressionSyntax expression, SemanticModel model, string className, List<DiagnosticInfo> diagnostics, List<LocationInfo> references, CancellationToken ct)
        {
            var parts = new List<SqlPart>();
            if (TryConstant(expression, model, ct, out var whole))
            {
                parts.Add(SqlPart.Literal(whole));
            }
            else if (expression is InterpolatedStringExpressionSyntax interpolated)
            {
                foreach (var content in interpolated.Contents)
                {
                    if (content is InterpolatedStringTextSyntax text)
                        parts.Add(SqlPart.Literal(text.TextToken.ValueText));
                    else if (content is InterpolationSyntax hole)
                        parts.Add(ParseHole(hole, model, className, diagnostics, references, ct));
                }
            }
            else
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.MissingSql, LocationInfo.From(expression), className));
            }
            return Merge(parts).ToEquatableArray();
        }

        private static SqlPart ParseHole(
            InterpolationSyntax hole, SemanticModel model, string className, List<DiagnosticInfo> diagnostics, List<LocationInfo> references, CancellationToken ct)
        {
            if (hole.AlignmentClause == null && hole.FormatClause == null)
            {
                if (TryConstant(hole.Expression, model, ct, out var constant))
                    return SqlPart.Literal(constant);
                if (TryReference(hole.Expression, model, className, diagnostics, ct) is { } reference)
                {
                    references.Add(reference.Location);
                    return reference.Part;
                }
            }
            diagnostics.Add(DiagnosticInfo.Create(
                DiagnosticDescriptors.InvalidSqlHole, LocationInfo.From(hole.Expression), hole.Expression.ToString(), className));
            return SqlPart.Literal(string.Empty);
        }

        private static (SqlPart Part, LocationInfo Location)? TryReference(
            ExpressionSyntax expression, SemanticModel model, string className, List<DiagnosticInfo> diagnostics, CancellationToken ct)
        {
            if (expression is not InvocationExpressionSyntax invocation)
                return null;
            var name = invocation.Expression switch
            {
                GenericNameSyntax generic => generic,
                MemberAccessExpressionSyntax { Name: GenericNameSyntax generic } => generic,
                _ => null,
            };
            if (name == null || name.TypeArgumentList.Arguments.Count != 1)
                return null;

            var info = model.GetSymbolInfo(invocation, ct);
            var method = info.Symbol as IMethodSymbol;
            if (method == null && info.CandidateSymbols.Length > 0)
                method = info.CandidateSymbols[0] as IMethodSymbol;
            if (method?.ContainingType?.ToDisplayString() != KnownNames.SqlModel)
                return null;
            var arguments = invocation.ArgumentList.Arguments;
            ReferenceKind kind;
            switch (method.Name)
            {
                case "Ref" when arguments.Count == 0: kind = ReferenceKind.Ref; break;
                case "RefAll" when arguments.Count == 0: kind = ReferenceKind.RefAll; break;
                case "Source" when arguments.Count == 0: kind = ReferenceKind.Source; break;
                case "RefWindow" when arguments.Count == 1: kind = ReferenceKind.RefWindow; break;
                default: return null;
            }

            var typeSyntax = name.TypeArgumentList.Arguments[0];
            var type = model.GetTypeInfo(typeSyntax, ct).Type;
            var target = type is null or IErrorTypeSymbol ? typeSyntax.ToString() : TypeNames.Of(type);
            var days = kind == ReferenceKind.RefWindow ? WindowDays(arguments[0].Expression, model, ct) : 1;
            if (days == null)
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidWindow, LocationInfo.From(arguments[0].Expression),
                    CatalogBuilder.Display(target), className, "the number of days must be a constant int of at least 1"));
            // A bad window still yields the reference (one day), so the graph keeps its edge.
            return (new SqlPart(string.Empty, target, kind, days ?? 1), LocationInfo.From(typeSyntax));
        }

        private static int? WindowDays(ExpressionSyntax argument, SemanticModel model, CancellationToken ct)
        {
            var constant = model.GetConstantValue(argument, ct);
            return constant.HasValue && constant.Value is int days && days >= 1 ? days : null;
        }

        private static bool TryConstant(ExpressionSyntax expression, SemanticModel model, CancellationToken ct, out string text)
        {
            var constant = model.GetConstantValue(expression, ct);
            text = constant.HasValue ? Convert.ToString(constant.Value, CultureInfo.InvariantCulture) ?? string.Empty : string.Empty;
            return constant.HasValue;
        }

        // Adjacent literals become one part, so the spec is the same however the SQL was split.
        private static IEnumerable<SqlPart> Merge(List<SqlPart> parts)
        {
            string? pending = null;
            foreach (var part in parts)
            {
                if (!part.IsReference)
                {
                    pending = (pending ?? string.Empty) + part.Text;
                    continue;
                }
                if (pending != null)
                    yield return SqlPart.Literal(pending);
                pending = null;
                yield return part;
            }
            if (pending != null)
                yield return SqlPart.Literal(pending);
        }
    }

    internal static class TypeNames
    {
        /// <summary>The one spelling of a type used to match references to nodes.</summary>
        public static string Of(ITypeSymbol type) => type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);
    }
}
