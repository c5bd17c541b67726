using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace PilotEval.Publishing;

/// <summary>
/// A small writer for the Word files PilotEval produces (panel report, notice, casebook): A4 pages, 宋体 body and
/// 黑体 headings set through the East-Asian font slot (Word and WPS pick fonts for Chinese text from
/// <c>w:eastAsia</c>, not from <c>w:ascii</c>), tables with a repeating header row, and page numbers in the footer.
/// Properties are set through the SDK's typed setters so child elements land in schema order and
/// <c>OpenXmlValidator</c> stays silent.
/// </summary>
public sealed class WordDocument
{
    public const string BodyFont = "宋体";
    public const string HeadingFont = "黑体";
    private const string LatinFont = "Times New Roman";

    // Built in memory (the notice, the casebook: a few pages), or, for a document written as it is built, each
    // element goes straight to the part's writer and is let go (the panel report of 1,000 applications is 24 MB of XML).
    private readonly List<OpenXmlElement> _body = [];
    private readonly OpenXmlWriter? _writer;

    public WordDocument()
    {
    }

    private WordDocument(OpenXmlWriter writer) => _writer = writer;

    private void Add(OpenXmlElement element)
    {
        if (_writer is null) _body.Add(element);
        else _writer.WriteElement(element);
    }

    public WordDocument Title(string text)
    {
        Add(StyledParagraph("Title", text));
        return this;
    }

    /// <summary>A heading of level 1–3 (styles Heading1–Heading3, with outline levels so the navigation pane lists them).</summary>
    public WordDocument Heading(int level, string text, bool pageBreakBefore = false)
    {
        var paragraph = StyledParagraph("Heading" + Math.Clamp(level, 1, 3), text);
        if (pageBreakBefore) paragraph.ParagraphProperties!.PageBreakBefore = new PageBreakBefore();
        Add(paragraph);
        return this;
    }

    public WordDocument Paragraph(string text, JustificationValues? align = null, bool bold = false, bool indentFirstLine = false)
    {
        var properties = new ParagraphProperties();
        if (indentFirstLine) properties.Indentation = new Indentation { FirstLineChars = 200 };
        if (align is { } a) properties.Justification = new Justification { Val = a };
        Add(new Paragraph(properties, TextRun(text, bold)));
        return this;
    }

    /// <summary>A paragraph of a bold label followed by plain text, e.g. 「申报单位：」 and the name.</summary>
    public WordDocument Labelled(string label, string text)
    {
        Add(new Paragraph(TextRun(label, bold: true), TextRun(text, bold: false)));
        return this;
    }

    /// <summary>A bulleted line; a plain 「•」 keeps the file free of numbering definitions that WPS renders differently.</summary>
    public WordDocument Bullet(string text, string? note = null)
    {
        var properties = new ParagraphProperties { Indentation = new Indentation { Left = "420", Hanging = "210" } };
        var paragraph = new Paragraph(properties, TextRun("• " + text, bold: false));
        if (!string.IsNullOrEmpty(note)) paragraph.Append(NoteRun("（" + note + "）"));
        Add(paragraph);
        return this;
    }

    /// <param name="widths">Relative column widths; they are scaled to the full text width.</param>
    public WordDocument Table(IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string>> rows, IReadOnlyList<int> widths)
    {
        const int textWidth = 9026; // A4 width 11906 twips less two 1440 margins
        var total = widths.Sum();
        var columns = widths.Select(w => (int)Math.Round((double)w * textWidth / total)).ToArray();

        var table = new Table();
        var properties = new TableProperties
        {
            TableStyle = new TableStyle { Val = "TableGrid" },
            TableWidth = new TableWidth { Width = "5000", Type = TableWidthUnitValues.Pct },
            TableLayout = new TableLayout { Type = TableLayoutValues.Fixed },
        };
        table.Append(properties);
        table.Append(new TableGrid(columns.Select(c => new GridColumn { Width = c.ToString(System.Globalization.CultureInfo.InvariantCulture) })));
        table.Append(Row(headers, columns, header: true));
        foreach (var row in rows) table.Append(Row(row, columns, header: false));
        Add(table);
        // Word merges two adjacent tables into one; an empty paragraph keeps them apart.
        Add(new Paragraph());
        return this;
    }

    public WordDocument PageBreak()
    {
        Add(new Paragraph(new Run(new Break { Type = BreakValues.Page })));
        return this;
    }

    /// <summary>Writes the file beside the target and renames it.</summary>
    public Task SaveAsync(string path, CancellationToken cancellationToken) => Save(path, Replay, cancellationToken);

    /// <summary>
    /// Writes the file beside the target and renames it, running <paramref name="content"/> on a document whose every
    /// paragraph and table is written into the file as it is added and then let go: memory holds one element at a
    /// time, not the whole body. The XML is the same as <see cref="SaveAsync(string, CancellationToken)"/> writes.
    /// </summary>
    public static Task SaveAsync(string path, Action<WordDocument> content, CancellationToken cancellationToken) =>
        Save(path, content, cancellationToken);

    private static Task Save(string path, Action<WordDocument> content, CancellationToken cancellationToken) =>
        JsonOutput.WriteAtomicallyAsync(path, (stream, _) =>
        {
            Write(stream, StreamedPackage.PartFile(path, "body"), content);
            return Task.CompletedTask;
        }, cancellationToken);

    private void Replay(WordDocument into)
    {
        foreach (var element in _body) into.Add(element);
    }

    /// <summary>
    /// The body is written (SAX) into a file of its own, the package's other parts by the SDK into memory (a few KB),
    /// and then both are copied into <paramref name="stream"/> as a zip written front to back (see
    /// <see cref="StreamedPackage"/>): the body of the panel report is 24 MB at 1,000 applications, 240 MB at 10,000.
    /// </summary>
    private static void Write(Stream stream, string bodyPath, Action<WordDocument> content)
    {
        try
        {
            using (var body = new FileStream(bodyPath, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16))
            using (var writer = OpenXmlWriter.Create(body, new System.Text.UTF8Encoding(false)))
            {
                writer.WriteStartDocument();
                writer.WriteStartElement(new Document());
                writer.WriteStartElement(new Body());
                content(new WordDocument(writer));
                writer.WriteElement(new SectionProperties(
                    new FooterReference { Type = HeaderFooterValues.Default, Id = "rIdFooter" },
                    new PageSize { Width = 11906U, Height = 16838U },
                    new PageMargin { Top = 1440, Right = 1440U, Bottom = 1440, Left = 1440U, Header = 851U, Footer = 992U, Gutter = 0U }));
                writer.WriteEndElement();
                writer.WriteEndElement();
                writer.Close();
            }

            using var shell = new MemoryStream();
            string mainPart;
            using (var document = WordprocessingDocument.Create(shell, WordprocessingDocumentType.Document))
            {
                // Parts get fixed relationship ids: the SDK's random ones would make two runs' reports differ for nothing.
                var main = document.AddMainDocumentPart();
                mainPart = main.Uri.OriginalString.TrimStart('/');
                var styles = main.AddNewPart<StyleDefinitionsPart>("rIdStyles");
                styles.Styles = Styles();
                var settings = main.AddNewPart<DocumentSettingsPart>("rIdSettings");
                settings.Settings = new Settings(new Compatibility(new CompatibilitySetting
                {
                    Name = CompatSettingNameValues.CompatibilityMode,
                    Uri = "http://schemas.microsoft.com/office/word",
                    Val = "15",
                }));
                var footer = main.AddNewPart<FooterPart>("rIdFooter");
                footer.Footer = PageNumberFooter();
                using (main.GetStream(FileMode.Create))
                {
                    // The body's place in the package: filled from its file below.
                }
            }

            StreamedPackage.Copy(shell, stream, new Dictionary<string, string> { [mainPart] = bodyPath });
        }
        finally
        {
            File.Delete(bodyPath);
        }
    }

    private static TableRow Row(IReadOnlyList<string> cells, int[] columns, bool header)
    {
        var row = new TableRow();
        var rowProperties = new TableRowProperties();
        // A header row repeats on every printed page; no row may split across pages mid-quote.
        if (header) rowProperties.Append(new TableHeader());
        rowProperties.Append(new CantSplit());
        row.Append(rowProperties);
        for (var i = 0; i < columns.Length; i++)
        {
            var cellProperties = new TableCellProperties
            {
                TableCellWidth = new TableCellWidth { Width = columns[i].ToString(System.Globalization.CultureInfo.InvariantCulture), Type = TableWidthUnitValues.Dxa },
            };
            if (header) cellProperties.Shading = new Shading { Val = ShadingPatternValues.Clear, Color = "auto", Fill = "D9E2F3" };
            var text = i < cells.Count ? cells[i] : "";
            var paragraph = new Paragraph(new ParagraphProperties
            {
                SpacingBetweenLines = new SpacingBetweenLines { Line = "300", LineRule = LineSpacingRuleValues.Auto },
                Justification = header ? new Justification { Val = JustificationValues.Center } : null,
            }, TextRun(text, bold: header));
            row.Append(new TableCell(cellProperties, paragraph));
        }
        return row;
    }

    private static Paragraph StyledParagraph(string styleId, string text) =>
        new(new ParagraphProperties { ParagraphStyleId = new ParagraphStyleId { Val = styleId } }, TextRun(text, bold: false));

    private static Run TextRun(string text, bool bold)
    {
        var run = new Run();
        if (bold) run.RunProperties = new RunProperties { Bold = new Bold() };
        // Line breaks inside a value (a multi-line quote) become Word breaks rather than being lost.
        var lines = text.Replace("\r\n", "\n").Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            if (i > 0) run.Append(new Break());
            run.Append(new Text(lines[i]) { Space = SpaceProcessingModeValues.Preserve });
        }
        return run;
    }

    private static Run NoteRun(string text) => new(
        new RunProperties { Color = new Color { Val = "595959" }, FontSize = new FontSize { Val = "18" } },
        new Text(text) { Space = SpaceProcessingModeValues.Preserve });

    private static RunFonts Fonts(string eastAsia) => new()
    {
        Ascii = LatinFont,
        HighAnsi = LatinFont,
        EastAsia = eastAsia,
        ComplexScript = LatinFont,
    };

    private static Styles Styles()
    {
        var defaults = new DocDefaults(
            new RunPropertiesDefault(new RunPropertiesBaseStyle
            {
                RunFonts = Fonts(BodyFont),
                FontSize = new FontSize { Val = "24" },
                FontSizeComplexScript = new FontSizeComplexScript { Val = "24" },
                Languages = new Languages { Val = "en-US", EastAsia = "zh-CN" },
            }),
            new ParagraphPropertiesDefault(new ParagraphPropertiesBaseStyle
            {
                SpacingBetweenLines = new SpacingBetweenLines { After = "60", Line = "360", LineRule = LineSpacingRuleValues.Auto },
            }));

        var styles = new Styles(defaults);
        styles.Append(new Style(new StyleName { Val = "Normal" }, new PrimaryStyle())
        {
            Type = StyleValues.Paragraph,
            StyleId = "Normal",
            Default = true,
        });
        styles.Append(HeadingStyle("Title", "Title", null, 44, JustificationValues.Center));
        styles.Append(HeadingStyle("Heading1", "heading 1", 0, 32, null));
        styles.Append(HeadingStyle("Heading2", "heading 2", 1, 28, null));
        styles.Append(HeadingStyle("Heading3", "heading 3", 2, 24, null));
        styles.Append(new Style(
            new StyleName { Val = "Table Grid" },
            new BasedOn { Val = "TableNormal" },
            new PrimaryStyle(),
            new StyleTableProperties(
                new TableBorders(
                    new TopBorder { Val = BorderValues.Single, Size = 4U, Space = 0U, Color = "auto" },
                    new LeftBorder { Val = BorderValues.Single, Size = 4U, Space = 0U, Color = "auto" },
                    new BottomBorder { Val = BorderValues.Single, Size = 4U, Space = 0U, Color = "auto" },
                    new RightBorder { Val = BorderValues.Single, Size = 4U, Space = 0U, Color = "auto" },
                    new InsideHorizontalBorder { Val = BorderValues.Single, Size = 4U, Space = 0U, Color = "auto" },
                    new InsideVerticalBorder { Val = BorderValues.Single, Size = 4U, Space = 0U, Color = "auto" }),
                new TableCellMarginDefault(
                    new TopMargin { Width = "0", Type = TableWidthUnitValues.Dxa },
                    new TableCellLeftMargin { Width = 108, Type = TableWidthValues.Dxa },
                    new BottomMargin { Width = "0", Type = TableWidthUnitValues.Dxa },
                    new TableCellRightMargin { Width = 108, Type = TableWidthValues.Dxa })))
        {
            Type = StyleValues.Table,
            StyleId = "TableGrid",
        });
        styles.Append(new Style(new StyleName { Val = "Normal Table" }, new UIPriority { Val = 99 }, new SemiHidden(),
            new StyleTableProperties(new TableCellMarginDefault(
                new TopMargin { Width = "0", Type = TableWidthUnitValues.Dxa },
                new TableCellLeftMargin { Width = 108, Type = TableWidthValues.Dxa },
                new BottomMargin { Width = "0", Type = TableWidthUnitValues.Dxa },
                new TableCellRightMargin { Width = 108, Type = TableWidthValues.Dxa })))
        {
            Type = StyleValues.Table,
            StyleId = "TableNormal",
            Default = true,
        });
        return styles;
    }

    private static Style HeadingStyle(string id, string name, int? outline, int halfPoints, JustificationValues? align)
    {
        var paragraph = new StyleParagraphProperties
        {
            KeepNext = new KeepNext(),
            SpacingBetweenLines = new SpacingBetweenLines { Before = "240", After = "120" },
        };
        if (align is { } a) paragraph.Justification = new Justification { Val = a };
        if (outline is { } o) paragraph.OutlineLevel = new OutlineLevel { Val = o };
        return new Style(
            new StyleName { Val = name },
            new BasedOn { Val = "Normal" },
            new NextParagraphStyle { Val = "Normal" },
            new PrimaryStyle(),
            paragraph,
            new StyleRunProperties
            {
                RunFonts = Fonts(HeadingFont),
                FontSize = new FontSize { Val = halfPoints.ToString(System.Globalization.CultureInfo.InvariantCulture) },
                FontSizeComplexScript = new FontSizeComplexScript { Val = halfPoints.ToString(System.Globalization.CultureInfo.InvariantCulture) },
            })
        {
            Type = StyleValues.Paragraph,
            StyleId = id,
        };
    }

    /// <summary>「第 N 页 共 M 页」 centred in the footer, from PAGE / NUMPAGES fields so it stays right after edits.</summary>
    private static Footer PageNumberFooter()
    {
        static IEnumerable<Run> Field(string instruction) =>
        [
            new Run(new FieldChar { FieldCharType = FieldCharValues.Begin }),
            new Run(new FieldCode(" " + instruction + " ") { Space = SpaceProcessingModeValues.Preserve }),
            new Run(new FieldChar { FieldCharType = FieldCharValues.Separate }),
            new Run(new Text("1")),
            new Run(new FieldChar { FieldCharType = FieldCharValues.End }),
        ];

        var paragraph = new Paragraph(new ParagraphProperties { Justification = new Justification { Val = JustificationValues.Center } });
        paragraph.Append(new Run(new Text("第 ") { Space = SpaceProcessingModeValues.Preserve }));
        paragraph.Append(Field("PAGE"));
        paragraph.Append(new Run(new Text(" 页 共 ") { Space = SpaceProcessingModeValues.Preserve }));
        paragraph.Append(Field("NUMPAGES"));
        paragraph.Append(new Run(new Text(" 页") { Space = SpaceProcessingModeValues.Preserve }));
        return new Footer(paragraph);
    }
}
