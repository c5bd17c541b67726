using System.Net;
using System.Text.RegularExpressions;

namespace PilotEval.Documents;

/// <summary>Paragraph text of a simple HTML fragment (a Word altChunk): block tags split paragraphs, scripts and styles are dropped.</summary>
internal static partial class HtmlText
{
    public static IEnumerable<string> Paragraphs(string html)
    {
        var text = Invisible().Replace(html, " ");
        text = BlockBoundary().Replace(text, "\n");
        text = Tag().Replace(text, "");
        foreach (var line in WebUtility.HtmlDecode(text).Split('\n'))
        {
            var clean = TextNormalizer.CleanVisible(line);
            if (clean.Length > 0) yield return clean;
        }
    }

    [GeneratedRegex(@"<(script|style|head)\b[^>]*>.*?</\1\s*>", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex Invisible();

    [GeneratedRegex(@"<(?:/?(?:p|div|h[1-6]|li|tr|table|ul|ol|section|article|blockquote)\b[^>]*|br\s*/?)>", RegexOptions.IgnoreCase)]
    private static partial Regex BlockBoundary();

    [GeneratedRegex(@"<[^>]*>")]
    private static partial Regex Tag();
}
