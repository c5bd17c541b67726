using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Wordprocessing;

namespace PilotEval.Documents;

/// <summary>
/// The text of one Word paragraph as a reader sees it, split from the text a reader cannot see.
/// Deleted and moved-away revisions, field instructions and the fallback copy of alternate content are
/// skipped, so nothing is read twice and nothing deleted is read at all; inserted revisions are read.
/// </summary>
internal static class RunText
{
    /// <summary>Half-points: text below 4 pt is not legible on paper.</summary>
    private const int TinyFontHalfPoints = 8;

    /// <param name="Visible">What a reader sees.</param>
    /// <param name="Hidden">Vanished, background-coloured or tiny text.</param>
    /// <param name="PageBreaksBefore">Rendered page breaks before the first visible character.</param>
    /// <param name="PageBreaksAfter">Rendered page breaks after it.</param>
    public readonly record struct Result(string Visible, string Hidden, int PageBreaksBefore, int PageBreaksAfter);

    /// <summary>Facts about where the paragraph stands that decide what is visible.</summary>
    /// <param name="Background">Fill behind the paragraph (cell or paragraph shading), hex RGB, or null for the page.</param>
    /// <param name="RunStyle">Resolves a character style id to its run properties, following basedOn.</param>
    public sealed record Context(string? Background, Func<string, IEnumerable<OpenXmlElement>>? RunStyle = null);

    public static (string Visible, string Hidden) Of(OpenXmlElement paragraph)
    {
        var result = Read(paragraph, new Context(null));
        return (result.Visible, result.Hidden);
    }

    public static Result Read(OpenXmlElement paragraph, Context context)
    {
        var state = new State(context, PageBackground(paragraph));
        if (paragraph is Paragraph { ParagraphProperties.Shading.Fill.Value: { } fill } && IsColour(fill)) state.Background = fill;
        Walk(paragraph, state, isRoot: true);
        return new Result(state.Visible.ToString(), state.Hidden.ToString(), state.BreaksBefore, state.BreaksAfter);
    }

    private sealed class State(Context context, string? page)
    {
        public Context Context { get; } = context;
        public string? Background { get; set; } = context.Background ?? page;
        public StringBuilder Visible { get; } = new();
        public StringBuilder Hidden { get; } = new();
        public int BreaksBefore { get; set; }
        public int BreaksAfter { get; set; }
    }

    private static void Walk(OpenXmlElement element, State state, bool isRoot)
    {
        foreach (var child in element.ChildElements)
        {
            switch (child)
            {
                case DeletedRun or DeletedText or FieldCode or DeletedFieldCode or MoveFromRun:
                    continue;
                case AlternateContentFallback:
                    continue;
                case Paragraph nested when !isRoot:
                    // A paragraph inside a text box: separate it from the text before it.
                    if (state.Visible.Length > 0) state.Visible.Append(' ');
                    Walk(nested, state, isRoot: false);
                    continue;
                case Text text:
                    (IsHidden(text, state) ? state.Hidden : state.Visible).Append(text.Text);
                    continue;
                case TabChar:
                    state.Visible.Append(' ');
                    continue;
                case Break or CarriageReturn:
                    state.Visible.Append(' ');
                    continue;
                case LastRenderedPageBreak:
                    if (state.Visible.ToString().Trim().Length == 0) state.BreaksBefore++;
                    else state.BreaksAfter++;
                    continue;
                default:
                    Walk(child, state, isRoot: false);
                    continue;
            }
        }
    }

    private static bool IsHidden(Text text, State state)
    {
        var run = text.Parent as Run;
        var direct = run?.RunProperties;
        IEnumerable<OpenXmlElement> layers = direct is null ? [] : [direct];
        if (direct?.RunStyle?.Val?.Value is { } styleId && state.Context.RunStyle is { } resolve)
        {
            layers = layers.Concat(resolve(styleId));
        }

        bool? vanish = null;
        string? color = null, size = null, fill = null;
        foreach (var layer in layers)
        {
            vanish ??= layer.GetFirstChild<Vanish>() is { } v ? v.Val is null || v.Val.Value : null;
            color ??= layer.GetFirstChild<Color>()?.Val?.Value;
            size ??= layer.GetFirstChild<FontSize>()?.Val?.Value;
            fill ??= layer.GetFirstChild<Shading>()?.Fill?.Value is { } f && IsColour(f) ? f
                : layer.GetFirstChild<Highlight>()?.Val?.Value is { } h && h != HighlightColorValues.None ? HighlightHex(h) : null;
        }
        if (vanish == true) return true;
        if (color is not null && IsColour(color))
        {
            var background = fill ?? state.Background ?? "FFFFFF";
            if (SameColour(color, background)) return true;
        }
        return size is not null && int.TryParse(size, out var halfPoints) && halfPoints < TinyFontHalfPoints;
    }

    /// <summary>The document's page colour (<c>w:background</c>), which Word shows in print layout.</summary>
    private static string? PageBackground(OpenXmlElement element) =>
        element.Ancestors<Document>().FirstOrDefault()?.DocumentBackground?.Color?.Value is { } colour && IsColour(colour) ? colour : null;

    private static bool IsColour(string value) => value.Length == 6 && value.All(Uri.IsHexDigit) || value.Equals("white", StringComparison.OrdinalIgnoreCase);

    /// <summary>Colours a reader cannot tell apart: every channel within a small distance.</summary>
    private static bool SameColour(string a, string b)
    {
        static (int, int, int) Rgb(string hex) => hex.Equals("white", StringComparison.OrdinalIgnoreCase)
            ? (255, 255, 255)
            : (Convert.ToInt32(hex[..2], 16), Convert.ToInt32(hex[2..4], 16), Convert.ToInt32(hex[4..], 16));
        var (r1, g1, b1) = Rgb(a);
        var (r2, g2, b2) = Rgb(b);
        return Math.Abs(r1 - r2) <= 16 && Math.Abs(g1 - g2) <= 16 && Math.Abs(b1 - b2) <= 16;
    }

    private static string? HighlightHex(HighlightColorValues value)
    {
        if (value == HighlightColorValues.White) return "FFFFFF";
        if (value == HighlightColorValues.Black) return "000000";
        if (value == HighlightColorValues.Yellow) return "FFFF00";
        // Any other highlight is a strong colour that differs from ordinary text colours.
        return "808080";
    }
}
