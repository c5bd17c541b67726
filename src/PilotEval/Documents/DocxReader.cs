using System.Collections.Immutable;
using System.Text;
using System.Text.RegularExpressions;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace PilotEval.Documents;

/// <summary>
/// Reads a .docx in document order: paragraphs, headings, list items and table rows.
/// Headings are recognised by style <em>name</em> or outline level, never by style id, because
/// Chinese Word and WPS name their heading styles "1", "2", ….
/// </summary>
internal sealed partial class DocxReader
{
    private readonly StyleCatalog _styles;
    private readonly NumberingCatalog _numbering;
    private readonly BlockBuilder _blocks;
    private readonly MainDocumentPart _main;

    /// <summary>Current page from Word's rendered page breaks, or null when Word recorded none.</summary>
    private int? _page;

    /// <summary>OCR for pictures in the body and text boxes; null reads text only (pictures are flagged).</summary>
    private readonly PictureText? _pictures;
    private readonly string _file;
    private readonly List<(int At, int? Page)> _unreadPictures = [];

    private DocxReader(MainDocumentPart main, string file, PictureText? pictures)
    {
        _main = main;
        _file = file;
        _pictures = pictures;
        _styles = new StyleCatalog(main.StyleDefinitionsPart);
        _numbering = new NumberingCatalog(main.NumberingDefinitionsPart);
        _blocks = new BlockBuilder(file);
    }

    public static DocumentText Read(Stream stream, string file, PictureText? pictures = null)
    {
        // Strict OOXML (ISO/IEC 29500 strict namespaces) is translated to transitional on open.
        using var document = WordprocessingDocument.Open(stream, false, new OpenSettings { AutoSave = false });
        var main = document.MainDocumentPart
            ?? throw new InvalidDataException("the package has no main document part (word/document.xml)");
        var body = main.Document?.Body
            ?? throw new InvalidDataException("word/document.xml has no body");

        var reader = new DocxReader(main, file, pictures);
        if (body.Descendants<LastRenderedPageBreak>().Any()) reader._page = 1;
        foreach (var element in body.ChildElements)
        {
            reader.Visit(element, background: null);
        }
        reader.ReadNotes();
        reader.FlagPictures();
        return reader._blocks.Build("docx", pages: reader._page);
    }

    private RunText.Context Context(string? background) => new(background, _styles.RunLayers);

    private void Visit(OpenXmlElement element, string? background)
    {
        switch (element)
        {
            case Paragraph paragraph:
                AddParagraph(paragraph, background);
                break;
            case Table table:
                AddTable(table, background);
                break;
            case SdtBlock sdt:
                foreach (var child in sdt.SdtContentBlock?.ChildElements ?? Enumerable.Empty<OpenXmlElement>())
                {
                    Visit(child, background);
                }
                break;
            case CustomXmlBlock custom:
                foreach (var child in custom.ChildElements) Visit(child, background);
                break;
            case AltChunk chunk:
                AddAltChunk(chunk);
                break;
        }
    }

    private void AddParagraph(Paragraph paragraph, string? background)
    {
        var text = RunText.Read(paragraph, Context(background));
        if (_page is not null) _page += text.PageBreaksBefore;
        var styleId = paragraph.ParagraphProperties?.ParagraphStyleId?.Val?.Value;
        var outline = paragraph.ParagraphProperties?.OutlineLevel?.Val?.Value ?? _styles.OutlineLevel(styleId);
        var headingLevel = _styles.HeadingLevel(styleId) ?? (outline is >= 0 and < 9 ? outline + 1 : null);

        var numbering = paragraph.ParagraphProperties?.NumberingProperties;
        var (numId, level) = numbering?.NumberingId?.Val?.Value is { } id
            ? (id, numbering.NumberingLevelReference?.Val?.Value ?? 0)
            : _styles.Numbering(styleId);
        // An empty numbered paragraph still takes its number in Word, but a bare "3." is not worth a block.
        var label = numId is > 0 ? _numbering.Next(numId.Value, level) : null;
        var visible = label is null || text.Visible.Trim().Length == 0 ? text.Visible : Prefix(label, text.Visible);

        if (headingLevel is not null)
        {
            _blocks.Add(BlockKind.Heading, visible, _page, level: headingLevel, hiddenText: text.Hidden);
        }
        else
        {
            var isList = numId is > 0 || _styles.IsList(styleId);
            _blocks.Add(isList ? BlockKind.ListItem : BlockKind.Paragraph, visible, _page, hiddenText: text.Hidden);
        }
        AddPictures(paragraph);
        if (_page is not null) _page += text.PageBreaksAfter;
    }

    /// <summary>
    /// Pictures anchored in a paragraph (inline, floating or inside a text box): a scanned pledge page pasted into
    /// Word is the usual case. Their text is recognised into <c>ocr</c> blocks right after the paragraph, where a
    /// reader meets the picture; without OCR each is flagged <c>needs-ocr</c> at its paragraph.
    /// </summary>
    private void AddPictures(OpenXmlElement container)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var id in PictureIds(container))
        {
            if (!seen.Add(id) || _main.GetPartById(id) is not ImagePart part) continue;
            byte[] image;
            using (var stream = part.GetStream())
            using (var copy = new MemoryStream())
            {
                stream.CopyTo(copy);
                image = copy.ToArray();
            }
            if (!PictureText.IsRaster(image)) continue;
            var at = _blocks.Count;
            var first = at + 1;
            if (_pictures?.Recognise(image) is { } paragraphs)
            {
                foreach (var text in paragraphs) _blocks.Add(BlockKind.Ocr, text, _page);
                if (_blocks.Count >= first)
                {
                    _blocks.Flag(FlagCodes.OcrApplied, $"第 {Math.Max(at, 1)} 段处的图片中的文字由 OCR 识别，可能有误",
                        new SourceLocation(_file, _page, first));
                    continue;
                }
                // A picture without text (a photo, a chart without labels) is read, and there is nothing to flag.
                continue;
            }
            _unreadPictures.Add((at, _page));
        }
    }

    /// <summary>
    /// Relationship ids of the pictures in an element: DrawingML blips and VML image data, skipping the VML fallback
    /// of an <c>mc:AlternateContent</c>, which repeats the picture of its choice.
    /// </summary>
    private static IEnumerable<string> PictureIds(OpenXmlElement container)
    {
        foreach (var element in container.Descendants())
        {
            var id = element switch
            {
                DocumentFormat.OpenXml.Drawing.Blip blip => blip.Embed?.Value,
                DocumentFormat.OpenXml.Vml.ImageData data => data.RelationshipId?.Value,
                _ => null,
            };
            if (id is null || element.Ancestors<AlternateContentFallback>().Any()) continue;
            yield return id;
        }
    }

    private void FlagPictures()
    {
        foreach (var (at, page) in _unreadPictures)
        {
            _blocks.Flag(FlagCodes.NeedsOcr,
                _pictures is { CanRecognise: true } ? $"第 {Math.Max(at, 1)} 段处的图片未能 OCR（{_pictures.Stopped}），其中的文字未读取"
                    : $"第 {Math.Max(at, 1)} 段处有图片，其中的文字需要 OCR 才能读取（未安装 OCR 工具）",
                new SourceLocation(_file, page, at));
        }
        if (_pictures is { Stopped: { } reason, Skipped: > 0 } pictures)
        {
            _blocks.Flag(FlagCodes.PartiallyRead, PartialRead.Detail($"{reason}，{pictures.Skipped} 张图片未读取", []));
        }
    }

    /// <summary>Chinese labels (一、 （一）) run into the text; Latin ones (1.) are followed by a space, as Word shows them.</summary>
    private static string Prefix(string label, string text)
    {
        var last = label[^1];
        return TextNormalizer.IsCjk(last) ? label + text.TrimStart() : label + " " + text.TrimStart();
    }

    private void AddTable(Table table, string? background)
    {
        // A table that holds tables is page layout (WPS and mail exports wrap whole documents in one); read its content as body.
        if (table.Elements<TableRow>().SelectMany(r => r.Elements<TableCell>()).Any(c => c.Elements<Table>().Any()))
        {
            foreach (var cell in table.Elements<TableRow>().SelectMany(r => r.Elements<TableCell>()))
            {
                var fill = Fill(cell) ?? background;
                foreach (var child in cell.ChildElements) Visit(child, fill);
            }
            return;
        }

        // Cells laid on the grid, so a vertically merged cell can take the text of the cell it continues.
        var above = new Dictionary<int, string>();
        foreach (var row in Rows(table))
        {
            var cells = ImmutableArray.CreateBuilder<string>();
            var hidden = new StringBuilder();
            var column = row.TableRowProperties?.GetFirstChild<GridBefore>()?.Val?.Value ?? 0;
            for (var i = 0; i < column; i++) cells.Add("");
            var breaksBefore = 0;
            var breaksAfter = 0;
            foreach (var cell in Cells(row))
            {
                var span = Math.Max(1, cell.TableCellProperties?.GridSpan?.Val?.Value ?? 1);
                var merge = cell.TableCellProperties?.VerticalMerge;
                var continues = merge is not null && (merge.Val is null || merge.Val.Value == MergedCellValues.Continue);
                var fill = Fill(cell) ?? background;
                var cellText = new StringBuilder();
                foreach (var paragraph in cell.Descendants<Paragraph>())
                {
                    var text = RunText.Read(paragraph, Context(fill));
                    if (cellText.Length == 0 && breaksBefore == 0) breaksBefore = text.PageBreaksBefore;
                    else breaksAfter += text.PageBreaksBefore;
                    breaksAfter += text.PageBreaksAfter;
                    if (text.Visible.Trim().Length > 0)
                    {
                        if (cellText.Length > 0) cellText.Append(' ');
                        cellText.Append(text.Visible);
                    }
                    hidden.Append(text.Hidden);
                }
                var value = TextNormalizer.CleanVisible(cellText.ToString());
                if (continues && value.Length == 0) value = above.GetValueOrDefault(column, "");
                above[column] = value;
                cells.Add(value);
                for (var i = 1; i < span; i++) cells.Add("");
                column += span;
            }
            if (_page is not null) _page += breaksBefore;
            var distinct = new List<string>();
            foreach (var cell in cells) if (cell.Length > 0 && (distinct.Count == 0 || distinct[^1] != cell)) distinct.Add(cell);
            _blocks.Add(BlockKind.TableRow, string.Join(" ", distinct), _page, cells: cells.ToImmutable(), hiddenText: hidden.ToString());
            AddPictures(row);
            if (_page is not null) _page += breaksAfter;
        }
    }

    /// <summary>Rows in order, including those wrapped in row-level content controls.</summary>
    private static IEnumerable<TableRow> Rows(Table table)
    {
        foreach (var child in table.ChildElements)
        {
            if (child is TableRow row) yield return row;
            else if (child is SdtRow or CustomXmlRow)
            {
                foreach (var nested in child.Descendants<TableRow>()) yield return nested;
            }
        }
    }

    /// <summary>Cells in order, including those wrapped in cell-level content controls.</summary>
    private static IEnumerable<TableCell> Cells(TableRow row)
    {
        foreach (var child in row.ChildElements)
        {
            if (child is TableCell cell) yield return cell;
            else if (child is SdtCell or CustomXmlCell)
            {
                foreach (var nested in child.Descendants<TableCell>()) yield return nested;
            }
        }
    }

    private static string? Fill(TableCell cell) =>
        cell.TableCellProperties?.Shading?.Fill?.Value is { Length: 6 } fill && fill.All(Uri.IsHexDigit) ? fill : null;

    /// <summary>
    /// An altChunk embeds another document (usually HTML) that Word converts when it opens the file; HTML and
    /// plain text are read here, anything else is flagged as not read.
    /// </summary>
    private void AddAltChunk(AltChunk chunk)
    {
        var id = chunk.Id?.Value;
        if (id is null || _main.GetPartById(id) is not AlternativeFormatImportPart part)
        {
            _blocks.Flag(FlagCodes.ContentSkipped, "嵌入的 altChunk 内容缺失，未能读取");
            return;
        }
        using var stream = part.GetStream();
        using var reader = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        var content = reader.ReadToEnd();
        if (part.ContentType.Contains("html", StringComparison.OrdinalIgnoreCase))
        {
            foreach (var paragraph in HtmlText.Paragraphs(content)) _blocks.Add(BlockKind.Paragraph, paragraph, _page);
        }
        else if (part.ContentType.StartsWith("text/plain", StringComparison.OrdinalIgnoreCase))
        {
            foreach (var line in content.Split('\n')) _blocks.Add(BlockKind.Paragraph, line, _page);
        }
        else
        {
            _blocks.Flag(FlagCodes.ContentSkipped, $"嵌入的 altChunk 内容（{part.ContentType}）未能读取");
        }
    }

    /// <summary>Headers, footers, footnotes, endnotes and comments are read as notes after the body: visible, never scored.</summary>
    private void ReadNotes()
    {
        IEnumerable<OpenXmlPartRootElement?> roots =
        [
            .. _main.HeaderParts.Select(p => (OpenXmlPartRootElement?)p.Header),
            .. _main.FooterParts.Select(p => (OpenXmlPartRootElement?)p.Footer),
            _main.FootnotesPart?.Footnotes,
            _main.EndnotesPart?.Endnotes,
            _main.WordprocessingCommentsPart?.Comments,
        ];
        foreach (var root in roots)
        {
            if (root is null) continue;
            foreach (var paragraph in root.Descendants<Paragraph>())
            {
                var text = RunText.Read(paragraph, Context(null));
                _blocks.Add(BlockKind.Note, text.Visible, page: null, hiddenText: text.Hidden);
            }
        }
    }

    /// <summary>Heading and list facts of the document's paragraph styles, following <c>basedOn</c>.</summary>
    private sealed partial class StyleCatalog
    {
        private readonly Dictionary<string, Style> _styles = new(StringComparer.Ordinal);

        public StyleCatalog(StyleDefinitionsPart? part)
        {
            foreach (var style in part?.Styles?.Elements<Style>() ?? [])
            {
                if (style.StyleId?.Value is { } id) _styles.TryAdd(id, style);
            }
        }

        public int? HeadingLevel(string? styleId)
        {
            foreach (var style in Chain(styleId))
            {
                var name = style.StyleName?.Val?.Value ?? "";
                var match = HeadingName().Match(name);
                if (match.Success) return int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
                if (name.Equals("Title", StringComparison.OrdinalIgnoreCase) || name == "标题") return 1;
            }
            return null;
        }

        public int? OutlineLevel(string? styleId)
        {
            foreach (var style in Chain(styleId))
            {
                if (style.StyleParagraphProperties?.OutlineLevel?.Val?.Value is { } level) return level;
            }
            return null;
        }

        public bool IsList(string? styleId)
        {
            foreach (var style in Chain(styleId))
            {
                if (style.StyleParagraphProperties?.NumberingProperties is not null) return true;
            }
            return false;
        }

        /// <summary>The numbering a paragraph style carries (WPS and Word number headings this way).</summary>
        public (int? NumId, int Level) Numbering(string? styleId)
        {
            foreach (var style in Chain(styleId))
            {
                if (style.StyleParagraphProperties?.NumberingProperties is { } numbering)
                {
                    return (numbering.NumberingId?.Val?.Value, numbering.NumberingLevelReference?.Val?.Value ?? 0);
                }
            }
            return (null, 0);
        }

        /// <summary>Run properties of a character style and the styles it is based on, nearest first.</summary>
        public IEnumerable<OpenXmlElement> RunLayers(string styleId)
        {
            foreach (var style in Chain(styleId))
            {
                if (style.StyleRunProperties is { } properties) yield return properties;
            }
        }

        /// <summary>A style and those it is based on; a basedOn cycle in a hostile file ends the chain.</summary>
        private IEnumerable<Style> Chain(string? styleId)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            for (var style = Find(styleId); style?.StyleId?.Value is { } id && seen.Add(id); style = Find(style.BasedOn?.Val?.Value))
            {
                yield return style;
            }
        }

        private Style? Find(string? id) => id is not null && _styles.TryGetValue(id, out var s) ? s : null;

        [GeneratedRegex(@"^(?:heading|标题)\s*([1-9])$", RegexOptions.IgnoreCase)]
        private static partial Regex HeadingName();
    }
}
