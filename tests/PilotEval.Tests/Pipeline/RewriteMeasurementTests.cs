using System.Globalization;
using System.Text;
using PilotEval.Pipeline;
using PilotEval.Samples.Data;
using PilotEval.Tests.Support;
using Xunit.Abstractions;

namespace PilotEval.Tests.Pipeline;

/// <summary>
/// Evidence that generalises: every sample that retells another (<c>RewriteOf</c> in the sample catalogue: same facts,
/// another company, another hand, written without sight of the rubrics) must score like its original. In its track the
/// order strong &gt; medium &gt; weak still holds with the rewrite in place of its original, its total stays within
/// <see cref="MaxTotalGap"/> points, every criterion within one level, and it is judged eligible like its original. The
/// ten rewrites are the five medium ones (<c>RewrittenSamples</c>) and the five strong ones held back until issue 10's
/// first measurement (<c>HeldBackRewrites</c>), tuning data since. The test prints the table.
/// </summary>
public sealed class RewriteMeasurementTests(SampleRunFixture run, ITestOutputHelper output) : IClassFixture<SampleRunFixture>
{
    public const double MaxTotalGap = 10;

    private static readonly string[] LevelOrder = ["A", "B", "C", "D"];

    private SubmissionAssessment? Find(string sampleName) =>
        run.Result.Run.Full().SingleOrDefault(a => Path.GetFileNameWithoutExtension(a.Source) == sampleName || a.Source == sampleName);

    [SamplesFact]
    public void Every_rewrite_scores_like_its_original_and_keeps_its_tracks_order()
    {
        var rewrites = SampleCatalog.All.Where(s => s.RewriteOf is not null).ToList();
        // Five medium and five strong rewrites, one of each per track.
        Assert.Equal(10, rewrites.Count);
        var problems = new List<string>();
        var table = new StringBuilder();
        table.AppendLine("| track | original | total | levels | rewrite | total | levels | Δ total | max Δ level |");
        table.AppendLine("|---|---|---:|---|---|---:|---|---:|---:|");

        foreach (var rewrite in rewrites)
        {
            var copy = Find(rewrite.Name);
            var original = Find(rewrite.RewriteOf!);
            if (copy?.Scorecard is null || original?.Scorecard is null)
            {
                problems.Add($"{rewrite.Name}: {(copy?.Scorecard is null ? "the rewrite" : "its original " + rewrite.RewriteOf)} was not scored");
                continue;
            }
            var gap = copy.Scorecard.Total - original.Scorecard.Total;
            var levelGaps = original.Scorecard.Criteria
                .Select(c => (c.CriterionId, Original: c.Level, Rewrite: copy.Scorecard.Criteria.Single(r => r.CriterionId == c.CriterionId).Level))
                .Select(c => (c.CriterionId, c.Original, c.Rewrite, Gap: Math.Abs(Array.IndexOf(LevelOrder, c.Original) - Array.IndexOf(LevelOrder, c.Rewrite))))
                .ToList();
            table.AppendLine(CultureInfo.InvariantCulture,
                $"| {original.Track?.Track} | {original.Source} | {original.Scorecard.Total:0.0} | {Levels(original)} | {copy.Source} | {copy.Scorecard.Total:0.0} | {Levels(copy)} | {gap:+0.0;-0.0;0.0} | {levelGaps.Max(g => g.Gap)} |");

            // An eligible original retold in another hand is still eligible: the knock-out checks read its own words.
            if (original.Eligible == true && copy.Eligible != true)
                problems.Add($"{copy.Source}: judged {(copy.Eligible is null ? "unconfirmed" : "ineligible")} ({string.Join("; ", copy.Eligibility.Where(e => e.Status != PilotEval.Scoring.EligibilityStatus.Passed).Select(e => $"{e.Check} {e.Reason}"))}), its original {original.Source} is eligible");
            if (Math.Abs(gap) > MaxTotalGap)
                problems.Add($"{copy.Source}: total {copy.Scorecard.Total} is {gap:+0.0;-0.0} from {original.Source} {original.Scorecard.Total}");
            foreach (var g in levelGaps.Where(g => g.Gap > 1))
                problems.Add($"{copy.Source}: {g.CriterionId} {g.Rewrite} against {g.Original} in {original.Source}");
            problems.AddRange(OrderWithRewrite(original, copy));
        }

        output.WriteLine(table.ToString());
        Assert.True(problems.Count == 0, string.Join("\n", problems) + "\n" + table);
    }

    /// <summary>The track's strong &gt; medium &gt; weak, with the rewrite standing in for its original.</summary>
    private IEnumerable<string> OrderWithRewrite(SubmissionAssessment original, SubmissionAssessment copy)
    {
        var tier = SampleRunFixture.Tiers.SingleOrDefault(t => new[] { t.Strong, t.Medium, t.Weak }.Contains(original.Source));
        if (tier.Track is null) yield break;
        var order = new[] { tier.Strong, tier.Medium, tier.Weak }
            .Select(source => source == original.Source ? copy : Find(source)!)
            .ToList();
        for (var i = 1; i < order.Count; i++)
        {
            if (order[i - 1].Scorecard!.Total <= order[i].Scorecard!.Total)
                yield return $"{tier.Track}: {order[i - 1].Source} {order[i - 1].Scorecard!.Total} does not outrank {order[i].Source} {order[i].Scorecard!.Total} with {copy.Source} in place of {original.Source}";
        }
    }

    private static string Levels(SubmissionAssessment a) => string.Concat(a.Scorecard!.Criteria.Select(c => c.Level));
}
