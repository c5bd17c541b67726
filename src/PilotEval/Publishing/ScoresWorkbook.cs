using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace PilotEval.Publishing;

/// <summary>
/// <c>scores.xlsx</c>: an overview sheet of every application, then one sheet per track with the criteria as
/// columns, so a secretariat can sort, filter and add the experts' own scores. Numbers are stored as numbers
/// (not text), header rows are frozen and filtered. Written with the OpenXml SDK directly: the only ClosedXML
/// the package source serves (0.95.4) targets OpenXml 2.x and cannot live beside the 3.3.0 the readers use.
/// </summary>
public static class ScoresWorkbook
{
    private const uint HeaderStyle = 1;
    private const uint ScoreStyle = 2;
    private const uint PercentStyle = 3;
    private const uint WrapStyle = 4;

    /// <summary>A cell value: text, a number in a given style, or nothing.</summary>
    private readonly record struct Value(string? Text, double? Number, uint Style)
    {
        public static Value Of(string? text) => new(text ?? "", null, 0);
        public static Value Wrapped(string? text) => new(text ?? "", null, WrapStyle);
        public static Value Score(double? n) => n is null ? new(null, null, 0) : new(null, n, ScoreStyle);
        public static Value Percent(double? n) => n is null ? new(null, null, 0) : new(null, n, PercentStyle);
        public static Value Integer(int? n) => n is null ? new(null, null, 0) : new(null, n, 0);
    }

    /// <param name="Rows">Enumerated once, as the sheet is written: each row is built, written and let go.</param>
    /// <param name="RowCount">How many rows <paramref name="Rows"/> gives (the filter's range is named before they are written).</param>
    private sealed record Sheet(string Name, IReadOnlyList<(string Header, double Width)> Columns, IEnumerable<IReadOnlyList<Value>> Rows, int RowCount);

    /// <summary>
    /// Rows built and rows written so far, and the most built and not yet written at any one moment: what the writer
    /// holds of the sheets beyond the results' brief forms. Counted as rows are built and written, not measured.
    /// </summary>
    internal sealed class RowCounts
    {
        private int _pending;

        public int Built { get; private set; }

        public int Written { get; private set; }

        public int PeakPending { get; private set; }

        public void OnBuilt()
        {
            Built++;
            PeakPending = Math.Max(PeakPending, ++_pending);
        }

        public void OnWritten()
        {
            Written++;
            _pending--;
        }
    }

    /// <summary>
    /// Writes the workbook beside the target and renames it (a killed run leaves no half file, and its temporary
    /// file is removed by the next run), straight into the file rather than through a copy in memory.
    /// </summary>
    public static Task SaveAsync(ResultsDocument results, string path, CancellationToken cancellationToken) =>
        JsonOutput.WriteAtomicallyAsync(path, (stream, _) =>
        {
            Write(results, stream, path, null);
            return Task.CompletedTask;
        }, cancellationToken);

    /// <summary>
    /// Each worksheet, then the shared strings, written (SAX) into a file of its own beside <paramref name="path"/> a row
    /// at a time; the workbook and the styles (a few KB) by the SDK; all then copied into <paramref name="stream"/> as a
    /// zip written front to back (<see cref="StreamedPackage"/>). Built as one DOM inside the SDK's in-memory package,
    /// the workbook of 10,000 applications held every cell as an object and every part's XML until it closed. The
    /// parts are the same, byte for byte, as the DOM gave.
    /// </summary>
    /// <param name="counts">Counts the rows as they are built and written; null counts nothing.</param>
    internal static void Write(ResultsDocument results, Stream stream, string path, RowCounts? counts)
    {
        var sheets = new List<Sheet> { Overview(results, counts) };
        sheets.AddRange(results.Rubrics.Select(r => TrackSheet(results, r, counts)));
        var files = new Dictionary<string, string>(StringComparer.Ordinal);
        var sheetFiles = Enumerable.Range(1, sheets.Count)
            .Select(i => StreamedPackage.PartFile(path, string.Create(CultureInfo.InvariantCulture, $"sheet{i}"))).ToList();
        var stringsFile = StreamedPackage.PartFile(path, "sharedStrings");
        try
        {
            // The worksheets first: the shared strings are known once every cell is written.
            var strings = new SharedStrings();
            for (var i = 0; i < sheets.Count; i++) WritePart(sheetFiles[i], writer => WriteWorksheet(writer, sheets[i], strings, counts));
            WritePart(stringsFile, strings.Write);

            using var shell = new MemoryStream();
            using (var package = SpreadsheetDocument.Create(shell, SpreadsheetDocumentType.Workbook))
            {
                var workbookPart = package.AddWorkbookPart();
                files[PartName(workbookPart.AddNewPart<SharedStringTablePart>())] = stringsFile;
                workbookPart.AddNewPart<WorkbookStylesPart>().Stylesheet = Styles();

                var sheetList = new Sheets();
                var definedNames = new DefinedNames();
                for (var i = 0; i < sheets.Count; i++)
                {
                    var sheet = sheets[i];
                    // A fixed relationship id, not the SDK's random one: two runs on the same results write the same workbook.
                    var part = workbookPart.AddNewPart<WorksheetPart>(string.Create(CultureInfo.InvariantCulture, $"rIdSheet{i + 1}"));
                    files[PartName(part)] = sheetFiles[i];
                    sheetList.Append(new DocumentFormat.OpenXml.Spreadsheet.Sheet
                    {
                        Name = sheet.Name,
                        SheetId = (uint)(i + 1),
                        Id = workbookPart.GetIdOfPart(part),
                    });
                    // Excel keeps an autofilter's range in this hidden name; without it the filter buttons may be dropped.
                    definedNames.Append(new DefinedName($"'{sheet.Name}'!$A$1:${ColumnName(sheet.Columns.Count)}${sheet.RowCount + 1}")
                    {
                        Name = "_xlnm._FilterDatabase",
                        LocalSheetId = (uint)i,
                        Hidden = true,
                    });
                }
                workbookPart.Workbook = new Workbook(sheetList, definedNames);
            }
            StreamedPackage.Copy(shell, stream, files);
        }
        finally
        {
            foreach (var file in sheetFiles.Append(stringsFile)) File.Delete(file);
        }
    }

    /// <summary>A part's name inside the package, as the zip names its entry; its stream is left empty here and filled from its file.</summary>
    private static string PartName(OpenXmlPart part)
    {
        using (part.GetStream(FileMode.Create))
        {
        }
        return part.Uri.OriginalString.TrimStart('/');
    }

    private static void WritePart(string file, Action<OpenXmlWriter> write)
    {
        using var stream = new FileStream(file, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
        using var writer = OpenXmlWriter.Create(stream, new System.Text.UTF8Encoding(false));
        writer.WriteStartDocument();
        write(writer);
        writer.Close();
    }

    private static Sheet Overview(ResultsDocument results, RowCounts? counts)
    {
        // Looked up once per row: a scan of every exclusion for each of 10,000 rows grew as N².
        var exclusions = results.Exclusions.ToLookup(e => e.Source, StringComparer.Ordinal);
        return new("总览",
        [("文件", 30), ("方向", 16), ("申报单位", 30), ("项目名称", 40), ("联合申报单位", 24), ("状态", 10),
         ("符合条件", 10), ("申报条件", 36), ("得分", 9), ("排名", 7), ("证据覆盖", 10), ("标记", 20), ("不符合条件或未入围原因", 50)],
        results.Submissions.Brief.Select(s => Counted(counts,
        [
            Value.Of(s.Source), Value.Of(ReportText.TrackName(results, s.Track)), Value.Of(s.Enterprise), Value.Of(s.Project),
            Value.Of(s.Partners), Value.Of(ReportText.StatusName(s.Status)), Value.Of(ReportText.EligibleShort(s.Eligible)),
            Value.Wrapped(string.Join("；", s.Eligibility.Select(e => $"{e.Name}：{ReportText.CheckStatusName(e.Status)}"))),
            Value.Score(s.Score), Value.Integer(s.Rank), Value.Percent(s.Coverage),
            Value.Of(string.Join("、", s.Flags.Select(f => ReportText.FlagName(f.Code)).Distinct())),
            Value.Wrapped(string.Join("；", exclusions[s.Source].Select(e => ReportText.ReasonName(e.Reason) + "：" + e.Detail))),
        ])), results.Submissions.Brief.Count);
    }

    private static Sheet TrackSheet(ResultsDocument results, ResultsDocument.RubricRef rubric, RowCounts? counts)
    {
        var members = results.Submissions.Brief.Where(s => s.Track == rubric.Track && s.Status == "scored").ToList();
        // Column order follows the rubric as the first scored application lists it; every application of a track has the same criteria.
        var criteria = members.SelectMany(s => s.Criteria).Select(c => (c.Id, c.Name, c.Weight)).Distinct().ToList();
        var columns = new List<(string, double)> { ("排名", 7), ("文件", 28), ("申报单位", 28), ("项目名称", 36), ("符合条件", 9), ("总分", 9) };
        foreach (var c in criteria)
        {
            columns.Add(($"{c.Name}（{ReportText.Score(c.Weight)}）", 12));
            columns.Add(($"{c.Name} 等级", 8));
        }
        columns.Add(("证据覆盖", 10));
        var rows = members
            .OrderBy(s => s.Rank ?? int.MaxValue).ThenByDescending(s => s.Score ?? -1).ThenBy(s => s.Source, StringComparer.Ordinal)
            .Select(s =>
            {
                var row = new List<Value>
                {
                    Value.Integer(s.Rank), Value.Of(s.Source), Value.Of(s.Enterprise), Value.Of(s.Project),
                    Value.Of(ReportText.EligibleShort(s.Eligible)), Value.Score(s.Score),
                };
                foreach (var c in criteria)
                {
                    var item = s.Criteria.FirstOrDefault(x => x.Id == c.Id);
                    row.Add(Value.Score(item?.Score));
                    row.Add(Value.Of(item?.Level));
                }
                row.Add(Value.Percent(s.Coverage));
                return Counted(counts, row);
            });
        return new Sheet(SheetName(rubric.Name), columns, rows, members.Count);
    }

    private static IReadOnlyList<Value> Counted(RowCounts? counts, IReadOnlyList<Value> row)
    {
        counts?.OnBuilt();
        return row;
    }

    /// <summary>The worksheet's elements in schema order, the rows written one at a time between them.</summary>
    private static void WriteWorksheet(OpenXmlWriter writer, Sheet sheet, SharedStrings strings, RowCounts? counts)
    {
        var lastColumn = ColumnName(sheet.Columns.Count);
        writer.WriteStartElement(new Worksheet());
        writer.WriteElement(new SheetViews(new SheetView(
                new Pane { VerticalSplit = 1D, TopLeftCell = "A2", ActivePane = PaneValues.BottomLeft, State = PaneStateValues.Frozen },
                new Selection { Pane = PaneValues.BottomLeft, ActiveCell = "A2", SequenceOfReferences = new ListValue<StringValue> { InnerText = "A2" } })
            { WorkbookViewId = 0U }));
        writer.WriteElement(new SheetFormatProperties { DefaultRowHeight = 15D });
        writer.WriteElement(new Columns(sheet.Columns.Select((c, i) => new Column { Min = (uint)(i + 1), Max = (uint)(i + 1), Width = c.Width, CustomWidth = true })));
        writer.WriteStartElement(new SheetData());
        writer.WriteElement(RowOf(1, [.. sheet.Columns.Select(c => new Value(c.Header, null, HeaderStyle))], strings));
        var index = 1U;
        foreach (var row in sheet.Rows)
        {
            writer.WriteElement(RowOf(++index, row, strings));
            counts?.OnWritten();
        }
        writer.WriteEndElement();
        writer.WriteElement(new AutoFilter { Reference = $"A1:{lastColumn}{sheet.RowCount + 1}" });
        writer.WriteEndElement();
    }

    private static Row RowOf(uint index, IReadOnlyList<Value> values, SharedStrings strings)
    {
        var row = new Row { RowIndex = index };
        for (var i = 0; i < values.Count; i++)
        {
            var v = values[i];
            var cell = new Cell { CellReference = ColumnName(i + 1) + index.ToString(CultureInfo.InvariantCulture) };
            if (v.Style != 0) cell.StyleIndex = v.Style;
            if (v.Number is { } n)
            {
                cell.CellValue = new CellValue(n);
            }
            else if (!string.IsNullOrEmpty(v.Text))
            {
                cell.DataType = CellValues.SharedString;
                cell.CellValue = new CellValue(strings.Index(v.Text));
            }
            row.Append(cell);
        }
        return row;
    }

    /// <summary>1 → A, 27 → AA.</summary>
    internal static string ColumnName(int number)
    {
        var name = "";
        for (; number > 0; number = (number - 1) / 26) name = (char)('A' + (number - 1) % 26) + name;
        return name;
    }

    /// <summary>Excel refuses sheet names over 31 characters or with <c>[]:*?/\</c>.</summary>
    private static string SheetName(string name)
    {
        var clean = new string([.. name.Select(ch => "[]:*?/\\".Contains(ch) ? '_' : ch)]);
        return clean.Length <= 31 ? clean : clean[..31];
    }

    private static Stylesheet Styles() => new(
        new NumberingFormats(new NumberingFormat { NumberFormatId = 164U, FormatCode = "0.0" }) { Count = 1U },
        new Fonts(
            new Font(new FontSize { Val = 11D }, new FontName { Val = "宋体" }, new FontCharSet { Val = 134 }),
            new Font(new Bold(), new FontSize { Val = 11D }, new FontName { Val = "黑体" }, new FontCharSet { Val = 134 }))
        { Count = 2U },
        new Fills(
            new Fill(new PatternFill { PatternType = PatternValues.None }),
            new Fill(new PatternFill { PatternType = PatternValues.Gray125 }),
            new Fill(new PatternFill(new ForegroundColor { Rgb = "FFD9E2F3" }, new BackgroundColor { Indexed = 64U }) { PatternType = PatternValues.Solid }))
        { Count = 3U },
        new Borders(new Border(new LeftBorder(), new RightBorder(), new TopBorder(), new BottomBorder(), new DiagonalBorder())) { Count = 1U },
        new CellStyleFormats(new CellFormat { NumberFormatId = 0U, FontId = 0U, FillId = 0U, BorderId = 0U }) { Count = 1U },
        new CellFormats(
            new CellFormat { NumberFormatId = 0U, FontId = 0U, FillId = 0U, BorderId = 0U, FormatId = 0U },
            new CellFormat(new Alignment { Vertical = VerticalAlignmentValues.Center, WrapText = true })
            { NumberFormatId = 0U, FontId = 1U, FillId = 2U, BorderId = 0U, FormatId = 0U, ApplyFont = true, ApplyFill = true, ApplyAlignment = true },
            new CellFormat { NumberFormatId = 164U, FontId = 0U, FillId = 0U, BorderId = 0U, FormatId = 0U, ApplyNumberFormat = true },
            new CellFormat { NumberFormatId = 9U, FontId = 0U, FillId = 0U, BorderId = 0U, FormatId = 0U, ApplyNumberFormat = true },
            new CellFormat(new Alignment { WrapText = true }) { NumberFormatId = 0U, FontId = 0U, FillId = 0U, BorderId = 0U, FormatId = 0U, ApplyAlignment = true })
        { Count = 5U },
        new CellStyles(new CellStyle { Name = "Normal", FormatId = 0U, BuiltinId = 0U }) { Count = 1U });

    /// <summary>The workbook's shared string table: each distinct text stored once, as Excel itself writes it.</summary>
    private sealed class SharedStrings
    {
        private readonly Dictionary<string, int> _index = new(StringComparer.Ordinal);
        private readonly List<string> _items = [];

        public int Index(string text)
        {
            if (!_index.TryGetValue(text, out var i))
            {
                i = _items.Count;
                _items.Add(text);
                _index[text] = i;
            }
            return i;
        }

        public void Write(OpenXmlWriter writer)
        {
            writer.WriteStartElement(new SharedStringTable { Count = (uint)_items.Count, UniqueCount = (uint)_items.Count });
            foreach (var text in _items) writer.WriteElement(new SharedStringItem(new Text(text) { Space = SpaceProcessingModeValues.Preserve }));
            writer.WriteEndElement();
        }
    }
}
