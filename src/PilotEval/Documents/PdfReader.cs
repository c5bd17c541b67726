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
/// no paragraphs and Chinese text has no spaces to split on. A text layer that decodes to nonsense is
/// never read as text: it is recovered (GBK read as Latin-1), OCR'd, or flagged.
/// </summary>
internal sealed partial class PdfReader(ReaderLimits limits, PageOcr? ocr = null)
{
    /// <summary>Share of the page height at the top and bottom where running headers and footers live.</summary>
    private const double MarginBand = 0.1;

    private readonly System.Diagnostics.Stopwatch _clock = new();

    public DocumentText Read(byte[] bytes, string file, CancellationToken cancellationToken, string? path = null)
    {
        _clock.Restart();
        using var pdf = PdfDocument.Open(bytes, new ParsingOptions { UseLenientParsing = true, ClipPaths = false });
        // Opened only when a page fails: the same file again, skipping the text of fonts PdfPig cannot load.
        var skipping = new Lazy<PdfDocument>(() => PdfDocument.Open(bytes,
            new ParsingOptions { UseLenientParsing = true, ClipPaths = false, SkipMissingFonts = true }));
        var pageCount = pdf.NumberOfPages;
        var pages = new List<PageText>();
        var unreadable = new List<int>();
        for (var number = 1; number <= Math.Min(pageCount, limits.MaxPdfPages); number++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            pages.Add(ReadPage(pdf, skipping, number, unreadable));
        }
        if (skipping.IsValueCreated) skipping.Value.Dispose();

        var running = RunningLines(pages);
        var blocks = new BlockBuilder(file);
        var needOcr = new List<int>(unreadable);
        var garbled = new List<int>();
        foreach (var page in pages.Where(p => !unreadable.Contains(p.Number)))
        {
            var visible = string.Concat(page.Paragraphs.Select(p => p.Text));
            var kind = TextLayerCheck.Classify(visible);
            var paragraphs = page.Paragraphs;
            string? recoveredNote = null;
            if (kind == GarbleKind.Latin1Mojibake && Recover(paragraphs) is { } recovered)
            {
                paragraphs = recovered;
                recoveredNote = "（GBK 字节被按 Latin-1 显示，已重新解码）";
            }
            else if (kind != GarbleKind.None)
            {
                garbled.Add(page.Number);
                needOcr.Add(page.Number);
                continue;
            }

            var before = blocks.Count;
            foreach (var paragraph in paragraphs)
            {
                if (running.Contains(paragraph.Key) && paragraph.InMargin(page.Height))
                {
                    blocks.Add(BlockKind.Note, paragraph.Text, page.Number, hiddenText: paragraph.Hidden);
                    continue;
                }
                var heading = HeadingLevel(paragraph.Text);
                blocks.Add(heading is null ? BlockKind.Paragraph : BlockKind.Heading, paragraph.Text, page.Number,
                    level: heading, hiddenText: paragraph.Hidden);
            }
            if (recoveredNote is not null)
            {
                blocks.Flag(FlagCodes.GarbledText, $"第 {page.Number} 页文字层乱码{recoveredNote}",
                    new SourceLocation(file, page.Number, blocks.Count > before ? before + 1 : 0));
            }
            if (!page.Paragraphs.Any(p => p.Text.Length > 0)) needOcr.Add(page.Number);
        }

        foreach (var number in _fontsSkipped)
        {
            blocks.Flag(FlagCodes.PageUnreadable, $"第 {number} 页有字体无法解析，用该字体写的文字未能读取",
                new SourceLocation(file, number, 0));
        }
        foreach (var number in unreadable)
        {
            blocks.Flag(FlagCodes.PageUnreadable, $"第 {number} 页的内容无法解析（字体或图像数据损坏或不受支持）",
                new SourceLocation(file, number, 0));
        }
        foreach (var number in garbled)
        {
            blocks.Flag(FlagCodes.GarbledText, $"第 {number} 页的文字层解码为乱码（字体缺少 Unicode 映射），未作为文字读取",
                new SourceLocation(file, number, 0));
        }
        // Nothing at all could be read: the file is broken, not merely scanned. It is given up now rather than
        // handed to OCR, which would only spend another time limit failing on the same broken file.
        if (unreadable.Count > 0 && unreadable.Count == pages.Count && blocks.Count == 0) throw _firstPageError!;
        var noText = Recognise(path, file, needOcr, blocks, cancellationToken);
        return blocks.Build("pdf", pageCount) with { OcrFoundNoText = [.. noText] };
    }

    /// <summary>
    /// OCRs pages without a usable text layer when the tools are there; flags the rest, and flags the file
    /// <c>partially-read</c> when OCR stopped before its pages were done (time limit, page quota, a page poppler
    /// could not render) or did not finish a page, so nothing is judged against the applicant on pages nobody read.
    /// A page both tools read to the end without finding text keeps its <c>needs-ocr</c> flag and is recorded in
    /// <see cref="DocumentText.OcrFoundNoText"/>: that reading is final, and the store may keep it.
    /// </summary>
    /// <returns>The pages OCR read to the end and found no text on.</returns>
    private List<int> Recognise(string? path, string file, List<int> pages, BlockBuilder blocks, CancellationToken cancellationToken)
    {
        var recognised = new List<int>();
        var attempted = new List<int>();
        var noText = new List<int>();
        var failed = new List<int>();
        string? stopped = null;
        if (pages.Count > 0 && path is not null && ocr is not null)
        {
            foreach (var number in pages)
            {
                // OCR is slow; stop while there is time left to return what was read, and flag the rest.
                if (_clock.Elapsed > limits.Timeout * 0.6) { stopped = $"OCR 到第 {number} 页时达到读取时限"; break; }
                if (attempted.Count >= limits.MaxOcrPages) { stopped = $"OCR 页数达到上限 {limits.MaxOcrPages} 页"; break; }
                attempted.Add(number);
                var reading = ocr.Recognise(path, number, cancellationToken);
                if (reading.Outcome == OcrOutcome.NotRendered) { stopped = $"第 {number} 页无法渲染为图像，未能 OCR"; break; }
                if (reading.Outcome == OcrOutcome.NotRecognised)
                {
                    // The recogniser failed, ran out of time or was killed: the page's text is unknown, not absent.
                    failed.Add(number);
                    stopped ??= $"第 {number} 页的文字识别未能完成";
                    continue;
                }
                var first = blocks.Count + 1;
                foreach (var text in reading.Paragraphs) blocks.Add(BlockKind.Ocr, text, number);
                if (blocks.Count >= first)
                {
                    recognised.Add(number);
                    blocks.Flag(FlagCodes.OcrApplied, $"第 {number} 页没有可用的文字层，文字由 OCR 识别，可能有误",
                        new SourceLocation(file, number, first));
                }
                else
                {
                    noText.Add(number);
                }
            }
        }
        foreach (var number in pages.Except(recognised))
        {
            blocks.Flag(FlagCodes.NeedsOcr, $"第 {number} 页没有可用的文字层（扫描或图片），需要 OCR", new SourceLocation(file, number, 0));
        }
        if (stopped is not null)
        {
            var unread = pages.Except(attempted).Concat(failed).Order().ToList();
            if (unread.Count > 0) blocks.Flag(FlagCodes.PartiallyRead, PartialRead.Detail(stopped, unread), new SourceLocation(file, unread[0], 0));
        }
        return noText;
    }

    /// <summary>
    /// One page; a page PdfPig cannot interpret (a broken font, an unsupported image filter) is left for OCR
    /// rather than failing the whole file.
    /// </summary>
    private Exception? _firstPageError;

    private readonly List<int> _fontsSkipped = [];

    private PageText ReadPage(PdfDocument pdf, Lazy<PdfDocument> skipping, int number, List<int> unreadable)
    {
        try
        {
            var page = pdf.GetPage(number);
            return new PageText(number, page.Height, [.. Paragraphs(page)]);
        }
        catch (Exception ex) when (IsPageFailure(ex))
        {
            _firstPageError ??= ex;
        }
        try
        {
            var page = skipping.Value.GetPage(number);
            _fontsSkipped.Add(number);
            return new PageText(number, page.Height, [.. Paragraphs(page)]);
        }
        catch (Exception ex) when (IsPageFailure(ex))
        {
            unreadable.Add(number);
            return new PageText(number, 0, []);
        }
    }

    private static bool IsPageFailure(Exception ex) =>
        ex is not (OperationCanceledException or OutOfMemoryException or UglyToad.PdfPig.Exceptions.PdfDocumentEncryptedException);

    private static List<PdfParagraph>? Recover(List<PdfParagraph> paragraphs)
    {
        var result = new List<PdfParagraph>(paragraphs.Count);
        var anyRecovered = false;
        foreach (var paragraph in paragraphs)
        {
            var text = TextLayerCheck.RecoverGbk(paragraph.Text);
            anyRecovered |= text is not null;
            // On a page whose fonts lie, only what decodes to Chinese is trusted: the rest is symbol-font garbage.
            var recovered = text is null ? "" : StripUndecoded(text);
            result.Add(paragraph with { Text = recovered.Any(c => c is >= '\u4E00' and <= '\u9FFF') ? recovered : "" });
        }
        return anyRecovered ? result : null;
    }

    private static string StripUndecoded(string text) => UndecodedRun().Replace(text, " ").Trim();

    private sealed record PageText(int Number, double Height, List<PdfParagraph> Paragraphs);

    /// <param name="Direction">Baseline direction in degrees; coordinates are in that direction's frame.</param>
    /// <param name="Baseline">Where the glyphs stand, in the same frame: line pitch is measured between baselines.</param>
    /// <param name="Row">A table row rebuilt from several lines: always a block of its own.</param>
    private sealed record Line(double Top, double Bottom, double Left, double Right, double FontSize, string Text, string Hidden,
        int Direction = 0, double Baseline = 0, bool Row = false);

    private sealed record PdfParagraph(string Text, string Hidden, double Top, double Bottom, int Direction = 0)
    {
        /// <summary>The text with digits masked, so "第 3 页" on page 3 matches "第 4 页" on page 4.</summary>
        public string Key => Digits().Replace(TextNormalizer.WithoutWhiteSpace(Text), "#");

        /// <summary>Only upright text can be a running header or footer; rotated coordinates say nothing about the margins.</summary>
        public bool InMargin(double pageHeight) =>
            Direction == 0 && (Bottom > pageHeight * (1 - MarginBand) || Top < pageHeight * MarginBand);
    }

    /// <summary>
    /// Texts that recur in the top or bottom band of many pages — running headers, footers, page numbers —
    /// which a reader skips and which must not count as body text.
    /// </summary>
    private static HashSet<string> RunningLines(List<PageText> pages)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var page in pages)
        {
            foreach (var key in page.Paragraphs.Where(p => p.InMargin(page.Height) && p.Text.Length <= 80).Select(p => p.Key).Distinct())
            {
                counts[key] = counts.GetValueOrDefault(key) + 1;
            }
        }
        var threshold = Math.Max(2, pages.Count / 2);
        var running = counts.Where(c => pages.Count >= 3 && c.Value >= threshold).Select(c => c.Key).ToHashSet(StringComparer.Ordinal);
        // A bare page number is a footer even in a short document.
        foreach (var key in counts.Keys.Where(k => PageNumber().IsMatch(k))) running.Add(key);
        return running;
    }

    private static IEnumerable<PdfParagraph> Paragraphs(Page page)
    {
        var lines = MergeCentredLabels(Lines(page).ToList());
        if (lines.Count == 0) yield break;
        var right = lines.Max(l => l.Right);
        var pitch = TypicalLinePitch(lines);

        var text = new StringBuilder();
        var hidden = new StringBuilder();
        Line? first = null;
        Line? previous = null;
        foreach (var line in lines)
        {
            if (previous is not null && StartsNewParagraph(previous, line, right, pitch))
            {
                yield return new PdfParagraph(text.ToString(), hidden.ToString(), first!.Top, previous.Bottom, previous.Direction);
                text.Clear();
                hidden.Clear();
                first = null;
            }
            first ??= line;
            Join(text, line.Text);
            Join(hidden, line.Hidden);
            previous = line;
        }
        yield return new PdfParagraph(text.ToString(), hidden.ToString(), first!.Top, previous!.Bottom, previous.Direction);
    }

    /// <summary>
    /// Rebuilds a table row whose value wrapped onto two lines beside a vertically centred label: in reading
    /// order by baseline the label falls between the value's lines (value, label, value), which would cut the
    /// value in two. Such a label line sits in a column well left of two lines that share a left edge and
    /// stand closer together than two ordinary line pitches; the row becomes one line, label first.
    /// </summary>
    private static List<Line> MergeCentredLabels(List<Line> lines)
    {
        var merged = new List<Line>(lines.Count);
        for (var i = 0; i < lines.Count; i++)
        {
            if (i + 2 < lines.Count && IsCentredLabel(lines[i], lines[i + 1], lines[i + 2]))
            {
                var (first, label, second) = (lines[i], lines[i + 1], lines[i + 2]);
                var value = new StringBuilder(first.Text);
                Join(value, second.Text);
                merged.Add(first with
                {
                    Left = label.Left,
                    Right = Math.Max(first.Right, second.Right),
                    Bottom = second.Bottom,
                    Baseline = second.Baseline,
                    Text = label.Text + " " + value,
                    Hidden = string.Join(" ", new[] { label.Hidden, first.Hidden, second.Hidden }.Where(h => h.Length > 0)),
                    Row = true,
                });
                i += 2;
                continue;
            }
            merged.Add(lines[i]);
        }
        return merged;
    }

    private static bool IsCentredLabel(Line first, Line label, Line second)
    {
        if (first.Direction != 0 || label.Direction != first.Direction || second.Direction != first.Direction) return false;
        var height = Math.Max(first.FontSize, 1);
        var between = first.Baseline > label.Baseline && label.Baseline > second.Baseline;
        var sameColumn = Math.Abs(first.Left - second.Left) < height;
        var labelLeftOfIt = label.Right < first.Left - height;
        var tight = first.Baseline - second.Baseline < height * 2.2;
        return between && sameColumn && labelLeftOfIt && tight && label.Text.Length <= 12;
    }

    /// <summary>
    /// The usual distance between baselines on the page. Chinese forms are often set with fixed, wide line
    /// spacing, so a paragraph break is a gap wider than this, not wider than the font.
    /// </summary>
    private static double TypicalLinePitch(List<Line> lines)
    {
        var pitches = lines.Zip(lines.Skip(1), (a, b) => a.Direction == b.Direction ? a.Baseline - b.Baseline : 0)
            .Where(d => d > 0)
            .Order()
            .ToList();
        // A handful of lines says nothing about the page's spacing.
        return pitches.Count < 3 ? 0 : pitches[pitches.Count / 2];
    }

    private static bool StartsNewParagraph(Line previous, Line line, double right, double pitch)
    {
        if (previous.Direction != line.Direction || previous.Row || line.Row) return true;
        var height = Math.Max(previous.FontSize, 1);
        var distance = previous.Baseline - line.Baseline;
        if (distance < 0) return true;
        if (pitch > 0 ? distance > Math.Max(pitch * 1.3, height * 1.2) : previous.Bottom - line.Top > height * 0.9) return true;
        if (Math.Abs(previous.FontSize - line.FontSize) > 1.5) return true;
        if (HeadingLevel(line.Text) is not null || HeadingLevel(previous.Text) is not null) return true;
        // A line that stops well short of the right margin ends its paragraph.
        if (previous.Right < right - height * 2) return true;
        // An indented first line starts one; so does a line far left of the one before and closer to it than a
        // line's height, which belongs to another table cell (a label centred beside a wrapped value).
        return line.Left > previous.Left + height * 1.5 ||
               line.Left < previous.Left - height * 3 && previous.Baseline - line.Baseline < height;
    }

    /// <summary>
    /// A letter in the frame of its own text direction, so a rotated page, a 90° table header or a 45° watermark
    /// is read along its baseline like any other line. <see cref="Source"/> keeps the page-space letter for the
    /// visibility checks.
    /// </summary>
    private sealed record Glyph(Letter Source, string Value, double X, double EndX, double Y,
        double Left, double Right, double Top, double Bottom, double PointSize);

    private static IEnumerable<Line> Lines(Page page)
    {
        // Horizontal text first, then each other direction as its own run of lines (a watermark stays out of the body).
        var directions = page.Letters
            .Where(l => !string.IsNullOrEmpty(l.Value))
            .GroupBy(Direction)
            .OrderBy(g => g.Key == 0 ? 0 : 1).ThenBy(g => g.Key);
        foreach (var direction in directions)
        {
            foreach (var line in Lines([.. direction.Select(l => ToGlyph(l, direction.Key))], page)) yield return line with { Direction = direction.Key };
        }
    }

    /// <summary>The baseline direction in whole degrees, rounded to 5° so a run of one rotated text shares it.</summary>
    private static int Direction(Letter letter)
    {
        var dx = letter.EndBaseLine.X - letter.StartBaseLine.X;
        var dy = letter.EndBaseLine.Y - letter.StartBaseLine.Y;
        if (Math.Abs(dx) > 1e-3 || Math.Abs(dy) > 1e-3)
        {
            var degrees = Math.Atan2(dy, dx) * 180 / Math.PI;
            return ((int)Math.Round(degrees / 5) * 5 + 360) % 360;
        }
        // A zero-width glyph has no baseline of its own; PdfPig's orientations are clockwise.
        return letter.TextOrientation switch
        {
            TextOrientation.Rotate90 => 270,
            TextOrientation.Rotate180 => 180,
            TextOrientation.Rotate270 => 90,
            _ => 0,
        };
    }

    private static Glyph ToGlyph(Letter letter, int degrees)
    {
        if (degrees == 0)
        {
            var b = letter.BoundingBox;
            return new Glyph(letter, letter.Value, letter.StartBaseLine.X, letter.EndBaseLine.X, letter.StartBaseLine.Y,
                b.Left, b.Right, b.Top, b.Bottom, letter.PointSize);
        }
        var angle = -degrees * Math.PI / 180;
        var (cos, sin) = (Math.Cos(angle), Math.Sin(angle));
        (double X, double Y) Turn(PdfPoint p) => (p.X * cos - p.Y * sin, p.X * sin + p.Y * cos);
        var start = Turn(letter.StartBaseLine);
        var end = Turn(letter.EndBaseLine);
        var box = letter.BoundingBox;
        var corners = new[] { Turn(box.TopLeft), Turn(box.TopRight), Turn(box.BottomLeft), Turn(box.BottomRight) };
        return new Glyph(letter, letter.Value, start.X, end.X, start.Y,
            corners.Min(c => c.X), corners.Max(c => c.X), corners.Max(c => c.Y), corners.Min(c => c.Y), letter.PointSize);
    }

    private static IEnumerable<Line> Lines(List<Glyph> glyphs, Page page)
    {
        glyphs.Sort((a, b) =>
        {
            var byLine = Math.Round(b.Y, 1).CompareTo(Math.Round(a.Y, 1));
            return byLine != 0 ? byLine : a.X.CompareTo(b.X);
        });

        var current = new List<Glyph>();
        double baseline = double.NaN;
        foreach (var glyph in glyphs)
        {
            var size = Math.Max(glyph.PointSize, 1);
            if (current.Count > 0 && Math.Abs(glyph.Y - baseline) > size * 0.4)
            {
                if (MakeLine(current, page) is { } made) yield return made;
                current.Clear();
            }
            if (current.Count == 0) baseline = glyph.Y;
            current.Add(glyph);
        }
        if (current.Count > 0 && MakeLine(current, page) is { } last) yield return last;
    }

    private static Line? MakeLine(List<Glyph> glyphs, Page page)
    {
        glyphs.Sort((a, b) => a.X.CompareTo(b.X));
        glyphs = WithoutOverprints(glyphs);
        var visible = new StringBuilder();
        var hidden = new StringBuilder();
        Glyph? previous = null;
        foreach (var glyph in glyphs)
        {
            var target = IsHidden(glyph.Source, page) ? hidden : visible;
            if (previous is not null && target.Length > 0 && glyph.Value != " ")
            {
                var gap = glyph.X - previous.EndX;
                var size = Math.Max(glyph.PointSize, 1);
                var last = target[^1];
                var cjkPair = TextNormalizer.IsCjk(last) && TextNormalizer.IsCjk(glyph.Value[0]);
                // Letter-spaced Chinese stays joined; a wide gap (a table cell, a tab) becomes one space.
                if (last != ' ' && (cjkPair ? gap > size * 1.5 : gap > size * 0.25)) target.Append(' ');
            }
            target.Append(glyph.Value);
            previous = glyph;
        }

        var text = RejoinLetterSpaced(TextNormalizer.CleanVisible(visible.ToString()));
        var hiddenText = TextNormalizer.CleanVisible(hidden.ToString());
        if (text.Length == 0 && hiddenText.Length == 0) return null;
        return new Line(
            Top: glyphs.Max(g => g.Top),
            Bottom: glyphs.Min(g => g.Bottom),
            Left: glyphs.Min(g => g.Left),
            Right: glyphs.Max(g => g.Right),
            FontSize: glyphs.Average(g => g.PointSize),
            Text: text,
            Hidden: hiddenText,
            Baseline: glyphs.Average(g => g.Y));
    }

    /// <summary>
    /// Headings and labels spaced out to a width (目　　录, 项 目 名 称) are one word: a line made only of single
    /// Chinese characters standing apart is rejoined. Lines with any longer token are table cells and keep their gaps.
    /// </summary>
    internal static string RejoinLetterSpaced(string line)
    {
        if (line.Length < 3 || line.Length > 40) return line;
        var tokens = line.Split(' ');
        return tokens.Length >= 2 && tokens.All(t => t.Length == 1 && TextNormalizer.IsCjk(t[0])) ? string.Concat(tokens) : line;
    }

    /// <summary>
    /// Fake bold draws the same glyph two to four times a fraction of a point apart; a real repeat (哈哈) stands
    /// a full glyph width away, so only near-coincident copies are dropped.
    /// </summary>
    private static List<Glyph> WithoutOverprints(List<Glyph> glyphs)
    {
        var kept = new List<Glyph>(glyphs.Count);
        foreach (var glyph in glyphs)
        {
            var duplicate = false;
            for (var i = kept.Count - 1; i >= 0 && i >= kept.Count - 6; i--)
            {
                var other = kept[i];
                // Narrow glyphs (the two l of "Hallquist") stand closer than a fraction of the font size.
                var advance = other.EndX - other.X;
                var tolerance = Math.Min(Math.Max(glyph.PointSize, 1) * 0.3, advance > 0 ? advance * 0.5 : Math.Max(glyph.PointSize, 1) * 0.1);
                if (glyph.X - other.X > tolerance) break;
                if (other.Value == glyph.Value && Math.Abs(other.Y - glyph.Y) <= tolerance && glyph.Value != " ")
                {
                    duplicate = true;
                    break;
                }
            }
            if (!duplicate) kept.Add(glyph);
        }
        return kept;
    }

    /// <summary>Invisible render mode, text off the page, text too small to read, or white text with nothing dark behind it.</summary>
    private static bool IsHidden(Letter letter, Page page)
    {
        if (letter.RenderingMode == TextRenderingMode.Neither) return true;
        var box = letter.BoundingBox;
        var pageBox = new PdfRectangle(0, 0, page.Width, page.Height);
        if (box.Right < pageBox.Left || box.Left > pageBox.Right || box.Top < pageBox.Bottom || box.Bottom > pageBox.Top)
        {
            return true;
        }
        if (letter.PointSize is > 0 and < 4) return true;
        return IsWhite(letter.FillColor) && letter.RenderingMode is TextRenderingMode.Fill or TextRenderingMode.FillClip &&
               !Backdrops(page).Any(b => Covers(b, box.Centroid));
    }

    private static bool Covers(PdfRectangle area, PdfPoint point) =>
        point.X >= area.Left && point.X <= area.Right && point.Y >= area.Bottom && point.Y <= area.Top;

    private static bool IsWhite(UglyToad.PdfPig.Graphics.Colors.IColor? color)
    {
        if (color is null) return false;
        try
        {
            var (r, g, b) = color.ToRGBValues();
            return r > 0.95 && g > 0.95 && b > 0.95;
        }
        catch (InvalidOperationException)
        {
            // Pattern and shading colours have no single value: not plain white.
            return false;
        }
    }

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<Page, List<PdfRectangle>> BackdropCache = [];

    /// <summary>Filled shapes that are not white, and images: what white text can stand on and still be read.</summary>
    private static List<PdfRectangle> Backdrops(Page page) => BackdropCache.GetValue(page, p =>
    {
        var backdrops = new List<PdfRectangle>();
        try
        {
            foreach (var path in p.Paths)
            {
                if (path.IsFilled && !IsWhite(path.FillColor) && path.GetBoundingRectangle() is { } area) backdrops.Add(area);
            }
            backdrops.AddRange(p.GetImages().Select(i => i.BoundingBox));
        }
        catch (Exception ex) when (ex is not (OperationCanceledException or OutOfMemoryException))
        {
            // Without the page's graphics, white text is given the benefit of the doubt.
            backdrops.Add(new PdfRectangle(0, 0, p.Width, p.Height));
        }
        return backdrops;
    });

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

    [GeneratedRegex(@"\d+")]
    private static partial Regex Digits();

    [GeneratedRegex(@"^(?:[-–—]?#[-–—]?|第#页(?:共#页)?|#/#|[Pp]age#(?:of#)?)$")]
    private static partial Regex PageNumber();

    [GeneratedRegex(@"[\u00A1-\u00FF!-/:-@\[-`{-~]{2,}")]
    private static partial Regex UndecodedRun();
}
