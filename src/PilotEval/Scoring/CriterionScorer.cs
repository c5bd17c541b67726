using System.Collections.Immutable;
using System.Globalization;
using PilotEval.Evidence;
using PilotEval.Rubrics;

namespace PilotEval.Scoring;

/// <summary>
/// Turns the evidence of each criterion into a level and a score. Each satisfied signal earns its
/// points once; a signal backed only by plans (拟、计划、将…) or by slogans without numbers earns the share the rubric's
/// <c>negativeSignals</c> set (half). The level is the best whose threshold the points reach; the score is the level's share
/// of the weight. No evidence, no points.
/// </summary>
public static class CriterionScorer
{
    public static Scorecard Score(Rubric rubric, ImmutableArray<CriterionEvidence> evidence)
    {
        var scores = rubric.Criteria
            .Select(criterion => Score(rubric, criterion,
                evidence.FirstOrDefault(e => e.CriterionId == criterion.Id) ?? new CriterionEvidence(criterion.Id, [])))
            .ToImmutableArray();
        var total = Math.Round(scores.Sum(s => s.Score), 1);
        var coverage = scores.Length == 0 ? 0 : (double)scores.Count(s => !s.Evidence.IsEmpty) / scores.Length;
        return new Scorecard(rubric.Track, total, Math.Round(coverage, 3), scores);
    }

    public static CriterionScore Score(Rubric rubric, Criterion criterion, CriterionEvidence found)
    {
        double points = 0;
        foreach (var signal in criterion.Signals)
        {
            var items = found.Signals.FirstOrDefault(s => s.SignalId == signal.Id)?.Items ?? [];
            if (items.IsEmpty) continue;
            points += signal.Points * items.Max(i => i.Credit);
        }

        var lowest = rubric.Levels[^1];
        var reached = criterion.Thresholds.FirstOrDefault(t => points >= t.Points);
        var level = reached?.Level ?? lowest.Id;
        var share = points <= 0 ? 0 : rubric.Levels.First(l => l.Id == level).Share;
        var rule = points <= 0
            ? "未找到任何证据，得 0 分"
            : reached is null
                ? $"得分点 {Format(points)} 未达 {criterion.Thresholds[^1].Level} 级门槛 {Format(criterion.Thresholds[^1].Points)}，评为 {level} 级"
                : $"得分点 {Format(points)} ≥ {level} 级门槛 {Format(reached.Points)}";

        return new CriterionScore(criterion.Id, criterion.Name, criterion.Weight, level,
            Math.Round(criterion.Weight * share, 2), points, rule,
            [.. found.Signals.SelectMany(s => s.Items)], Lacking(criterion, found, points))
        {
            Descriptor = points <= 0 ? "未找到任何证据" : criterion.Descriptors.GetValueOrDefault(level),
        };
    }

    /// <summary>
    /// What the enterprise should have shown, in plain Chinese: each signal without evidence (with what the text
    /// came close to, if anything), each signal proved only by plans or slogans, and how far the next level is.
    /// </summary>
    public static ImmutableArray<string> Lacking(Criterion criterion, CriterionEvidence found, double points)
    {
        var lacking = ImmutableArray.CreateBuilder<string>();
        foreach (var signal in criterion.Signals)
        {
            var items = found.Signals.FirstOrDefault(f => f.SignalId == signal.Id)?.Items ?? [];
            if (items.IsEmpty)
            {
                var miss = found.NearMisses.FirstOrDefault(m => m.SignalId == signal.Id);
                lacking.Add(miss is null ? signal.Lacking : $"{signal.Lacking}；{miss.Shortfall}");
            }
            else if (!items.Any(i => i.IsSubstantive))
            {
                var example = items[0];
                lacking.Add(example.Prospective
                    ? $"“{signal.Description}”只见计划表述（“{Documents.TextNormalizer.Shorten(example.Quote, 40)}”），尚无已实现的结果，按 {Format(example.Credit * 100)}% 计分"
                    : $"“{signal.Description}”只有定性表述（“{Documents.TextNormalizer.Shorten(example.Quote, 40)}”），未给出数据，按 {Format(example.Credit * 100)}% 计分");
            }
        }

        var next = criterion.Thresholds.LastOrDefault(t => t.Points > points);
        if (next is not null && lacking.Count > 0)
        {
            lacking.Add($"本项得分点 {Format(points)}，再补充 {Format(next.Points - points)} 个得分点的证据可达 {next.Level} 级");
        }
        return lacking.ToImmutable();
    }

    private static string Format(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);
}
