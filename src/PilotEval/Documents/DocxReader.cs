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
    public DocumentText Read(Stream stream, string file)
    {
        using var document = WordprocessingDocument.Open(stream, false);
        var main = document.MainDocumentPart
            ?? throw new InvalidDataException("the package has no main document part (word/document.xml)");
        var body = main.Document?.Body
            ?? throw new InvalidDataException("word/document.xml has no body");

        var styles = new StyleCatalog(main.StyleDefinitionsPart);
        var blocks = new BlockBuilder(file);
        foreach (var element in body.ChildElements)
        {
            Visit(element, styles, blocks);
        }
        ReadNotes(main, blocks);
        return blocks.Build("docx", pages: null);
    }

    private static void Visit(OpenXmlElement element, StyleCatalog styles, BlockBuilder blocks)
    {
        switch (element)
        {
            case Paragraph paragraph:
                AddParagraph(paragraph, styles, blocks);
                break;
            case Table table:
                AddTable(table, blocks);
                break;
            case SdtBlock sdt:
                foreach (var child in sdt.SdtContentBlock?.ChildElements ?? Enumerable.Empty<OpenXmlElement>())
                {
                    Visit(child, styles, blocks);
                }
                break;
            case CustomXmlBlock custom:
                foreach (var child in custom.ChildElements) Visit(child, styles, blocks);
                break;
        }
    }

    private static void AddParagraph(Paragraph paragraph, StyleCatalog styles, BlockBuilder blocks)
    {
        var (visible, hidden) = RunText.Of(paragraph);
        var styleId = paragraph.ParagraphProperties?.ParagraphStyleId?.Val?.Value;
        var outline = paragraph.ParagraphProperties?.OutlineLevel?.Val?.Value ?? styles.OutlineLevel(styleId);
        var headingLevel = styles.HeadingLevel(styleId) ?? (outline is >= 0 and < 9 ? outline + 1 : null);

        if (headingLevel is not null)
        {
            blocks.Add(BlockKind.Heading, visible, page: null, level: headingLevel, hiddenText: hidden);
        }
        else
        {
            var isList = paragraph.ParagraphProperties?.NumberingProperties is not null || styles.IsList(styleId);
            blocks.Add(isList ? BlockKind.ListItem : BlockKind.Paragraph, visible, page: null, hiddenText: hidden);
        }
    }

    private static void AddTable(Table table, BlockBuilder blocks)
    {
        foreach (var row in table.Elements<TableRow>())
        {
            var cells = ImmutableArray.CreateBuilder<string>();
            var hidden = new StringBuilder();
            foreach (var cell in row.Elements<TableCell>())
            {
                var cellText = new StringBuilder();
                foreach (var paragraph in cell.Descendants<Paragraph>())
                {
                    var (visible, hiddenPart) = RunText.Of(paragraph);
                    if (visible.Length > 0)
                    {
                        if (cellText.Length > 0) cellText.Append(' ');
                        cellText.Append(visible);
                    }
                    hidden.Append(hiddenPart);
                }
                cells.Add(TextNormalizer.CleanVisible(cellText.ToString()));
            }
            var text = string.Join(" ", cells.Where(c => c.Length > 0));
            blocks.Add(BlockKind.TableRow, text, page: null, cells: cells.ToImmutable(), hiddenText: hidden.ToString());
        }
    }

    /// <summary>Footnotes, endnotes, headers and footers are read as notes after the body: visible, never scored.</summary>
    private static void ReadNotes(MainDocumentPart main, BlockBuilder blocks)
    {
        IEnumerable<OpenXmlPartRootElement?> roots =
        [
            .. main.HeaderParts.Select(p => (OpenXmlPartRootElement?)p.Header),
            .. main.FooterParts.Select(p => (OpenXmlPartRootElement?)p.Footer),
            main.FootnotesPart?.Footnotes,
            main.EndnotesPart?.Endnotes,
            main.WordprocessingCommentsPart?.Comments,
        ];
        foreach (var root in roots)
        {
            if (root is null) continue;
            foreach (var paragraph in root.Descendants<Paragraph>())
            {
                var (visible, hidden) = RunText.Of(paragraph);
                blocks.Add(BlockKind.Note, visible, page: null, hiddenText: hidden);
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
            for (var style = Find(styleId); style is not null; style = Find(style.BasedOn?.Val?.Value))
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
            for (var style = Find(styleId); style is not null; style = Find(style.BasedOn?.Val?.Value))
            {
                if (style.StyleParagraphProperties?.OutlineLevel?.Val?.Value is { } level) return level;
            }
            return null;
        }

        public bool IsList(string? styleId)
        {
            for (var style = Find(styleId); style is not null; style = Find(style.BasedOn?.Val?.Value))
            {
                if (style.StyleParagraphProperties?.NumberingProperties is not null) return true;
            }
            return false;
        }

        private Style? Find(string? id) => id is not null && _styles.TryGetValue(id, out var s) ? s : null;

        [GeneratedRegex(@"^(?:heading|标题)\s*([1-9])$", RegexOptions.IgnoreCase)]
        private static partial Regex HeadingName();
    }
}
