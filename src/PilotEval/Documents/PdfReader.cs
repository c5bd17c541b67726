using System.Text;
using System.Text.RegularExpressions;
using UglyToad.PdfPig;
using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Graphics.Core;

namespace PilotEval.Documents;

/// <summary>
/// Reads a PDF page by page into blocks in reading order, keeping the page of every block for citations.
/// Letters are assembled into lines and lines into paragraphs from their geometry, because PDF has
/// no paragraphs and Chinese text has no spaces to split on.
/// </summary>
internal sealed partial class PdfReader(ReaderLimits limits)
{
    public DocumentText Read(Stream stream, string file, CancellationToken cancellationToken)
    {
        using var pdf = PdfDocument.Open(stream, new ParsingOptions { UseLenientParsing = true, ClipPaths = false });
        var blocks = new BlockBuilder(file);
        var pageCount = pdf.NumberOfPages;
        var emptyPages = new List<int>();

        for (var number = 1; number <= Math.Min(pageCount, limits.MaxPdfPages); number++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var page = pdf.GetPage(number);
            var before = blocks.Count;
            foreach (var paragraph in Paragraphs(page))
            {
                var heading = HeadingLevel(paragraph.Text);
                blocks.Add(heading is null ? BlockKind.Paragraph : BlockKind.Heading, paragraph.Text, number,
                    level: heading, hiddenText: paragraph.Hidden);
            }
            if (blocks.Count == before) emptyPages.Add(number);
        }

        if (emptyPages.Count > 0)
        {
            blocks.Flag(FlagCodes.NeedsOcr, $"没有文字层的页：{string.Join("、", emptyPages)}");
        }
        return blocks.Build("pdf", pageCount);
    }

    private sealed record Line(double Baseline, double Top, double Bottom, double Left, double Right, double FontSize, string Text, string Hidden);

    private sealed record PdfParagraph(string Text, string Hidden);

    private static IEnumerable<PdfParagraph> Paragraphs(Page page)
    {
        var lines = Lines(page).ToList();
        if (lines.Count == 0) yield break;
        var right = lines.Max(l => l.Right);
        var pitch = TypicalLinePitch(lines);

        var text = new StringBuilder();
        var hidden = new StringBuilder();
        Line? previous = null;
        foreach (var line in lines)
        {
            if (previous is not null && StartsNewParagraph(previous, line, right, pitch))
            {
                yield return new PdfParagraph(text.ToString(), hidden.ToString());
                text.Clear();
                hidden.Clear();
            }
            Join(text, line.Text);
            Join(hidden, line.Hidden);
            previous = line;
        }
        yield return new PdfParagraph(text.ToString(), hidden.ToString());
    }

    /// <summary>
    /// The usual distance between baselines on the page. Chinese forms are often set with fixed, wide line
    /// spacing, so a paragraph break is a gap wider than this, not wider than the font.
    /// </summary>
    private static double TypicalLinePitch(List<Line> lines)
    {
        var pitches = lines.Zip(lines.Skip(1), (a, b) => a.Baseline - b.Baseline)
            .Where(d => d > 0)
            .Order()
            .ToList();
        return pitches.Count == 0 ? 0 : pitches[pitches.Count / 2];
    }

    private static bool StartsNewParagraph(Line previous, Line line, double right, double pitch)
    {
        var height = Math.Max(previous.FontSize, 1);
        var distance = previous.Baseline - line.Baseline;
        if (distance > Math.Max(pitch * 1.3, height * 1.2) || distance < 0) return true;
        if (Math.Abs(previous.FontSize - line.FontSize) > 1.5) return true;
        if (HeadingLevel(line.Text) is not null || HeadingLevel(previous.Text) is not null) return true;
        // A line that stops well short of the right margin ends its paragraph.
        if (previous.Right < right - height * 2) return true;
        // An indented first line starts one; so does a line far left of the one before, which belongs to
        // another column or table cell (a label beside a wrapped value).
        return line.Left > previous.Left + height * 1.5 || line.Left < previous.Left - height * 3;
    }

    private static IEnumerable<Line> Lines(Page page)
    {
        var letters = page.Letters
            .Where(l => !string.IsNullOrEmpty(l.Value))
            .OrderByDescending(l => Math.Round(l.StartBaseLine.Y, 1))
            .ThenBy(l => l.StartBaseLine.X)
            .ToList();

        var current = new List<Letter>();
        double baseline = double.NaN;
        foreach (var letter in letters)
        {
            var size = Math.Max(letter.PointSize, 1);
            if (current.Count > 0 && Math.Abs(letter.StartBaseLine.Y - baseline) > size * 0.4)
            {
                if (MakeLine(current, page) is { } made) yield return made;
                current.Clear();
            }
            if (current.Count == 0) baseline = letter.StartBaseLine.Y;
            current.Add(letter);
        }
        if (current.Count > 0 && MakeLine(current, page) is { } last) yield return last;
    }

    private static Line? MakeLine(List<Letter> letters, Page page)
    {
        letters.Sort((a, b) => a.StartBaseLine.X.CompareTo(b.StartBaseLine.X));
        var visible = new StringBuilder();
        var hidden = new StringBuilder();
        Letter? previous = null;
        foreach (var letter in letters)
        {
            var target = IsHidden(letter, page) ? hidden : visible;
            if (previous is not null && target.Length > 0 && letter.Value != " ")
            {
                var gap = letter.StartBaseLine.X - previous.EndBaseLine.X;
                var size = Math.Max(letter.PointSize, 1);
                var last = target[^1];
                var cjkPair = TextNormalizer.IsCjk(last) && TextNormalizer.IsCjk(letter.Value[0]);
                // Letter-spaced Chinese stays joined; a wide gap (a table cell, a tab) becomes one space.
                if (last != ' ' && (cjkPair ? gap > size * 1.5 : gap > size * 0.25)) target.Append(' ');
            }
            target.Append(letter.Value);
            previous = letter;
        }

        var text = TextNormalizer.CleanVisible(visible.ToString());
        var hiddenText = TextNormalizer.CleanVisible(hidden.ToString());
        if (text.Length == 0 && hiddenText.Length == 0) return null;
        var boxes = letters.Select(l => l.BoundingBox).ToList();
        return new Line(
            Baseline: letters.Average(l => l.StartBaseLine.Y),
            Top: boxes.Max(b => b.Top),
            Bottom: boxes.Min(b => b.Bottom),
            Left: boxes.Min(b => b.Left),
            Right: boxes.Max(b => b.Right),
            FontSize: letters.Average(l => l.PointSize),
            Text: text,
            Hidden: hiddenText);
    }

    /// <summary>Invisible render mode, text off the page, or text too small to read.</summary>
    private static bool IsHidden(Letter letter, Page page)
    {
        if (letter.RenderingMode == TextRenderingMode.Neither) return true;
        var box = letter.BoundingBox;
        var pageBox = new PdfRectangle(0, 0, page.Width, page.Height);
        if (box.Right < pageBox.Left || box.Left > pageBox.Right || box.Top < pageBox.Bottom || box.Bottom > pageBox.Top)
        {
            return true;
        }
        return letter.PointSize is > 0 and < 4;
    }

    private static void Join(StringBuilder text, string next)
    {
        if (next.Length == 0) return;
        // Chinese lines join without a space; so does a word or number broken at a hyphen or slash.
        if (text.Length > 0 && !(TextNormalizer.IsCjk(text[^1]) || TextNormalizer.IsCjk(next[0]) || text[^1] is '-' or '/')) text.Append(' ');
        text.Append(next);
    }

    /// <summary>Headings of a 申报书 are numbered 一、 and （一）; a short numbered line is a heading.</summary>
    internal static int? HeadingLevel(string text)
    {
        if (text.Length > 40) return null;
        if (TopHeading().IsMatch(text)) return 1;
        if (SubHeading().IsMatch(text)) return 2;
        return null;
    }

    [GeneratedRegex(@"^[一二三四五六七八九十]{1,3}、\S")]
    private static partial Regex TopHeading();

    [GeneratedRegex(@"^[（(][一二三四五六七八九十]{1,3}[）)]\S")]
    private static partial Regex SubHeading();
}
