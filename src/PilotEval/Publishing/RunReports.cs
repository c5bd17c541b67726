using System.Collections.Immutable;

namespace PilotEval.Publishing;

/// <summary>
/// The reports written beside <c>results.json</c> from the same <see cref="ResultsDocument"/>, so every report
/// shows exactly what the contract file says: report.html, panel-report.docx, scores.xlsx and one
/// feedback/&lt;source&gt;.md per application.
/// </summary>
public static class RunReports
{
    public static async Task<ImmutableArray<string>> WriteAsync(ResultsDocument results, string outputDirectory, CancellationToken cancellationToken)
    {
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
            Task.Run(() => JsonOutput.WriteAtomicallyAsync(html, HtmlReport.Render(results), cancellationToken), cancellationToken),
            Task.Run(() => PanelReport.Build(results).SaveAsync(docx, cancellationToken), cancellationToken),
            Task.Run(() => ScoresWorkbook.SaveAsync(results, xlsx, cancellationToken), cancellationToken),
            Parallel.ForEachAsync(results.Submissions,
                new ParallelOptions { MaxDegreeOfParallelism = 2 * Environment.ProcessorCount, CancellationToken = cancellationToken },
                async (submission, ct) => await JsonOutput.WriteAtomicallyAsync(
                    Path.Combine(feedbackDirectory, ApplicantFeedback.FileName(submission.Source)), ApplicantFeedback.Render(results, submission), ct)));
        return [html, docx, xlsx, feedbackDirectory];
    }
}
