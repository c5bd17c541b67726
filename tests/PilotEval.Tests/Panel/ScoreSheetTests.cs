using System.Globalization;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Microsoft.EntityFrameworkCore;
using PilotEval.Panel;
using PilotEval.Panel.Store;

namespace PilotEval.Tests.Panel;

/// <summary>Score sheets: generated, filled as an expert would, imported; and every refusal names the file, sheet and cell.</summary>
public sealed class ScoreSheetTests
{
    private static async Task<(PanelFixture.Store Store, string Sheets)> Generated()
    {
        var store = await PanelFixture.Store.Sqlite().WithRoundAsync(assign: true);
        var sheets = store.Dir.File("sheets");
        await store.Mediator.Send(new WriteScoreSheets.Command(store.Db, sheets));
        return (store, sheets);
    }

    /// <summary>Types into cells like Excel would: numbers as numbers, text as shared strings.</summary>
    private static void Fill(string path, Func<string, int, int, object?> value)
    {
        using var document = SpreadsheetDocument.Open(path, true);
        var workbook = document.WorkbookPart!;
        foreach (var sheet in workbook.Workbook.Sheets!.Elements<Sheet>().Where(s => s.Name != ScoreSheet.MetaSheet))
        {
            var part = (WorksheetPart)workbook.GetPartById(sheet.Id!);
            foreach (var cell in part.Worksheet.Descendants<Cell>().ToList())
            {
                var (row, column) = XlsxCells.Parse(cell.CellReference!);
                var v = value(sheet.Name!, row, column);
                if (v is null) continue;
                cell.InlineString = null;
                if (v is double d) { cell.DataType = null; cell.CellValue = new CellValue(d); }
                else { cell.DataType = CellValues.InlineString; cell.CellValue = null; cell.InlineString = new InlineString(new Text((string)v)); }
            }
        }
    }

    private static object? Scores(string sheet, int row, int column) =>
        row >= ScoreSheet.FirstRow && column == ScoreSheet.FirstScoreColumn ? 30.0
        : row >= ScoreSheet.FirstRow && column == ScoreSheet.FirstScoreColumn + 1 ? 40.0
        : row >= ScoreSheet.FirstRow && column == ScoreSheet.FirstScoreColumn + 2 ? "论证充分"
        : null;

    [Fact]
    public async Task A_sheet_holds_only_the_experts_applications_with_validation_and_only_score_cells_unlocked()
    {
        var (store, sheets) = await Generated();
        await using var _ = store;
        var path = Path.Combine(sheets, ScoreSheet.FileName("张伟"));

        using var document = SpreadsheetDocument.Open(path, false);
        var errors = new DocumentFormat.OpenXml.Validation.OpenXmlValidator().Validate(document).Select(e => $"{e.Path?.XPath}: {e.Description}").ToList();
        Assert.True(errors.Count == 0, string.Join("\n", errors));
        var workbook = document.WorkbookPart!;
        var talent = workbook.Workbook.Sheets!.Elements<Sheet>().Single(s => s.Name == "人才培养");
        var part = (WorksheetPart)workbook.GetPartById(talent.Id!);
        var cells = XlsxCells.Read(workbook, part);
        var sources = cells.Where(c => c.Key.Column == 1 && c.Key.Row >= ScoreSheet.FirstRow).Select(c => c.Value).ToList();
        Assert.Equal(4, sources.Count);                                   // six talent applications minus two conflicts
        Assert.DoesNotContain("talent-hualing.docx", sources);
        Assert.DoesNotContain("talent-qihang.docx", sources);
        Assert.Equal("培养体系（满分 40）", cells[(2, ScoreSheet.FirstScoreColumn)]);
        Assert.NotNull(part.Worksheet.GetFirstChild<SheetProtection>());
        var validations = part.Worksheet.GetFirstChild<DataValidations>()!.Elements<DataValidation>().ToList();
        Assert.Equal(["40", "60"], validations.Select(v => v.Formula2!.Text));
        var unlocked = workbook.WorkbookStylesPart!.Stylesheet.CellFormats!.Elements<CellFormat>()
            .Select((f, i) => (f, i)).Where(x => x.f.Protection?.Locked?.Value == false).Select(x => (uint)x.i).ToHashSet();
        var unlockedCells = part.Worksheet.Descendants<Cell>().Where(c => c.StyleIndex is { } s && unlocked.Contains(s.Value)).Select(c => XlsxCells.Parse(c.CellReference!)).ToList();
        Assert.All(unlockedCells, c => Assert.True(c.Row >= ScoreSheet.FirstRow && c.Column >= ScoreSheet.FirstScoreColumn));
        Assert.Equal(4 * 3, unlockedCells.Count);                         // two scores and a comment per row
        Assert.Equal(SheetStateValues.VeryHidden, workbook.Workbook.Sheets!.Elements<Sheet>().Single(s => s.Name == ScoreSheet.MetaSheet).State!.Value);
    }

    [Fact]
    public async Task A_filled_sheet_round_trips_into_the_store()
    {
        var (store, sheets) = await Generated();
        await using var _ = store;
        var path = Path.Combine(sheets, ScoreSheet.FileName("李娜"));
        Fill(path, Scores);

        var result = await store.Mediator.Send(new ImportScores.Command(store.Db, [path], "秘书处"));

        var scores = await store.ReadAsync(c => c.Scores.Where(s => s.Expert == "李娜").ToListAsync());
        Assert.Equal(result.Written, scores.Count);
        Assert.Equal((6 + 4) * 2, scores.Count);                           // every talent and risk application, two criteria each
        Assert.All(scores.Where(s => s.Criterion is "system" or "method"), s => Assert.Equal(30, s.Value));
        Assert.All(scores, s => Assert.Equal("论证充分", s.Comment));
        Assert.Contains(scores, s => s.Origin.EndsWith("工作表「人才培养」，单元格 D3", StringComparison.Ordinal));
    }

    public static TheoryData<string, string> Refusals => new()
    {
        { "out-of-range", "超出范围 0–40" },
        { "missing", "缺少「培养体系」的分数" },
        { "locked", "单元格 A3：申报文件被改为" },
        { "not-a-number", "不是数字" },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task A_bad_sheet_is_refused_naming_file_sheet_and_cell_and_changes_nothing(string fault, string expected)
    {
        var (store, sheets) = await Generated();
        await using var _ = store;
        var path = Path.Combine(sheets, ScoreSheet.FileName("李娜"));
        Fill(path, (sheet, row, column) => (fault, sheet, row, column) switch
        {
            ("out-of-range", "人才培养", 3, 4) => 45.0,
            ("missing", "人才培养", 3, 4) => "",
            ("locked", "人才培养", 3, 1) => "talent-other.docx",
            ("not-a-number", "人才培养", 3, 4) => "三十",
            _ => Scores(sheet, row, column),
        });

        var refused = await Assert.ThrowsAsync<PanelException>(async () => await store.Mediator.Send(new ImportScores.Command(store.Db, [path], "秘书处")));

        Assert.Contains(expected, refused.Message);
        Assert.Contains("评分表-李娜.xlsx，工作表「人才培养」", refused.Message);
        Assert.Equal(0, await store.ReadAsync(c => c.Scores.CountAsync()));
    }

    [Fact]
    public async Task A_sheet_of_another_expert_is_refused()
    {
        var (store, sheets) = await Generated();
        await using var _ = store;
        var liNa = Path.Combine(sheets, ScoreSheet.FileName("李娜"));
        Fill(liNa, Scores);
        var renamed = Path.Combine(sheets, ScoreSheet.FileName("杨磊"));
        File.Copy(liNa, renamed, overwrite: true);

        var byName = await Assert.ThrowsAsync<PanelException>(async () => await store.Mediator.Send(new ImportScores.Command(store.Db, [renamed], "秘书处")));
        var byFlag = await Assert.ThrowsAsync<PanelException>(async () => await store.Mediator.Send(new ImportScores.Command(store.Db, [liNa], "秘书处", Expert: "杨磊")));

        Assert.Contains("文件名是专家「杨磊」的评分表，内容却是专家「李娜」的", byName.Message);
        Assert.Contains("这是专家「李娜」的评分表，不是「杨磊」的", byFlag.Message);
        Assert.Equal(0, await store.ReadAsync(c => c.Scores.CountAsync()));
    }

    [Fact]
    public async Task A_sheet_row_the_expert_has_since_been_found_conflicted_on_is_refused()
    {
        var (store, sheets) = await Generated();
        await using var _ = store;
        var path = Path.Combine(sheets, ScoreSheet.FileName("李娜"));
        Fill(path, Scores);
        await File.WriteAllTextAsync(store.Dir.File("experts2.csv"), PanelFixture.ExpertsCsv.Replace("李娜,北京邮电大学,talent;risk-assessment,,,", "李娜,北京邮电大学,talent;risk-assessment,,北京乙信息技术有限公司,"));
        await store.Mediator.Send(new ImportExperts.Command(store.Db, store.Dir.File("experts2.csv"), "秘书处"));

        var refused = await Assert.ThrowsAsync<PanelException>(async () => await store.Mediator.Send(new ImportScores.Command(store.Db, [path], "秘书处")));

        Assert.Contains("工作表「风险评估」，单元格 D4：专家「李娜」与申报「risk-b.docx」存在利益冲突", refused.Message);
        Assert.Equal(0, await store.ReadAsync(c => c.Scores.CountAsync()));
    }
}
