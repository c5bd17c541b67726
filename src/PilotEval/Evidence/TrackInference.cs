using System.Collections.Immutable;
using PilotEval.Rubrics;

namespace PilotEval.Evidence;

/// <summary>The track of an application, and where that knowledge came from.</summary>
/// <param name="Source"><c>cover</c>, <c>inferred</c>, or null when unknown.</param>
/// <param name="Confidence">For inferred tracks: the winning track's share of all signals matched (0–1).</param>
public sealed record TrackDecision(string? Track, string? Source, double? Confidence, string Detail)
{
    /// <summary>The track the content points to, whatever the cover says, and its share of matched signals.</summary>
    public string? ContentTrack { get; init; }

    public double? ContentConfidence { get; init; }

    /// <summary>The cover names one track and the content clearly belongs to another: the panel should look.</summary>
    public bool Mismatch { get; init; }

    /// <summary>Why the cover and the content disagree, in Chinese; null when they agree.</summary>
    public string? MismatchDetail { get; init; }
}

/// <summary>Takes the track from the cover's 申报方向, or infers it from which rubric's signals the text satisfies most.</summary>
public static class TrackInference
{
    /// <summary>Below this share of signals the winner is not trusted.</summary>
    public const double MinimumConfidence = 0.3;

    /// <summary>
    /// The cover is contradicted only when the content's winner is this clear, satisfies at least
    /// <see cref="MismatchMinimumSignals"/> signals, and the named track gets at most <see cref="MismatchRatio"/> of the
    /// winner's: tracks share vocabulary (推广, 标准, 平台, 分类分级), so a narrow lead, or a lead in a thin application, says nothing.
    /// </summary>
    public const double MismatchConfidence = 0.35;

    public const double MismatchRatio = 1.0 / 3;

    public const int MismatchMinimumSignals = 6;

    public static TrackDecision Decide(CoverFields cover, IReadOnlyList<Sentence> sentences, RubricSet rubrics)
    {
        var hits = rubrics.Rubrics
            .Select(r => (Rubric: r, Count: r.Criteria.SelectMany(c => c.Signals)
                .Count(s => sentences.Any(sentence => SignalMatcher.Satisfies(s, sentence.Text)))))
            .OrderByDescending(h => h.Count).ThenBy(h => h.Rubric.Track, StringComparer.Ordinal)
            .ToImmutableArray();
        var total = hits.Sum(h => h.Count);
        var best = hits.IsEmpty ? default : hits[0];
        var confidence = total == 0 ? (double?)null : Math.Round((double)best.Count / total, 3);
        var contentTrack = total == 0 || confidence < MinimumConfidence ? null : best.Rubric.Track;

        if (cover.Direction is { } direction && rubrics.MatchDirection(direction) is { } named)
        {
            var namedCount = hits.First(h => h.Rubric.Track == named.Track).Count;
            var mismatch = contentTrack is not null && contentTrack != named.Track &&
                           confidence >= MismatchConfidence && best.Count >= MismatchMinimumSignals &&
                           namedCount <= best.Count * MismatchRatio;
            return new TrackDecision(named.Track, "cover", null, $"封面申报方向：{direction}")
            {
                ContentTrack = contentTrack,
                ContentConfidence = confidence,
                Mismatch = mismatch,
                MismatchDetail = mismatch
                    ? $"封面申报方向为“{named.Name}”，但正文更符合“{best.Rubric.Name}”（满足其 {best.Count} 个证据点，“{named.Name}”仅 {namedCount} 个）"
                    : null,
            };
        }

        if (total == 0) return new TrackDecision(null, null, null, "封面未写明申报方向，正文也无法判断");

        var why = cover.Direction is null ? "封面未写明申报方向" : $"封面申报方向“{cover.Direction}”无法识别";
        return contentTrack is null
            ? new TrackDecision(null, null, confidence, $"{why}，正文判断不明确") { ContentConfidence = confidence }
            : new TrackDecision(best.Rubric.Track, "inferred", confidence,
                $"{why}；按正文推断为“{best.Rubric.Name}”（置信度 {confidence:0.00}）")
            {
                ContentTrack = contentTrack,
                ContentConfidence = confidence,
            };
    }
}
