using PilotEval.Rubrics;

namespace PilotEval.Evidence;

/// <summary>The track of an application, and where that knowledge came from.</summary>
/// <param name="Source"><c>cover</c>, <c>inferred</c>, or null when unknown.</param>
/// <param name="Confidence">For inferred tracks: the winning track's share of all signals matched (0–1).</param>
public sealed record TrackDecision(string? Track, string? Source, double? Confidence, string Detail);

/// <summary>Takes the track from the cover's 申报方向, or infers it from which rubric's signals the text satisfies most.</summary>
public static class TrackInference
{
    /// <summary>Below this share of signals the winner is not trusted.</summary>
    public const double MinimumConfidence = 0.3;

    public static TrackDecision Decide(CoverFields cover, IReadOnlyList<Sentence> sentences, RubricSet rubrics)
    {
        if (cover.Direction is { } direction && rubrics.MatchDirection(direction) is { } named)
        {
            return new TrackDecision(named.Track, "cover", null, $"封面申报方向：{direction}");
        }

        var hits = rubrics.Rubrics
            .Select(r => (Rubric: r, Count: r.Criteria.SelectMany(c => c.Signals)
                .Count(s => sentences.Any(sentence => SignalMatcher.Satisfies(s, sentence.Text)))))
            .OrderByDescending(h => h.Count).ThenBy(h => h.Rubric.Track, StringComparer.Ordinal)
            .ToList();
        var total = hits.Sum(h => h.Count);
        if (total == 0) return new TrackDecision(null, null, null, "封面未写明申报方向，正文也无法判断");

        var best = hits[0];
        var confidence = (double)best.Count / total;
        var why = cover.Direction is null ? "封面未写明申报方向" : $"封面申报方向“{cover.Direction}”无法识别";
        return confidence < MinimumConfidence
            ? new TrackDecision(null, null, confidence, $"{why}，正文判断不明确")
            : new TrackDecision(best.Rubric.Track, "inferred", confidence,
                $"{why}；按正文推断为“{best.Rubric.Name}”（置信度 {confidence:0.00}）");
    }
}
