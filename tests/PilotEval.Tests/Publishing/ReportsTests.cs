using System.Text.RegularExpressions;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using PilotEval.Publishing;
using W = DocumentFormat.OpenXml.Wordprocessing;

namespace PilotEval.Tests.Publishing;

[CollectionDefinition(Name)]
public sealed class ReportRunCollection : ICollectionFixture<ReportRunFixture>
{
    public const string Name = "report run";
}

/// <summary>The reports <c>evaluate</c> writes beside results.json, checked on a small run of fixture applications.</summary>
[Collection(ReportRunCollection.Name)]
public sealed class ReportsTests(ReportRunFixture run)
{
    private string Out(string name) => Path.Combine(run.Out, name);

    [Fact]
    public void The_run_has_the_shapes_the_reports_must_show()
    {
        var bySource = run.Results.Submissions.ToDictionary(s => s.Source);
        Assert.Equal("failed", bySource[ReportRunFixture.Broken].Status);
        Assert.False(bySource[ReportRunFixture.OutsideBeijing].Eligible);
        Assert.Equal(1, bySource[ReportRunFixture.StrongTalent].Rank);
        Assert.Equal("首都信息工程职业学院", bySource[ReportRunFixture.StrongTalent].Partners);
        Assert.Contains(run.Results.Exclusions, e => e.Source == ReportRunFixture.OutsideBeijing && e.Reason == "ineligible");
        foreach (var name in new[] { "results.json", "shortlist.md", "report.html", "panel-report.docx", "scores.xlsx" })
            Assert.True(File.Exists(Out(name)), name + " was not written beside results.json");
    }

    [Fact]
    public void Report_html_text_matches_its_snapshot() =>
        Golden.Match("report.html.txt", TextOf.Html(File.ReadAllText(Out("report.html"))));

    [Fact]
    public void Panel_report_docx_text_matches_its_snapshot() =>
        Golden.Match("panel-report.docx.txt", TextOf.Docx(Out("panel-report.docx")));

    [Fact]
    public void Scores_xlsx_content_matches_its_snapshot() =>
        Golden.Match("scores.xlsx.txt", TextOf.Xlsx(Out("scores.xlsx")));

    [Theory]
    [InlineData(ReportRunFixture.StrongTalent)]
    [InlineData(ReportRunFixture.OutsideBeijing)]
    [InlineData(ReportRunFixture.Broken)]
    public void Feedback_letters_match_their_snapshots(string source) =>
        Golden.Match("feedback-" + source + ".md", File.ReadAllText(Path.Combine(run.Out, "feedback", ApplicantFeedback.FileName(source))));

    [Fact]
    public void Every_application_gets_a_feedback_letter() =>
        Assert.Equal(run.Results.Submissions.Select(s => s.Source + ".md").Order(),
            Directory.GetFiles(Path.Combine(run.Out, "feedback")).Select(Path.GetFileName).Order());

    [Fact]
    public void Panel_report_docx_has_no_validator_errors()
    {
        using var doc = WordprocessingDocument.Open(Out("panel-report.docx"), false);
        Assert.Empty(TextOf.ValidationErrors(doc));
    }

    [Fact]
    public void Scores_xlsx_has_no_validator_errors()
    {
        using var doc = SpreadsheetDocument.Open(Out("scores.xlsx"), false);
        Assert.Empty(TextOf.ValidationErrors(doc));
    }

    [Fact]
    public void Panel_report_sets_songti_body_and_heiti_headings_in_the_east_asian_slot()
    {
        using var doc = WordprocessingDocument.Open(Out("panel-report.docx"), false);
        var styles = doc.MainDocumentPart!.StyleDefinitionsPart!.Styles!;
        Assert.Equal("宋体", styles.DocDefaults!.RunPropertiesDefault!.RunPropertiesBaseStyle!.RunFonts!.EastAsia!.Value);
        foreach (var id in new[] { "Title", "Heading1", "Heading2", "Heading3" })
        {
            var style = styles.Elements<W.Style>().Single(s => s.StyleId == id);
            Assert.Equal("黑体", style.StyleRunProperties!.RunFonts!.EastAsia!.Value);
        }
        Assert.Equal("zh-CN", styles.DocDefaults.RunPropertiesDefault.RunPropertiesBaseStyle.Languages!.EastAsia!.Value);
    }

    [Fact]
    public void Scores_xlsx_has_an_overview_and_a_sheet_per_track_with_numbers_as_numbers_and_frozen_headers()
    {
        using var doc = SpreadsheetDocument.Open(Out("scores.xlsx"), false);
        var workbook = doc.WorkbookPart!;
        var sheets = workbook.Workbook!.Sheets!.Elements<Sheet>().ToList();
        Assert.Equal(["总览", .. run.Results.Rubrics.Select(r => r.Name)], sheets.Select(s => s.Name!.Value));

        var talent = (WorksheetPart)workbook.GetPartById(sheets.Single(s => s.Name == "人才培养").Id!);
        var pane = talent.Worksheet!.Descendants<Pane>().Single();
        Assert.Equal(PaneStateValues.Frozen, pane.State!.Value);
        Assert.Equal("A2", pane.TopLeftCell!.Value);

        var strings = workbook.SharedStringTablePart!.SharedStringTable.Elements<SharedStringItem>().Select(i => i.InnerText).ToList();
        var rows = talent.Worksheet.GetFirstChild<SheetData>()!.Elements<Row>().ToList();
        var headers = rows[0].Elements<Cell>().Select(c => strings[int.Parse(c.CellValue!.Text)]).ToList();
        Assert.Contains("培养体系（20.0）", headers);
        Assert.Contains("培养体系 等级", headers);

        var strong = run.Results.Submissions.Single(s => s.Source == ReportRunFixture.StrongTalent);
        var first = rows[1].Elements<Cell>().ToList();
        var total = first[headers.IndexOf("总分")];
        Assert.Null(total.DataType);
        Assert.Equal(strong.Score!.Value, double.Parse(total.CellValue!.Text, System.Globalization.CultureInfo.InvariantCulture), 6);
        Assert.Equal("1", first[0].CellValue!.Text);
    }

    [Fact]
    public void Report_html_is_self_contained()
    {
        var html = File.ReadAllText(Out("report.html"));
        Assert.DoesNotMatch(new Regex(@"<(link|img|iframe|object|embed)\b", RegexOptions.IgnoreCase), html);
        Assert.DoesNotMatch(new Regex(@"\b(src|href)\s*=\s*""(?!#)", RegexOptions.IgnoreCase), html);
        Assert.DoesNotMatch(new Regex(@"@import|url\(", RegexOptions.IgnoreCase), html);
        Assert.Contains("Noto Sans CJK SC", html);
        Assert.Contains("@media print", html);
    }

    [Fact]
    public void Report_html_shows_each_quote_with_its_file_and_paragraph()
    {
        var text = TextOf.Html(File.ReadAllText(Out("report.html")));
        var strong = run.Results.Submissions.Single(s => s.Source == ReportRunFixture.StrongTalent);
        var quote = strong.Criteria.SelectMany(c => c.Evidence).First();
        Assert.Contains($"{quote.Quote_} {ReportText.Location(quote)}", text);
        Assert.Contains("✗ 不符合 在北京注册", text);
        Assert.Contains("broken.docx", text);
    }
}
