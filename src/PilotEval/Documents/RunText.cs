using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Wordprocessing;

namespace PilotEval.Documents;

/// <summary>
/// The text of one Word paragraph as a reader sees it, split from the text a reader cannot see.
/// Deleted revisions, field instructions and the fallback copy of alternate content are skipped,
/// so nothing is read twice and nothing deleted is read at all.
/// </summary>
internal static class RunText
{
    /// <summary>Half-points: text below 4 pt is not legible on paper.</summary>
    private const int TinyFontHalfPoints = 8;

    public static (string Visible, string Hidden) Of(OpenXmlElement paragraph)
    {
        var visible = new StringBuilder();
        var hidden = new StringBuilder();
        Walk(paragraph, visible, hidden, isRoot: true);
        return (visible.ToString(), hidden.ToString());
    }

    private static void Walk(OpenXmlElement element, StringBuilder visible, StringBuilder hidden, bool isRoot)
    {
        foreach (var child in element.ChildElements)
        {
            switch (child)
            {
                case DeletedRun or DeletedText or FieldCode or DeletedFieldCode:
                    continue;
                case AlternateContentFallback:
                    continue;
                case Paragraph nested when !isRoot:
                    // A paragraph inside a text box: separate it from the text before it.
                    if (visible.Length > 0) visible.Append(' ');
                    Walk(nested, visible, hidden, isRoot: false);
                    continue;
                case Text text:
                    (IsHidden(text) ? hidden : visible).Append(text.Text);
                    continue;
                case TabChar:
                    visible.Append(' ');
                    continue;
                case Break or CarriageReturn:
                    visible.Append(' ');
                    continue;
                default:
                    Walk(child, visible, hidden, isRoot: false);
                    continue;
            }
        }
    }

    private static bool IsHidden(Text text)
    {
        var run = text.Parent as Run;
        var properties = run?.RunProperties;
        if (properties is null) return false;
        if (properties.Vanish is { } vanish && (vanish.Val is null || vanish.Val.Value)) return true;
        if (properties.Color?.Val?.Value is { } color &&
            (color.Equals("FFFFFF", StringComparison.OrdinalIgnoreCase) || color.Equals("white", StringComparison.OrdinalIgnoreCase)))
        {
            // White on an unshaded page cannot be read.
            return properties.Shading is null && properties.Highlight is null;
        }
        return properties.FontSize?.Val?.Value is { } size &&
               int.TryParse(size, out var halfPoints) && halfPoints < TinyFontHalfPoints;
    }
}
