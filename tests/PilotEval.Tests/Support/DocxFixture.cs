using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace PilotEval.Tests.Support;

/// <summary>Builds small .docx files for tests, in the shapes Word and WPS write them.</summary>
public sealed class DocxFixture
{
    private readonly List<OpenXmlElement> _body = [];
    private readonly List<Style> _styles = [];

    /// <summary>A heading styled the way Chinese Word and WPS do: style id "1", name "heading 1".</summary>
    public DocxFixture NumericHeadingStyles()
    {
        _styles.Add(HeadingStyle("1", "heading 1", 0));
        _styles.Add(HeadingStyle("2", "heading 2", 1));
        return this;
    }

    public DocxFixture EnglishHeadingStyles()
    {
        _styles.Add(HeadingStyle("Heading1", "heading 1", 0));
        _styles.Add(HeadingStyle("Heading2", "heading 2", 1));
        return this;
    }

    public DocxFixture Heading(string styleId, string text)
    {
        _body.Add(new Paragraph(new ParagraphProperties(new ParagraphStyleId { Val = styleId }), new Run(new Text(text))));
        return this;
    }

    public DocxFixture Paragraph(string text)
    {
        _body.Add(new Paragraph(new Run(new Text(text) { Space = SpaceProcessingModeValues.Preserve })));
        return this;
    }

    /// <summary>A paragraph with a visible run followed by a run a reader cannot see.</summary>
    public DocxFixture ParagraphWithHiddenRun(string visible, string hidden, RunProperties hiding)
    {
        _body.Add(new Paragraph(
            new Run(new Text(visible) { Space = SpaceProcessingModeValues.Preserve }),
            new Run(hiding, new Text(hidden) { Space = SpaceProcessingModeValues.Preserve })));
        return this;
    }

    public DocxFixture Table(params string[][] rows)
    {
        var table = new Table();
        foreach (var row in rows)
        {
            table.Append(new TableRow(row.Select(cell => new TableCell(new Paragraph(new Run(new Text(cell) { Space = SpaceProcessingModeValues.Preserve }))))));
        }
        _body.Add(table);
        return this;
    }

    public byte[] ToBytes()
    {
        using var stream = new MemoryStream();
        using (var document = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            var main = document.AddMainDocumentPart();
            main.Document = new Document(new Body(_body.Select(e => e.CloneNode(true))));
            var styles = main.AddNewPart<StyleDefinitionsPart>();
            styles.Styles = new Styles(_styles.Select(s => s.CloneNode(true)));
        }
        return stream.ToArray();
    }

    public string Save(string path)
    {
        System.IO.File.WriteAllBytes(path, ToBytes());
        return path;
    }

    private static Style HeadingStyle(string id, string name, int outline) =>
        new(new StyleName { Val = name }, new StyleParagraphProperties(new OutlineLevel { Val = outline }))
        {
            Type = StyleValues.Paragraph,
            StyleId = id,
        };
}

/// <summary>
/// Builds a .docx from WordprocessingML written out by hand, for the shapes Word and WPS produce that the
/// object model makes hard to spell (alternate content, revisions, fields, numbering definitions).
/// </summary>
public static class RawDocx
{
    private const string Namespaces =
        "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\" " +
        "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\" " +
        "xmlns:mc=\"http://schemas.openxmlformats.org/markup-compatibility/2006\" " +
        "xmlns:wps=\"http://schemas.microsoft.com/office/word/2010/wordprocessingShape\" " +
        "xmlns:wp=\"http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing\" " +
        "xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\" " +
        "xmlns:v=\"urn:schemas-microsoft-com:vml\" mc:Ignorable=\"wps\"";

    /// <param name="body">The children of <c>w:body</c>.</param>
    /// <param name="numbering">The children of <c>w:numbering</c>, or null.</param>
    /// <param name="styles">The children of <c>w:styles</c>, or null.</param>
    /// <param name="footnotes">The children of <c>w:footnotes</c>, or null.</param>
    /// <param name="altChunkHtml">HTML for an altChunk with relationship id <c>chunk1</c>, or null.</param>
    public static byte[] Build(string body, string? numbering = null, string? styles = null, string? footnotes = null,
        string? altChunkHtml = null, string? documentPrefix = null)
    {
        using var stream = new MemoryStream();
        using (var document = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            var main = document.AddMainDocumentPart();
            main.Document = new Document($"<w:document {Namespaces}>{documentPrefix}<w:body>{body}</w:body></w:document>");
            if (numbering is not null)
            {
                main.AddNewPart<NumberingDefinitionsPart>().Numbering = new Numbering($"<w:numbering {Namespaces}>{numbering}</w:numbering>");
            }
            if (styles is not null)
            {
                main.AddNewPart<StyleDefinitionsPart>().Styles = new Styles($"<w:styles {Namespaces}>{styles}</w:styles>");
            }
            if (footnotes is not null)
            {
                main.AddNewPart<FootnotesPart>().Footnotes = new Footnotes($"<w:footnotes {Namespaces}>{footnotes}</w:footnotes>");
            }
            if (altChunkHtml is not null)
            {
                var part = main.AddAlternativeFormatImportPart(AlternativeFormatImportPartType.Html, "chunk1");
                using var html = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(altChunkHtml));
                part.FeedData(html);
            }
        }
        return stream.ToArray();
    }

    public static string Save(string path, byte[] bytes)
    {
        System.IO.File.WriteAllBytes(path, bytes);
        return path;
    }

    /// <summary>A paragraph of one plain run.</summary>
    public static string P(string text, string? properties = null) =>
        $"<w:p>{(properties is null ? "" : $"<w:pPr>{properties}</w:pPr>")}<w:r><w:t xml:space=\"preserve\">{text}</w:t></w:r></w:p>";
}
