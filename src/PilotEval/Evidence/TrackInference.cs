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

/// <summary>
/// Takes the track from the cover's 申报方向, or infers it from the content: each track scores the share of its own
/// signals the text satisfies (so a rubric with more signals has no edge), and the confidence is the winner's margin
/// over the runner-up, (best − second) / best: 0 is a tie, 1 means no other track matched at all. Strong applications
/// touch every track's vocabulary (推广, 标准, 平台), so margins are modest; a thin one can have a wide margin on few
/// signals, which is why a contradiction of the cover also needs a minimum of evidence.
/// </summary>
public static class TrackInference
{
    /// <summary>Below this margin the winner is not trusted and the track is unknown.</summary>
    public const double MinimumConfidence = 0.15;

    /// <summary>
    /// The cover is contradicted only when the content's winner is trusted, satisfies at least
    /// <see cref="MismatchMinimumSignals"/> signals, and the named track's share is at most <see cref="MismatchRatio"/>
    /// of the winner's: a narrow lead, or a lead in a thin application, says nothing.
    /// </summary>
    public const double MismatchRatio = 1.0 / 3;

    public const int MismatchMinimumSignals = 6;

    private sealed record TrackScore(Rubric Rubric, int Count, double Share);

    public static TrackDecision Decide(CoverFields cover, IReadOnlyList<Sentence> sentences, RubricSet rubrics) =>
        Decide(cover, SentenceReading.Of(sentences, rubrics.Lexicon.Evidence), rubrics);

    public static TrackDecision Decide(CoverFields cover, IReadOnlyList<SentenceReading> sentences, RubricSet rubrics)
    {
        var scores = rubrics.Rubrics
            .Select(r =>
            {
                var signals = r.Criteria.SelectMany(c => c.Signals).ToList();
                var count = signals.Count(s => sentences.Any(sentence => SignalMatcher.Satisfies(s, sentence, rubrics.Lexicon.Evidence)));
                return new TrackScore(r, count, signals.Count == 0 ? 0 : (double)count / signals.Count);
            })
            .OrderByDescending(t => t.Share).ThenByDescending(t => t.Count).ThenBy(t => t.Rubric.Track, StringComparer.Ordinal)
            .ToImmutableArray();
        var best = scores.IsEmpty || scores[0].Count == 0 ? null : scores[0];
        double? confidence = best is null ? null
            : Math.Round((best.Share - (scores.Length > 1 ? scores[1].Share : 0)) / best.Share, 3);
        var contentTrack = best is not null && confidence >= MinimumConfidence ? best.Rubric.Track : null;

        if (cover.Direction is { } direction && rubrics.MatchDirection(direction) is { } named)
        {
            var namedScore = scores.First(t => t.Rubric.Track == named.Track);
            var mismatch = contentTrack is not null && contentTrack != named.Track &&
                           best!.Count >= MismatchMinimumSignals && namedScore.Share <= best.Share * MismatchRatio;
            return new TrackDecision(named.Track, "cover", null, $"封面申报方向：{direction}")
            {
                ContentTrack = contentTrack,
                ContentConfidence = confidence,
                Mismatch = mismatch,
                MismatchDetail = mismatch
                    ? $"封面申报方向为“{named.Name}”，但正文更符合“{best!.Rubric.Name}”（满足其 {best.Count} 个证据点，占 {best.Share:P0}；“{named.Name}”仅 {namedScore.Count} 个，占 {namedScore.Share:P0}）"
                    : null,
            };
        }

        if (best is null) return new TrackDecision(null, null, null, "封面未写明申报方向，正文也无法判断");

        var why = cover.Direction is null ? "封面未写明申报方向" : $"封面申报方向“{cover.Direction}”无法识别";
        return contentTrack is null
            ? new TrackDecision(null, null, confidence, $"{why}，正文判断不明确（置信度 {confidence:0.00}）") { ContentConfidence = confidence }
            : new TrackDecision(best.Rubric.Track, "inferred", confidence,
                $"{why}；按正文推断为“{best.Rubric.Name}”（置信度 {confidence:0.00}）")
            {
                ContentTrack = contentTrack,
                ContentConfidence = confidence,
            };
    }
}
