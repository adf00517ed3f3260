using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace Generators.Tests.Harness;

/// <summary>
/// A source file whose expected diagnostic location is marked <c>[|like this|]</c> (Roslyn's test markup);
/// the markers are removed from <see cref="File"/>.
/// </summary>
public sealed record MarkedFile(SourceFile File, TextSpan Span)
{
    private const string Open = "[|", Close = "|]";

    public static MarkedFile Model(string name, string markedText)
    {
        var start = markedText.IndexOf(Open, StringComparison.Ordinal);
        var end = markedText.IndexOf(Close, StringComparison.Ordinal);
        if (start < 0 || end < start || markedText.IndexOf(Open, start + 1, StringComparison.Ordinal) >= 0)
            throw new ArgumentException("Mark exactly one span with [|...|].", nameof(markedText));
        var text = markedText.Remove(end, Close.Length).Remove(start, Open.Length);
        return new MarkedFile(SourceFile.Model(name, text), new TextSpan(start, end - start - Open.Length));
    }

    public string MarkedText => File.Text.Substring(Span.Start, Span.Length);

    /// <summary>Asserts <paramref name="location"/> is the marked span of this file: path, span and line/column.</summary>
    public void AssertIsLocationOf(Location location)
    {
        var expectedLines = SourceText.From(File.Text).Lines.GetLinePositionSpan(Span);
        var actual = location.GetLineSpan();
        Assert.Equal(File.Path, actual.Path);
        Assert.Equal(expectedLines, actual.Span);
        Assert.Equal(Span, location.SourceSpan);
        Assert.Equal(MarkedText, location.SourceTree?.GetText().ToString(location.SourceSpan) ?? File.Text.Substring(location.SourceSpan.Start, location.SourceSpan.Length));
    }
}
