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
