using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using PilotEval.Panel.Store;

namespace PilotEval.Panel;

/// <summary>
/// One expert's score sheet (<c>评分表-&lt;expert&gt;.xlsx</c>) for panels that score offline: a worksheet per track with
/// the expert's applications only, one row each, one column per criterion headed with its maximum, data validation
/// 0…maximum, and everything but the score and comment cells locked under sheet protection. A very hidden sheet
/// records whose sheet it is and which application and criterion each cell stands for, so the import can refuse a
/// sheet of another expert or an edited locked cell by its address.
/// </summary>
public static class ScoreSheet
{
    public const string Marker = "piloteval-panel-sheet";
    public const string MetaSheet = "piloteval";
    public const int FirstRow = 3;
    public const int FirstScoreColumn = 4;

    public sealed record Track(string Id, string Name, IReadOnlyList<CriterionRow> Criteria, IReadOnlyList<ApplicationRow> Applications);

    public static string FileName(string expert) => $"评分表-{expert}.xlsx";

    public static string SheetName(string name)
    {
        var clean = new string([.. name.Select(ch => "[]:*?/\\'".Contains(ch) ? '_' : ch)]);
        return clean.Length <= 31 ? clean : clean[..31];
    }

    public static string Header(CriterionRow c) => $"{c.Name}（满分 {ImportExperts.Format(c.Weight)}）";

    public static readonly string[] FixedHeaders = ["申报文件", "申报单位", "项目名称"];

    public static byte[] Build(string expert, IReadOnlyList<Track> tracks)
    {
        using var stream = new MemoryStream();
        using (var package = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbook = package.AddWorkbookPart();
            workbook.AddNewPart<WorkbookStylesPart>().Stylesheet = Styles();
            var sheets = new Sheets();
            var meta = new List<IReadOnlyList<string>> { new[] { Marker, "1" }, new[] { "expert", expert } };
            uint id = 1;
            foreach (var track in tracks)
            {
                var name = SheetName(track.Name);
                var part = workbook.AddNewPart<WorksheetPart>();
                part.Worksheet = TrackSheet(expert, track);
                sheets.Append(new Sheet { Name = name, SheetId = id++, Id = workbook.GetIdOfPart(part) });
                meta.Add([.. new[] { "sheet", name, track.Id }, .. track.Criteria.Select(c => c.Id)]);
                meta.Add([.. new[] { "rows", name, "" }, .. track.Applications.Select(a => a.Source)]);
            }
            var metaPart = workbook.AddNewPart<WorksheetPart>();
            metaPart.Worksheet = new Worksheet(new SheetData(meta.Select((r, i) => RowOf(i + 1, r.Select(Text).ToList()))),
                new SheetProtection { Sheet = true, Objects = true, Scenarios = true });
            sheets.Append(new Sheet { Name = MetaSheet, SheetId = id, Id = workbook.GetIdOfPart(metaPart), State = SheetStateValues.VeryHidden });
            // Locked structure: the hidden sheet cannot be unhidden, renamed or deleted from Excel's menus.
            workbook.Workbook = new Workbook(new WorkbookProtection { LockStructure = true }, sheets);
        }
        return stream.ToArray();
    }

    private static Worksheet TrackSheet(string expert, Track track)
    {
        var columns = FixedHeaders.Length + track.Criteria.Count + 1;
        var rows = new List<Row>
        {
            RowOf(1, [Text("专家", HeaderStyle), Text(expert, HeaderStyle), Text($"{track.Name}：只填写黄色单元格，分数为 0 至该列满分之间的数字；填好后交回秘书处导入。")]),
            RowOf(2, [.. FixedHeaders.Select(h => Text(h, HeaderStyle)), .. track.Criteria.Select(c => Text(Header(c), HeaderStyle)), Text("意见", HeaderStyle)]),
        };
        for (var i = 0; i < track.Applications.Count; i++)
        {
            var a = track.Applications[i];
            rows.Add(RowOf(FirstRow + i,
            [
                Text(a.Source), Text(a.Enterprise ?? ""), Text(a.Project ?? ""),
                .. track.Criteria.Select(_ => new CellSpec(null, InputStyle)), new CellSpec(null, CommentStyle),
            ]));
        }
        var last = FirstRow + Math.Max(track.Applications.Count, 1) - 1;
        var validations = new DataValidations(track.Criteria.Select((c, i) =>
        {
            var column = XlsxCells.Reference(FirstRow, FirstScoreColumn + i)[..^FirstRow.ToString(CultureInfo.InvariantCulture).Length];
            return new DataValidation(new Formula1("0"), new Formula2(ImportExperts.Format(c.Weight)))
            {
                Type = DataValidationValues.Decimal, Operator = DataValidationOperatorValues.Between, AllowBlank = true,
                ShowErrorMessage = true, ErrorTitle = "分数超出范围", Error = $"「{c.Name}」的分数须在 0 至 {ImportExperts.Format(c.Weight)} 之间",
                ShowInputMessage = true, PromptTitle = c.Name, Prompt = $"0 至 {ImportExperts.Format(c.Weight)} 分",
                SequenceOfReferences = new ListValue<StringValue> { InnerText = $"{column}{FirstRow}:{column}{last}" },
            };
        }))
        { Count = (uint)track.Criteria.Count };
        var worksheet = new Worksheet(
            new SheetViews(new SheetView(new Pane { VerticalSplit = 2D, TopLeftCell = "A3", ActivePane = PaneValues.BottomLeft, State = PaneStateValues.Frozen })
            { WorkbookViewId = 0U }),
            new SheetFormatProperties { DefaultRowHeight = 15D },
            new Columns(Enumerable.Range(1, columns).Select(i => new Column
            {
                Min = (uint)i, Max = (uint)i, CustomWidth = true,
                Width = i switch { 1 => 28, 2 => 26, 3 => 32, _ when i == columns => 40, _ => 14 },
            })),
            new SheetData(rows),
            new SheetProtection { Sheet = true, Objects = true, Scenarios = true, FormatColumns = false, FormatRows = false });
        if (track.Criteria.Count > 0) worksheet.Append(validations);
        return worksheet;
    }

    private const uint HeaderStyle = 1;
    private const uint InputStyle = 2;
    private const uint CommentStyle = 3;
    private const uint NumberStyle = 4;

    /// <summary>A plain report table: a header row and rows of text, numbers or blanks.</summary>
    public sealed record Table(string Name, IReadOnlyList<string> Headers, IReadOnlyList<IReadOnlyList<object?>> Rows);

    /// <summary>A workbook of report tables (the panel's progress, discussion, rankings, severities), numbers stored as numbers.</summary>
    public static byte[] BuildTables(IReadOnlyList<Table> tables)
    {
        using var stream = new MemoryStream();
        using (var package = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbook = package.AddWorkbookPart();
            workbook.AddNewPart<WorkbookStylesPart>().Stylesheet = Styles();
            var sheets = new Sheets();
            uint id = 1;
            foreach (var table in tables)
            {
                var part = workbook.AddNewPart<WorksheetPart>();
                var rows = new List<Row> { RowOf(1, [.. table.Headers.Select(h => Text(h, HeaderStyle))]) };
                rows.AddRange(table.Rows.Select((r, i) => RowOf(i + 2, [.. r.Select(v => v switch
                {
                    null => new CellSpec(null, 0),
                    double d => new CellSpec(null, NumberStyle, d),
                    int n => new CellSpec(null, 0, n),
                    _ => Text(Convert.ToString(v, CultureInfo.InvariantCulture) ?? ""),
                })])));
                part.Worksheet = new Worksheet(
                    new SheetViews(new SheetView(new Pane { VerticalSplit = 1D, TopLeftCell = "A2", ActivePane = PaneValues.BottomLeft, State = PaneStateValues.Frozen })
                    { WorkbookViewId = 0U }),
                    new SheetFormatProperties { DefaultRowHeight = 15D },
                    new Columns(table.Headers.Select((h, i) => new Column { Min = (uint)(i + 1), Max = (uint)(i + 1), CustomWidth = true, Width = Math.Max(10, h.Length * 2.2) })),
                    new SheetData(rows));
                sheets.Append(new Sheet { Name = SheetName(table.Name), SheetId = id++, Id = workbook.GetIdOfPart(part) });
            }
            workbook.Workbook = new Workbook(sheets);
        }
        return stream.ToArray();
    }

    private readonly record struct CellSpec(string? Text, uint Style, double? Number = null);

    private static CellSpec Text(string text) => new(text, 0);

    private static CellSpec Text(string text, uint style) => new(text, style);

    private static Row RowOf(int index, IReadOnlyList<CellSpec> cells)
    {
        var row = new Row { RowIndex = (uint)index };
        for (var i = 0; i < cells.Count; i++)
        {
            var cell = new Cell { CellReference = XlsxCells.Reference(index, i + 1) };
            if (cells[i].Style != 0) cell.StyleIndex = cells[i].Style;
            if (cells[i].Number is { } number) cell.CellValue = new CellValue(number);
            else if (!string.IsNullOrEmpty(cells[i].Text))
            {
                cell.DataType = CellValues.InlineString;
                cell.InlineString = new InlineString(new DocumentFormat.OpenXml.Spreadsheet.Text(cells[i].Text!) { Space = SpaceProcessingModeValues.Preserve });
            }
            row.Append(cell);
        }
        return row;
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
            new Fill(new PatternFill(new ForegroundColor { Rgb = "FFD9E2F3" }, new BackgroundColor { Indexed = 64U }) { PatternType = PatternValues.Solid }),
            new Fill(new PatternFill(new ForegroundColor { Rgb = "FFFFF2CC" }, new BackgroundColor { Indexed = 64U }) { PatternType = PatternValues.Solid }))
        { Count = 4U },
        new Borders(new Border(new LeftBorder(), new RightBorder(), new TopBorder(), new BottomBorder(), new DiagonalBorder())) { Count = 1U },
        new CellStyleFormats(new CellFormat { NumberFormatId = 0U, FontId = 0U, FillId = 0U, BorderId = 0U }) { Count = 1U },
        new CellFormats(
            new CellFormat { NumberFormatId = 0U, FontId = 0U, FillId = 0U, BorderId = 0U, FormatId = 0U },
            new CellFormat(new Alignment { Vertical = VerticalAlignmentValues.Center, WrapText = true })
            { NumberFormatId = 0U, FontId = 1U, FillId = 2U, BorderId = 0U, FormatId = 0U, ApplyFont = true, ApplyFill = true, ApplyAlignment = true },
            // The only unlocked cells: scores (number, yellow) and comments (wrapped text, yellow).
            new CellFormat(new Protection { Locked = false })
            { NumberFormatId = 164U, FontId = 0U, FillId = 3U, BorderId = 0U, FormatId = 0U, ApplyNumberFormat = true, ApplyFill = true, ApplyProtection = true },
            new CellFormat(new Alignment { WrapText = true }, new Protection { Locked = false })
            { NumberFormatId = 0U, FontId = 0U, FillId = 3U, BorderId = 0U, FormatId = 0U, ApplyFill = true, ApplyAlignment = true, ApplyProtection = true },
            new CellFormat { NumberFormatId = 164U, FontId = 0U, FillId = 0U, BorderId = 0U, FormatId = 0U, ApplyNumberFormat = true })
        { Count = 5U },
        new CellStyles(new CellStyle { Name = "Normal", FormatId = 0U, BuiltinId = 0U }) { Count = 1U });

    /// <summary>One score read from a sheet, with the cell it came from.</summary>
    public sealed record Entry(string Expert, string Source, string Criterion, string? Score, string Comment, string Sheet, string Cell, string CommentCell);

    /// <summary>What a filled sheet holds, before any rule of the round is checked.</summary>
    public sealed record Content(string Expert, IReadOnlyList<Entry> Entries, IReadOnlyList<string> LockedEdits,
        IReadOnlyList<(string Sheet, string Track, IReadOnlyList<string> Criteria, IReadOnlyList<string> Sources, IReadOnlyDictionary<(int Row, int Column), string> Cells)> Sheets);

    /// <summary>Reads a filled sheet; throws when it is not a PilotEval score sheet at all.</summary>
    public static Content Read(string path)
    {
        var file = Path.GetFileName(path);
        try
        {
            using var document = SpreadsheetDocument.Open(path, false);
            var workbook = document.WorkbookPart ?? throw new PanelException($"{file}：不是有效的 Excel 工作簿");
            var all = workbook.Workbook.Sheets?.Elements<Sheet>().ToList() ?? [];
            var metaSheet = all.FirstOrDefault(s => s.Name?.Value == MetaSheet)
                ?? throw new PanelException($"{file}：不是 piloteval panel sheets 生成的评分表（缺少隐藏的标识页）");
            var meta = XlsxCells.Read(workbook, (WorksheetPart)workbook.GetPartById(metaSheet.Id!));
            string M(int row, int column) => meta.GetValueOrDefault((row, column)) ?? "";
            if (M(1, 1) != Marker || M(2, 1) != "expert") throw new PanelException($"{file}：不是 piloteval panel sheets 生成的评分表（标识页不符）");
            var expert = M(2, 2);
            var sheets = new List<(string, string, IReadOnlyList<string>, IReadOnlyList<string>, IReadOnlyDictionary<(int Row, int Column), string>)>();
            for (var r = 3; M(r, 1) == "sheet"; r += 2)
            {
                var name = M(r, 2);
                var criteria = Enumerable.Range(4, meta.Keys.Where(k => k.Row == r).Max(k => k.Column) - 3).Select(c => M(r, c)).ToList();
                var lastSource = meta.Keys.Where(k => k.Row == r + 1).Select(k => k.Column).DefaultIfEmpty(3).Max();
                var sources = Enumerable.Range(4, Math.Max(0, lastSource - 3)).Select(c => M(r + 1, c)).ToList();
                var sheet = all.FirstOrDefault(s => s.Name?.Value == name)
                    ?? throw new PanelException($"{file}：缺少工作表「{name}」");
                sheets.Add((name, M(r, 3), criteria, sources, XlsxCells.Read(workbook, (WorksheetPart)workbook.GetPartById(sheet.Id!))));
            }
            var entries = new List<Entry>();
            var locked = new List<string>();
            foreach (var (name, _, criteria, sources, cells) in sheets)
            {
                string C(int row, int column) => cells.GetValueOrDefault((row, column)) ?? "";
                if (C(1, 2) != expert) locked.Add($"{file}，工作表「{name}」，单元格 B1：专家姓名被改为「{C(1, 2)}」（应为「{expert}」）");
                for (var i = 0; i < sources.Count; i++)
                {
                    var row = FirstRow + i;
                    if (C(row, 1) != sources[i])
                        locked.Add($"{file}，工作表「{name}」，单元格 {XlsxCells.Reference(row, 1)}：申报文件被改为「{C(row, 1)}」（应为「{sources[i]}」）");
                    for (var c = 0; c < criteria.Count; c++)
                    {
                        var column = FirstScoreColumn + c;
                        var value = C(row, column);
                        entries.Add(new Entry(expert, sources[i], criteria[c], value.Length == 0 ? null : value, C(row, FirstScoreColumn + criteria.Count).Trim(),
                            name, XlsxCells.Reference(row, column), XlsxCells.Reference(row, FirstScoreColumn + criteria.Count)));
                    }
                }
                // Anything written below the last application is an edit of a locked cell too.
                foreach (var extra in cells.Keys.Where(k => k.Row >= FirstRow + sources.Count).OrderBy(k => k.Row).ThenBy(k => k.Column))
                    locked.Add($"{file}，工作表「{name}」，单元格 {XlsxCells.Reference(extra.Row, extra.Column)}：评分表之外的内容「{cells[extra]}」");
            }
            return new Content(expert, entries, locked, sheets);
        }
        catch (Exception ex) when (ex is OpenXmlPackageException or InvalidDataException or FileFormatException)
        {
            throw new PanelException($"{file}：无法作为 Excel 工作簿打开（{ex.Message}）");
        }
    }
}
