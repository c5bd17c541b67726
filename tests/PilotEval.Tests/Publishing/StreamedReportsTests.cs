using System.Collections.Concurrent;
using System.Text;
using DocumentFormat.OpenXml.Packaging;
using PilotEval.Pipeline;
using PilotEval.Publishing;
using PilotEval.Tests.Support;

namespace PilotEval.Tests.Publishing;

/// <summary>
/// The reports are written as they are built (the Word body through a SAX writer, the HTML a section at a time,
/// the letters as one batch): what they write must be what a whole-document build wrote, byte for byte.
/// </summary>
[Collection(ReportRunCollection.Name)]
public sealed class StreamedReportsTests(ReportRunFixture run)
{
    [Fact]
    public void Panel_report_body_streamed_into_its_part_is_one_document_as_the_SDK_writes_it()
    {
        using var docx = WordprocessingDocument.Open(Path.Combine(run.Out, "panel-report.docx"), false);
        var main = docx.MainDocumentPart!;
        byte[] raw;
        using (var stream = main.GetStream(FileMode.Open, FileAccess.Read))
        using (var copy = new MemoryStream())
        {
            stream.CopyTo(copy);
            raw = copy.ToArray();
        }
        // As the SDK saved the whole document: no byte-order mark, the declaration, the namespace declared once on the
        // root and not again on every streamed paragraph.
        Assert.NotEqual(0xEF, raw[0]);
        var text = Encoding.UTF8.GetString(raw);
        Assert.StartsWith("<?xml version=\"1.0\" encoding=\"utf-8\"?><w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>",
            text, StringComparison.Ordinal);
        Assert.Equal(1, text.Split("xmlns:w=").Length - 1);
        Assert.EndsWith("</w:sectPr></w:body></w:document>", text, StringComparison.Ordinal);
        Assert.Empty(new DocumentFormat.OpenXml.Validation.OpenXmlValidator().Validate(docx));
        Assert.Contains("第 ", main.FooterParts.Single().Footer.InnerText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reports_written_again_from_results_json_are_the_bytes_evaluate_wrote_and_stale_letters_go()
    {
        using var dir = new TempDirectory();
        var feedback = Path.Combine(dir.Path, "feedback");
        Directory.CreateDirectory(feedback);
        var stale = Path.Combine(feedback, "an-earlier-application.docx.md");
        await File.WriteAllTextAsync(stale, "an earlier run's letter");
        // A letter already there is replaced, not appended to or left.
        var existing = Path.Combine(feedback, ApplicantFeedback.FileName(ReportRunFixture.StrongTalent));
        await File.WriteAllTextAsync(existing, "an earlier letter to the same applicant, longer than nothing");

        var timings = new ConcurrentBag<StageTotal>();
        var files = await RunReports.WriteAsync(run.Results, dir.Path, timings, CancellationToken.None);

        foreach (var name in new[] { "results.json", "shortlist.md", "report.html" })
            Assert.Equal(await File.ReadAllBytesAsync(Path.Combine(run.Out, name)), await File.ReadAllBytesAsync(Path.Combine(dir.Path, name)));
        foreach (var submission in run.Results.Submissions)
        {
            var name = ApplicantFeedback.FileName(submission.Source);
            Assert.Equal(await File.ReadAllBytesAsync(Path.Combine(run.Out, "feedback", name)), await File.ReadAllBytesAsync(Path.Combine(feedback, name)));
        }
        Assert.False(File.Exists(stale), "a letter of an application not in this run was left beside this run's");
        Assert.Equal(run.Results.Submissions.Length, Directory.GetFiles(feedback).Length);
        Assert.Empty(Directory.EnumerateFiles(dir.Path, "*" + JsonOutput.TemporarySuffix, SearchOption.AllDirectories));
        Assert.Equal(["feedback", "panel-report.docx", "report.html", "results.json", "scores.xlsx", "shortlist.md"],
            timings.Select(t => t.Stage).Order(StringComparer.Ordinal));
        Assert.Equal(6, files.Length);
    }

    [Fact]
    public void Scores_xlsx_writes_each_row_before_the_next_is_built_into_parts_as_the_SDK_writes_them_and_leaves_no_part_file()
    {
        using var dir = new TempDirectory();
        var path = Path.Combine(dir.Path, "scores.xlsx");
        var counts = new ScoresWorkbook.RowCounts();
        using (var stream = File.Create(path)) ScoresWorkbook.Write(run.Results, stream, path, counts);

        // Every row of the overview and of the track sheets is built, written and let go before the next is built: the
        // writer holds one row, not the sheets (10,000 applications are 20,000 rows, each a dozen cells and more).
        var scored = run.Results.Submissions.Brief.Count(s => s.Status == "scored" && run.Results.Rubrics.Any(r => r.Track == s.Track));
        Assert.Equal(run.Results.Submissions.Length + scored, counts.Built);
        Assert.Equal(counts.Built, counts.Written);
        Assert.Equal(1, counts.PeakPending);
        Assert.Equal([Path.GetFileName(path)], Directory.GetFiles(dir.Path).Select(Path.GetFileName));

        using var xlsx = SpreadsheetDocument.Open(path, false);
        Assert.Empty(new DocumentFormat.OpenXml.Validation.OpenXmlValidator().Validate(xlsx));
        foreach (var part in xlsx.WorkbookPart!.WorksheetParts.Cast<OpenXmlPart>().Append(xlsx.WorkbookPart.SharedStringTablePart!))
        {
            using var reader = new StreamReader(part.GetStream(FileMode.Open, FileAccess.Read), new UTF8Encoding(false));
            var text = reader.ReadToEnd();
            // As the SDK saved a whole part: the declaration, then the namespace declared once, on the root.
            Assert.Matches("^<\\?xml version=\"1.0\" encoding=\"utf-8\"\\?><x:(worksheet|sst)[^>]* xmlns:x=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">", text);
            Assert.Equal(1, text.Split("xmlns:x=").Length - 1);
        }
    }

    [Fact]
    public async Task A_batch_of_files_for_one_name_keeps_the_last_and_leaves_no_temporary_file()
    {
        using var dir = new TempDirectory();
        var target = Path.Combine(dir.Path, "sub", "a.md");
        await JsonOutput.WriteManyAtomicallyAsync<string>(["first", "second", "其三"], _ => target, s => s, CancellationToken.None);
        Assert.Equal("其三", await File.ReadAllTextAsync(target));
        Assert.Single(Directory.GetFiles(Path.GetDirectoryName(target)!));
    }
}
