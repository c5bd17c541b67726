using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using DocumentFormat.OpenXml.Validation;
using W = DocumentFormat.OpenXml.Wordprocessing;

namespace PilotEval.Tests.Publishing;

/// <summary>
/// The text a reader sees in each report format, for snapshots that compare content rather than bytes
/// (zip timestamps and part ids change on every write; the words must not).
/// </summary>
public static partial class TextOf
{
    /// <summary>Body paragraphs one per line, tables as 「| a | b |」 rows, page breaks as 「---」.</summary>
    public static string Docx(string path)
    {
        using var doc = WordprocessingDocument.Open(path, false);
        var text = new StringBuilder();
        foreach (var element in doc.MainDocumentPart!.Document!.Body!.ChildElements)
        {
            switch (element)
            {
                case W.Paragraph p:
                    if (p.ParagraphProperties?.PageBreakBefore is not null || p.Descendants<W.Break>().Any(b => b.Type?.Value == W.BreakValues.Page))
                        text.AppendLine("---");
                    var style = p.ParagraphProperties?.ParagraphStyleId?.Val?.Value;
                    var prefix = style switch { "Title" => "= ", "Heading1" => "# ", "Heading2" => "## ", "Heading3" => "### ", _ => "" };
                    var line = Paragraph(p);
                    if (line.Length > 0) text.Append(prefix).AppendLine(line);
                    break;
                case W.Table t:
                    foreach (var row in t.Elements<W.TableRow>())
                        text.AppendLine("| " + string.Join(" | ", row.Elements<W.TableCell>().Select(c => string.Join(" ", c.Elements<W.Paragraph>().Select(Paragraph)))) + " |");
                    break;
            }
        }
        return text.ToString();
    }

    private static string Paragraph(W.Paragraph p) =>
        string.Concat(p.Descendants().Select(e => e switch { W.Text t => t.Text, W.Break { Type: null } => "\n", _ => "" }));

    /// <summary>Each sheet as its name and then its rows, cells tab-separated; numbers as stored, with their type marked.</summary>
    public static string Xlsx(string path)
    {
        using var doc = SpreadsheetDocument.Open(path, false);
        var workbook = doc.WorkbookPart!;
        var strings = workbook.SharedStringTablePart?.SharedStringTable.Elements<SharedStringItem>().Select(i => i.InnerText).ToList() ?? [];
        var text = new StringBuilder();
        foreach (var sheet in workbook.Workbook!.Sheets!.Elements<Sheet>())
        {
            text.AppendLine("[" + sheet.Name + "]");
            var part = (WorksheetPart)workbook.GetPartById(sheet.Id!);
            foreach (var row in part.Worksheet!.GetFirstChild<SheetData>()!.Elements<Row>())
            {
                text.AppendLine(string.Join("\t", row.Elements<Cell>().Select(c =>
                    c.DataType?.Value == CellValues.SharedString ? strings[int.Parse(c.CellValue!.Text)]
                    : c.CellValue is null ? "" : "#" + c.CellValue.Text)));
            }
        }
        return text.ToString();
    }

    /// <summary>The visible text of the page: no style or script, tags dropped, entities decoded, one block per line.</summary>
    public static string Html(string html)
    {
        var body = Regex.Replace(html, "<(style|script|title)[^>]*>.*?</\\1>", "", RegexOptions.Singleline);
        body = BlockEnd().Replace(body, "\n");
        body = Regex.Replace(body, "<[^>]+>", " ");
        body = WebUtility.HtmlDecode(body);
        return string.Join("\n", body.Split('\n').Select(l => Regex.Replace(l, "[ \t]+", " ").Trim()).Where(l => l.Length > 0)) + "\n";
    }

    [GeneratedRegex("</(p|li|tr|h[1-6]|dd|article|section|ul|table|header|nav)>|<br\\s*/?>", RegexOptions.IgnoreCase)]
    private static partial Regex BlockEnd();

    /// <summary>Every schema error OpenXmlValidator finds, as readable lines (empty when the package is valid).</summary>
    public static IReadOnlyList<string> ValidationErrors(OpenXmlPackage package) =>
        [.. new OpenXmlValidator(FileFormatVersions.Office2019).Validate(package)
            .Select(e => $"{e.Part?.Uri} {e.Path?.XPath}: {e.Description}")];
}

/// <summary>
/// Golden files under tests/PilotEval.Tests/Publishing/Golden. A changed report fails the test with a diff hint;
/// when the change is intended, rerun with PILOTEVAL_UPDATE_GOLDEN=1 and commit the new files.
/// </summary>
public static class Golden
{
    private static string Directory => Path.Combine(Support.RepoPaths.Root, "tests", "PilotEval.Tests", "Publishing", "Golden");

    public static void Match(string name, string actual)
    {
        // Rubric hashes change whenever anyone tunes a rubric; the snapshot is about the report, not the rubric bytes.
        actual = Regex.Replace(actual, "[0-9a-f]{64}", "<sha256>").Replace("\r\n", "\n");
        // The run line names this run (id, version, time): the snapshot keeps that it is there, not its values.
        actual = Regex.Replace(actual, @"运行编号 \S+ · PilotEval \S+ · [0-9-]+ [0-9:]+ UTC", "运行编号 <run>");
        var path = Path.Combine(Directory, name);
        if (Environment.GetEnvironmentVariable("PILOTEVAL_UPDATE_GOLDEN") == "1")
        {
            System.IO.Directory.CreateDirectory(Directory);
            File.WriteAllText(path, actual, new UTF8Encoding(false));
            return;
        }
        Assert.True(File.Exists(path), $"golden file {path} is missing; run the tests with PILOTEVAL_UPDATE_GOLDEN=1 to create it");
        var expected = File.ReadAllText(path).Replace("\r\n", "\n");
        if (expected == actual) return;
        var actualPath = path + ".actual";
        File.WriteAllText(actualPath, actual, new UTF8Encoding(false));
        var e = expected.Split('\n');
        var a = actual.Split('\n');
        var first = Enumerable.Range(0, Math.Min(e.Length, a.Length)).FirstOrDefault(i => e[i] != a[i], Math.Min(e.Length, a.Length));
        Assert.Fail($"{name} differs from its golden file at line {first + 1}:\n  expected: {(first < e.Length ? e[first] : "<end>")}\n  actual:   {(first < a.Length ? a[first] : "<end>")}\n" +
            $"Compare with: diff {path} {actualPath}; if intended, rerun with PILOTEVAL_UPDATE_GOLDEN=1.");
    }
}
