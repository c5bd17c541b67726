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

        await JsonOutput.WriteAtomicallyAsync(html, HtmlReport.Render(results), cancellationToken);
        await PanelReport.Build(results).SaveAsync(docx, cancellationToken);
        await ScoresWorkbook.SaveAsync(results, xlsx, cancellationToken);

        // Letters from an earlier run of other applications must not linger beside this run's.
        if (Directory.Exists(feedbackDirectory))
        {
            foreach (var stale in Directory.EnumerateFiles(feedbackDirectory, "*.md")) File.Delete(stale);
        }
        foreach (var submission in results.Submissions)
        {
            await JsonOutput.WriteAtomicallyAsync(Path.Combine(feedbackDirectory, ApplicantFeedback.FileName(submission.Source)),
                ApplicantFeedback.Render(results, submission), cancellationToken);
        }
        return [html, docx, xlsx, feedbackDirectory];
    }
}
