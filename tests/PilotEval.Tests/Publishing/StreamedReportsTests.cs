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
    public async Task A_batch_of_files_for_one_name_keeps_the_last_and_leaves_no_temporary_file()
    {
        using var dir = new TempDirectory();
        var target = Path.Combine(dir.Path, "sub", "a.md");
        await JsonOutput.WriteManyAtomicallyAsync<string>(["first", "second", "其三"], _ => target, s => s, CancellationToken.None);
        Assert.Equal("其三", await File.ReadAllTextAsync(target));
        Assert.Single(Directory.GetFiles(Path.GetDirectoryName(target)!));
    }
}
