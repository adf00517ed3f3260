using System;
using System.CodeDom.Compiler;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis.CSharp;

namespace ModelDsl.Generators.Emit
{
    /// <summary>An indented writer with the literal helpers both emitters need; always "\n" line endings.</summary>
    internal sealed class CodeWriter
    {
        private readonly StringWriter _text = new StringWriter(System.Globalization.CultureInfo.InvariantCulture) { NewLine = "\n" };
        private readonly IndentedTextWriter _writer;

        public CodeWriter() => _writer = new IndentedTextWriter(_text, "    ") { NewLine = "\n" };

        public void Line(string text = "")
        {
            if (text.Length == 0)
                _writer.WriteLineNoTabs(string.Empty);
            else
                _writer.WriteLine(text);
        }

        public void Open(string text)
        {
            Line(text);
            Line("{");
            _writer.Indent++;
        }

        public void Close(string suffix = "")
        {
            _writer.Indent--;
            Line("}" + suffix);
        }

        public void Indent() => _writer.Indent++;

        public void Unindent() => _writer.Indent--;

        /// <summary>Text written by another writer, already indented and ending with a new line.</summary>
        public void Verbatim(string text) => _text.Write(text);

        /// <summary>A multi-line raw string literal, its content indented with the code, then <paramref name="suffix"/>.</summary>
        public void RawString(string value, string suffix)
        {
            var quotes = new string('"', Math.Max(3, LongestQuoteRun(value) + 1));
            Line(quotes);
            // Lines are written as they are: trailing spaces may sit inside a SQL string literal.
            foreach (var line in value.Replace("\r\n", "\n").Split('\n'))
                Line(line);
            Line(quotes + suffix);
        }

        public static string Literal(string? value) => value == null ? "null" : SymbolDisplay.FormatLiteral(value, quote: true);

        public static string StringArray(System.Collections.Generic.IEnumerable<string> values)
        {
            var items = values.Select(Literal).ToList();
            return items.Count == 0 ? "[]" : "[" + string.Join(", ", items) + "]";
        }

        public override string ToString() => _text.ToString();

        private static int LongestQuoteRun(string value)
        {
            int longest = 0, current = 0;
            foreach (var c in value)
            {
                current = c == '"' ? current + 1 : 0;
                longest = Math.Max(longest, current);
            }
            return longest;
        }
    }
}
