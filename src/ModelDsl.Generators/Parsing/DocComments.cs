using System.Linq;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;

namespace ModelDsl.Generators.Parsing
{
    /// <summary>
    /// The <c>&lt;summary&gt;</c> of a declaration's <c>///</c> comment, read from trivia so it works whether or
    /// not the project generates a documentation file.
    /// </summary>
    internal static class DocComments
    {
        private static readonly Regex SummaryTag = new Regex("<summary>(.*?)</summary>", RegexOptions.Singleline);
        private static readonly Regex Tag = new Regex("<[^>]+>");
        private static readonly Regex Space = new Regex(@"\s+");

        public static string? Summary(SyntaxNode declaration)
        {
            var lines = declaration.GetLeadingTrivia().ToFullString()
                .Split('\n')
                .Select(l => l.Trim())
                .Where(l => l.StartsWith("///"))
                .Select(l => l.Substring(3));
            var match = SummaryTag.Match(string.Join("\n", lines));
            if (!match.Success)
                return null;
            var text = Space.Replace(Tag.Replace(match.Groups[1].Value, string.Empty), " ").Trim();
            return text.Length == 0 ? null : System.Net.WebUtility.HtmlDecode(text);
        }
    }
}
