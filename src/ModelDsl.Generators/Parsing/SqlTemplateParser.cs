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
    /// Turns a model's <c>Sql</c> expression into text and typed references. A hole must be
    /// <c>Ref&lt;T&gt;()</c>, <c>RefAll&lt;T&gt;()</c>, <c>Source&lt;T&gt;()</c> or a compile-time constant.
    /// </summary>
    internal static class SqlTemplateParser
    {
        public static EquatableArray<SqlPart> Parse(
            ExpressionSyntax expression, SemanticModel model, string className, List<DiagnosticInfo> diagnostics, CancellationToken ct)
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
                        parts.Add(ParseHole(hole, model, className, diagnostics, ct));
                }
            }
            else
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.MissingSql, LocationInfo.From(expression), className));
            }
            return Merge(parts).ToEquatableArray();
        }

        private static SqlPart ParseHole(
            InterpolationSyntax hole, SemanticModel model, string className, List<DiagnosticInfo> diagnostics, CancellationToken ct)
        {
            if (hole.AlignmentClause == null && hole.FormatClause == null)
            {
                if (TryConstant(hole.Expression, model, ct, out var constant))
                    return SqlPart.Literal(constant);
                if (TryReference(hole.Expression, model, ct) is { } reference)
                    return reference;
            }
            diagnostics.Add(DiagnosticInfo.Create(
                DiagnosticDescriptors.InvalidSqlHole, LocationInfo.From(hole.Expression), hole.Expression.ToString(), className));
            return SqlPart.Literal(string.Empty);
        }

        private static SqlPart? TryReference(ExpressionSyntax expression, SemanticModel model, CancellationToken ct)
        {
            if (expression is not InvocationExpressionSyntax { ArgumentList.Arguments.Count: 0 } invocation)
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
            ReferenceKind kind;
            switch (method.Name)
            {
                case "Ref": kind = ReferenceKind.Ref; break;
                case "RefAll": kind = ReferenceKind.RefAll; break;
                case "Source": kind = ReferenceKind.Source; break;
                default: return null;
            }

            var typeSyntax = name.TypeArgumentList.Arguments[0];
            var type = model.GetTypeInfo(typeSyntax, ct).Type;
            var target = type is null or IErrorTypeSymbol ? typeSyntax.ToString() : TypeNames.Of(type);
            return new SqlPart(string.Empty, target, kind, LocationInfo.From(typeSyntax));
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
