using System.IO.Compression;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using PilotEval.Samples.Model;

namespace PilotEval.Samples.Writing;

/// <summary>Writes a <see cref="DocumentSpec"/> as a .docx that looks like a hand-made 申报书.</summary>
public static class DocxWriter
{
    // Zip entry times are otherwise "now"; pinning them keeps regenerated files byte-stable so a
    // re-run does not show every sample as changed in git.
    private static readonly DateTimeOffset FixedZipTime = new(2024, 8, 1, 9, 0, 0, TimeSpan.Zero);

    public static void Write(DocumentSpec spec, string path)
    {
        var ids = StyleIds.For(spec.Headings);

        using (var doc = WordprocessingDocument.Create(path, WordprocessingDocumentType.Document))
        {
            // Explicit relationship ids and a hand-written core.xml: the SDK's defaults (random rIds,
            // PackageProperties stored under a GUID file name) would make every regeneration differ.
            var main = doc.AddNewPart<MainDocumentPart>(
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml", "rId1");
            WriteCoreProperties(doc.AddNewPart<CoreFilePropertiesPart>("rId2"), spec);
            var styles = main.AddNewPart<StyleDefinitionsPart>("rId1");
            styles.Styles = StyleSheet.Build(ids);

            var body = new Body();
            body.Append(TitleParagraph(spec.Title));
            // Applications open with a cover page; attachments such as test reports start their text at once.
            if (spec.Cover is { } cover)
            {
                AppendCover(body, cover, spec.CoverForm, ids);
                body.Append(PageBreak());
            }

            foreach (var section in spec.Sections)
            {
                body.Append(Heading(section.Heading, ids.Heading1));
                foreach (var block in section.Blocks)
                {
                    switch (block)
                    {
                        case Para p:
                            body.Append(BodyParagraph(p.Text));
                            break;
                        case SubHeading h:
                            body.Append(Heading(h.Text, ids.Heading2));
                            break;
                        case TableBlock t:
                            body.Append(DataTable(t, ids));
                            // Word needs a paragraph between a table and what follows; it also reads better.
                            body.Append(new Paragraph());
                            break;
                        default:
                            throw new InvalidOperationException($"unknown block {block.GetType().Name}");
                    }
                }
            }

            body.Append(PageSetup());
            main.Document = new Document(body);
            main.Document.Save();
        }

        PinZipTimestamps(path);
    }

    private static void WriteCoreProperties(CoreFilePropertiesPart part, DocumentSpec spec)
    {
        var title = System.Security.SecurityElement.Escape(spec.Cover?.ProjectName ?? spec.Title);
        var author = System.Security.SecurityElement.Escape(spec.Author);
        var when = spec.Created.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
        var xml =
            "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>" +
            "<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" " +
            "xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\" " +
            "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">" +
            $"<dc:title>{title}</dc:title><dc:creator>{author}</dc:creator><cp:lastModifiedBy>{author}</cp:lastModifiedBy>" +
            $"<dcterms:created xsi:type=\"dcterms:W3CDTF\">{when}</dcterms:created>" +
            $"<dcterms:modified xsi:type=\"dcterms:W3CDTF\">{when}</dcterms:modified>" +
            "</cp:coreProperties>";
        using var stream = part.GetStream(FileMode.Create, FileAccess.Write);
        using var writer = new StreamWriter(stream, new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        writer.Write(xml);
    }

    private static void PinZipTimestamps(string path)
    {
        using var zip = ZipFile.Open(path, ZipArchiveMode.Update);
        foreach (var entry in zip.Entries)
        {
            entry.LastWriteTime = FixedZipTime;
        }
    }

    private static Paragraph TitleParagraph(string text) =>
        new(
            new ParagraphProperties(
                new SpacingBetweenLines { Before = "1200", After = "1200", Line = "560", LineRule = LineSpacingRuleValues.Exact },
                new Justification { Val = JustificationValues.Center }),
            new Run(
                new RunProperties(
                    new RunFonts { Ascii = "黑体", HighAnsi = "黑体", EastAsia = "黑体" },
                    new Bold(),
                    new FontSize { Val = "36" },
                    new FontSizeComplexScript { Val = "36" }),
                new Text(text)));

    private static void AppendCover(Body body, Cover cover, CoverForm form, StyleIds ids)
    {
        var fields = CoverFields.Of(cover);
        switch (form)
        {
            case CoverForm.Table:
            case CoverForm.TableSpacedLabels:
                body.Append(CoverTable(fields, form == CoverForm.TableSpacedLabels, ids));
                break;
            case CoverForm.ParagraphsFullWidthColon:
            case CoverForm.ParagraphsHalfWidthColon:
            case CoverForm.ParagraphsSpacedLabels:
                var colon = form == CoverForm.ParagraphsHalfWidthColon ? ": " : "：";
                var spaced = form == CoverForm.ParagraphsSpacedLabels;
                foreach (var (label, value) in fields)
                {
                    body.Append(CoverLine((spaced ? CoverFields.Spaced(label) : label) + colon, value));
                }

                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(form), form, null);
        }
    }

    private static Paragraph CoverLine(string label, string value) =>
        new(
            new ParagraphProperties(
                new SpacingBetweenLines { Before = "120", After = "120", Line = "480", LineRule = LineSpacingRuleValues.Auto },
                new Indentation { Left = "1260" }),
            new Run(
                new RunProperties(new RunFonts { EastAsia = "黑体" }, new FontSize { Val = "30" }),
                new Text(label) { Space = SpaceProcessingModeValues.Preserve }),
            new Run(
                new RunProperties(new FontSize { Val = "30" }, new Underline { Val = UnderlineValues.Single }),
                new Text(value)));

    private static Table CoverTable(IReadOnlyList<(string Label, string Value)> fields, bool spaced, StyleIds ids)
    {
        var table = new Table(
            new TableProperties(
                new TableStyle { Val = ids.TableGrid },
                new TableWidth { Width = "8300", Type = TableWidthUnitValues.Dxa },
                new TableJustification { Val = TableRowAlignmentValues.Center },
                new TableLayout { Type = TableLayoutValues.Fixed }),
            new TableGrid(new GridColumn { Width = "2300" }, new GridColumn { Width = "6000" }));

        foreach (var (label, value) in fields)
        {
            table.Append(new TableRow(
                new TableRowProperties(new TableRowHeight { Val = 640, HeightType = HeightRuleValues.AtLeast }),
                Cell(spaced ? CoverFields.Spaced(label) : label, 2300, bold: true, center: true),
                Cell(value, 6000, bold: false, center: false)));
        }

        return table;
    }

    private static Table DataTable(TableBlock block, StyleIds ids)
    {
        var columns = block.Header.Count;
        // The first column holds the indicator's name, the others short figures, so it gets a double share.
        var unit = 8300 / (columns + 1);
        int Width(int column) => column == 0 ? 2 * unit : unit;
        var grid = new TableGrid();
        for (var i = 0; i < columns; i++)
        {
            grid.Append(new GridColumn { Width = Width(i).ToString(System.Globalization.CultureInfo.InvariantCulture) });
        }

        var table = new Table(
            new TableProperties(
                new TableStyle { Val = ids.TableGrid },
                new TableWidth { Width = "8300", Type = TableWidthUnitValues.Dxa },
                new TableJustification { Val = TableRowAlignmentValues.Center }),
            grid);

        table.Append(new TableRow(block.Header.Select((h, i) => (OpenXmlElement)Cell(h, Width(i), bold: true, center: true))));
        foreach (var row in block.Rows)
        {
            if (row.Count != columns)
            {
                throw new InvalidOperationException($"table row has {row.Count} cells, header has {columns}");
            }

            table.Append(new TableRow(row.Select((c, i) => (OpenXmlElement)Cell(c, Width(i), bold: false, center: i > 0))));
        }

        return table;
    }

    private static TableCell Cell(string text, int width, bool bold, bool center)
    {
        var runProps = new RunProperties();
        if (bold)
        {
            runProps.Append(new Bold());
        }

        var paraProps = new ParagraphProperties(
            new SpacingBetweenLines { Before = "60", After = "60", Line = "300", LineRule = LineSpacingRuleValues.Auto },
            new Indentation { FirstLine = "0", FirstLineChars = 0 });
        if (center)
        {
            paraProps.Append(new Justification { Val = JustificationValues.Center });
        }

        return new TableCell(
            new TableCellProperties(
                new TableCellWidth { Width = width.ToString(System.Globalization.CultureInfo.InvariantCulture), Type = TableWidthUnitValues.Dxa },
                new TableCellVerticalAlignment { Val = TableVerticalAlignmentValues.Center }),
            new Paragraph(paraProps, new Run(runProps, new Text(text) { Space = SpaceProcessingModeValues.Preserve })));
    }

    private static Paragraph Heading(string text, string styleId) =>
        new(new ParagraphProperties(new ParagraphStyleId { Val = styleId }), new Run(new Text(text)));

    // First-line indent of two characters is the house style of virtually every Chinese form.
    private static Paragraph BodyParagraph(string text) =>
        new(
            new ParagraphProperties(new Indentation { FirstLineChars = 200, FirstLine = "480" }),
            new Run(new Text(text)));

    private static Paragraph PageBreak() => new(new Run(new Break { Type = BreakValues.Page }));

    // A4 with the margins of the GB/T 9704 official-document layout the administration's own forms use.
    private static SectionProperties PageSetup() =>
        new(
            new PageSize { Width = 11906U, Height = 16838U },
            new PageMargin { Top = 2098, Bottom = 1984, Left = 1588U, Right = 1474U, Header = 851U, Footer = 992U, Gutter = 0U });
}
