using System.Text;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using PilotEval.Panel.Store;

namespace PilotEval.Panel;

/// <summary>
/// Reading the panel's tabular inputs (experts.csv/.xlsx, scores.csv) into rows with their line numbers, so every
/// refusal can name the row. Text files are read here and only here, so the shared encoding-detecting reader
/// (issue 17: UTF-8 with or without BOM, GBK) replaces one call.
/// </summary>
public static class PanelInput
{
    /// <summary>One data row: its 1-based line (CSV) or row (XLSX) number and its fields by header.</summary>
    public sealed record Row(int Line, IReadOnlyDictionary<string, string> Fields)
    {
        public string Get(string column) => Fields.TryGetValue(column, out var v) ? v : "";
    }

    /// <summary>UTF-8 with or without BOM, UTF-16, or GBK as Chinese Excel saves CSV (issue 17's one reader).</summary>
    public static string ReadText(string path)
    {
        try
        {
            return Inputs.TextInput.Read(path).Text;
        }
        catch (Inputs.TextInputException ex)
        {
            throw new PanelException(ex.Message);
        }
    }

    /// <summary>Reads a CSV or the first sheet of an XLSX; checks that the <paramref name="required"/> columns are in its header.</summary>
    public static IReadOnlyList<Row> ReadTable(string path, IReadOnlyList<string> required)
    {
        if (!File.Exists(path)) throw new PanelException($"{path}：文件不存在");
        var lines = Path.GetExtension(path).Equals(".xlsx", StringComparison.OrdinalIgnoreCase)
            ? XlsxRows(path)
            : CsvRows(ReadText(path), Path.GetFileName(path));
        var header = lines.FirstOrDefault(l => l.Fields.Any(f => f.Length > 0));
        if (header.Fields is null) throw new PanelException($"{Path.GetFileName(path)}：文件为空");
        var names = header.Fields.Select(f => f.Trim().ToLowerInvariant()).ToList();
        var missing = required.Where(r => !names.Contains(r)).ToList();
        if (missing.Count > 0)
            throw new PanelException($"{Path.GetFileName(path)}:{header.Line}：表头缺少列 {string.Join("、", missing)}（应为 {string.Join(",", required)}）");
        var rows = new List<Row>();
        foreach (var (line, fields) in lines.Where(l => l.Line > header.Line))
        {
            if (fields.All(f => f.Trim().Length == 0)) continue;
            var map = new Dictionary<string, string>(StringComparer.Ordinal);
            for (var i = 0; i < names.Count; i++) map[names[i]] = i < fields.Count ? fields[i].Trim() : "";
            rows.Add(new Row(line, map));
        }
        return rows;
    }

    /// <summary>RFC 4180 fields (quotes, doubled quotes, line breaks inside quotes); the line number is where the record starts.</summary>
    internal static List<(int Line, List<string> Fields)> CsvRows(string text, string file)
    {
        var records = new List<(int, List<string>)>();
        var fields = new List<string>();
        var field = new StringBuilder();
        var line = 1;
        var start = 1;
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var ch = text[i];
            if (quoted)
            {
                if (ch == '"' && i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i++; }
                else if (ch == '"') quoted = false;
                else
                {
                    if (ch == '\n') line++;
                    field.Append(ch);
                }
                continue;
            }
            switch (ch)
            {
                case '"' when field.Length == 0:
                    quoted = true;
                    break;
                case ',':
                    fields.Add(field.ToString());
                    field.Clear();
                    break;
                case '\r':
                    break;
                case '\n':
                    fields.Add(field.ToString());
                    field.Clear();
                    records.Add((start, fields));
                    fields = [];
                    start = ++line;
                    break;
                default:
                    field.Append(ch);
                    break;
            }
        }
        if (quoted) throw new PanelException($"{file}:{start}：引号未闭合");
        if (field.Length > 0 || fields.Count > 0)
        {
            fields.Add(field.ToString());
            records.Add((start, fields));
        }
        return records;
    }

    private static List<(int Line, List<string> Fields)> XlsxRows(string path)
    {
        try
        {
            using var document = SpreadsheetDocument.Open(path, false);
            var workbook = document.WorkbookPart ?? throw new PanelException($"{Path.GetFileName(path)}：不是有效的 Excel 工作簿");
            var sheet = workbook.Workbook.Sheets?.Elements<Sheet>().FirstOrDefault()
                ?? throw new PanelException($"{Path.GetFileName(path)}：工作簿中没有工作表");
            var cells = XlsxCells.Read(workbook, (WorksheetPart)workbook.GetPartById(sheet.Id!));
            return [.. cells.GroupBy(c => c.Key.Row).OrderBy(g => g.Key).Select(g =>
            {
                var width = g.Max(c => c.Key.Column);
                var fields = Enumerable.Range(1, width).Select(col => cells.GetValueOrDefault((g.Key, col)) ?? "").ToList();
                return (g.Key, fields);
            })];
        }
        catch (Exception ex) when (ex is OpenXmlPackageException or InvalidDataException or FileFormatException)
        {
            throw new PanelException($"{Path.GetFileName(path)}：无法作为 Excel 工作簿打开（{ex.Message}）");
        }
    }
}

/// <summary>The text of every non-empty cell of a worksheet, by (row, column), shared strings resolved.</summary>
public static class XlsxCells
{
    public static Dictionary<(int Row, int Column), string> Read(WorkbookPart workbook, WorksheetPart sheet)
    {
        var shared = workbook.SharedStringTablePart?.SharedStringTable?.Elements<SharedStringItem>().Select(s => s.InnerText).ToList() ?? [];
        var cells = new Dictionary<(int, int), string>();
        foreach (var cell in sheet.Worksheet.Descendants<Cell>())
        {
            if (cell.CellReference?.Value is not { } reference) continue;
            string text;
            if (cell.DataType?.Value == CellValues.SharedString)
                text = int.TryParse(cell.CellValue?.Text, out var i) && i < shared.Count ? shared[i] : "";
            else if (cell.DataType?.Value == CellValues.InlineString)
                text = cell.InlineString?.InnerText ?? "";
            else
                text = cell.CellValue?.Text ?? "";
            if (text.Length > 0) cells[Parse(reference)] = text;
        }
        return cells;
    }

    /// <summary>"AB12" → (12, 28).</summary>
    public static (int Row, int Column) Parse(string reference)
    {
        var column = 0;
        var i = 0;
        for (; i < reference.Length && char.IsLetter(reference[i]); i++) column = column * 26 + (char.ToUpperInvariant(reference[i]) - 'A' + 1);
        return (int.Parse(reference[i..], System.Globalization.CultureInfo.InvariantCulture), column);
    }

    public static string Reference(int row, int column) =>
        Publishing.ScoresWorkbook.ColumnName(column) + row.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
