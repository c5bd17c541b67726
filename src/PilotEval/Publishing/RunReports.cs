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

        // Letters from an earlier run of other applications must not linger beside this run's.
        if (Directory.Exists(feedbackDirectory))
        {
            foreach (var stale in Directory.EnumerateFiles(feedbackDirectory, "*.md")) File.Delete(stale);
        }

        // Each report only reads the results document, so they are built side by side: a re-run of 1,000 unchanged
        // applications is mostly this stage, and one report after another would leave a core idle. The letters are
        // many small files, each synced to disk before its rename; several in flight keep the disk's waits overlapping.
        await Task.WhenAll(
            Timed.RunAsync(timings, "results.json", () => JsonOutput.WriteJsonAtomicallyAsync(json, results, cancellationToken), cancellationToken),
            Timed.RunAsync(timings, "shortlist.md", () => JsonOutput.WriteAtomicallyAsync(shortlist, ShortlistMarkdown.Render(results), cancellationToken), cancellationToken),
            Timed.RunAsync(timings, "report.html", () => JsonOutput.WriteTextAtomicallyAsync(html, w => HtmlReport.Write(results, w), cancellationToken), cancellationToken),
            Timed.RunAsync(timings, "panel-report.docx", () => PanelReport.SaveAsync(results, docx, cancellationToken), cancellationToken),
            Timed.RunAsync(timings, "scores.xlsx", () => ScoresWorkbook.SaveAsync(results, xlsx, cancellationToken), cancellationToken),
            Timed.RunAsync(timings, "feedback", () => Parallel.ForEachAsync(results.Submissions,
                new ParallelOptions { MaxDegreeOfParallelism = 2 * Environment.ProcessorCount, CancellationToken = cancellationToken },
                async (submission, ct) => await JsonOutput.WriteAtomicallyAsync(
                    Path.Combine(feedbackDirectory, ApplicantFeedback.FileName(submission.Source)), ApplicantFeedback.Render(results, submission), ct)),
                cancellationToken));
        return [json, shortlist, html, docx, xlsx, feedbackDirectory];
    }
}
