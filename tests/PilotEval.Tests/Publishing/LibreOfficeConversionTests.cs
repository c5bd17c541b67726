using PilotEval.Publishing;
using PilotEval.Tests.Support;

namespace PilotEval.Tests.Publishing;

/// <summary>The Word files open in a real office suite: LibreOffice converts each to PDF without complaint.</summary>
[Collection(ReportRunCollection.Name)]
public sealed class LibreOfficeConversionTests(ReportRunFixture run)
{
    [LibreOfficeFact]
    public async Task Panel_report_notice_and_casebook_convert_to_pdf()
    {
        using var dir = new TempDirectory();
        var notice = dir.File("notice.docx");
        var casebook = dir.File("exemplars.docx");
        var chosen = NoticeSelection.TopPerTrack(run.Results, 1).Chosen;
        var options = new NoticeOptions(NoticeOptions.DefaultIssuer, new DateOnly(2024, 12, 2), 2024, null);
        await PublicNotice.Build(run.Results, chosen, options).SaveAsync(notice, default);
        await ExemplarCasebook.Build(run.Results, chosen, options).SaveAsync(casebook, default);
        var panel = Path.Combine(run.Out, "panel-report.docx");

        // A profile of its own, so a LibreOffice the developer has open (or a parallel test run) does not hold the lock.
        var (exit, stdout, error) = await ExternalTools.RunAsync(ExternalTools.LibreOffice!,
            ["-env:UserInstallation=file://" + dir.File("profile"), "--headless", "--norestore", "--convert-to", "pdf",
             "--outdir", dir.File("pdf"), panel, notice, casebook], TimeSpan.FromMinutes(10));

        Assert.True(exit == 0, $"soffice exited {exit}: {stdout} {error}");
        foreach (var name in new[] { "panel-report.pdf", "notice.pdf", "exemplars.pdf" })
        {
            var pdf = Path.Combine(dir.File("pdf"), name);
            Assert.True(File.Exists(pdf), $"{name} was not produced: {stdout} {error}");
            var bytes = await File.ReadAllBytesAsync(pdf);
            Assert.Equal("%PDF"u8.ToArray(), bytes[..4]);
            Assert.True(bytes.Length > 5_000, $"{name} is only {bytes.Length} bytes");
        }
    }
}
