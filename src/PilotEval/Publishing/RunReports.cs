using System.Collections.Concurrent;
using System.Collections.Immutable;
using PilotEval.Pipeline;

namespace PilotEval.Publishing;

/// <summary>
/// Every report of a run written from the same <see cref="ResultsDocument"/>, so each shows exactly what the
/// contract file says: results.json, shortlist.md, report.html, panel-report.docx, scores.xlsx and one
/// feedback/&lt;source&gt;.md per application.
/// </summary>
public static class RunReports
{
    /// <summary>
    /// The reports below that enumerate <see cref="ResultsDocument.Submissions"/> in full: results.json, report.html's
    /// details, panel-report.docx's details and the letters.
    /// </summary>
    internal const int FullReaders = 4;

    /// <param name="timings">Receives each report's wall seconds (they are written side by side).</param>
    public static async Task<ImmutableArray<string>> WriteAsync(ResultsDocument results, string outputDirectory, ConcurrentBag<StageTotal> timings,
        CancellationToken cancellationToken)
    {
        var json = Path.Combine(outputDirectory, "results.json");
        var shortlist = Path.Combine(outputDirectory, "shortlist.md");
        var html = Path.Combine(outputDirectory, "report.html");
        var docx = Path.Combine(outputDirectory, "panel-report.docx");
        var xlsx = Path.Combine(outputDirectory, "scores.xlsx");
        var feedbackDirectory = Path.Combine(outputDirectory, "feedback");

        // The reports that write every submission in full — results.json, report.html, panel-report.docx and the
        // letters — share one reading of the store; told so before they start, none of them reads it twice.
        results.Submissions.ExpectReaders(FullReaders);
        // Each report only reads the results document, so they are built side by side: a re-run of 1,000 unchanged
        // applications is mostly this stage, and one report after another would leave a core idle. The letters are
        // many small files, flushed to disk together before they are renamed into place.
        await Task.WhenAll(
            Timed.RunAsync(timings, "results.json", () => JsonOutput.WriteJsonAtomicallyAsync(json, results, cancellationToken), cancellationToken),
            Timed.RunAsync(timings, "shortlist.md", () => JsonOutput.WriteAtomicallyAsync(shortlist, ShortlistMarkdown.Render(results), cancellationToken), cancellationToken),
            Timed.RunAsync(timings, "report.html", () => JsonOutput.WriteTextAtomicallyAsync(html, w => HtmlReport.Write(results, w), cancellationToken), cancellationToken),
            Timed.RunAsync(timings, "panel-report.docx", () => PanelReport.SaveAsync(results, docx, cancellationToken), cancellationToken),
            Timed.RunAsync(timings, "scores.xlsx", () => ScoresWorkbook.SaveAsync(results, xlsx, cancellationToken), cancellationToken),
            Timed.RunAsync(timings, "feedback", () => WriteLettersAsync(results, feedbackDirectory, cancellationToken), cancellationToken));
        return [json, shortlist, html, docx, xlsx, feedbackDirectory];
    }

    private static async Task WriteLettersAsync(ResultsDocument results, string directory, CancellationToken cancellationToken)
    {
        // Each letter written as its submission is read back in full; the file names come from the brief forms.
        await JsonOutput.WriteManyAtomicallyAsync(results.Submissions,
            [.. results.Submissions.Brief.Select(s => Path.Combine(directory, ApplicantFeedback.FileName(s.Source)))],
            s => ApplicantFeedback.Render(results, s), cancellationToken);
        // Letters from an earlier run of other applications must not linger beside this run's; removed only once this
        // run's are in place, so a run killed meanwhile leaves the earlier letters rather than none.
        if (!Directory.Exists(directory)) return;
        var current = results.Submissions.Brief.Select(s => ApplicantFeedback.FileName(s.Source)).ToHashSet(StringComparer.Ordinal);
        foreach (var stale in Directory.EnumerateFiles(directory, "*.md").Where(f => !current.Contains(Path.GetFileName(f)))) File.Delete(stale);
    }
}
