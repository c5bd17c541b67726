using System.Collections.Immutable;
using System.Globalization;
using PilotEval.Evidence;
using PilotEval.Rubrics;

namespace PilotEval.Scoring;

/// <summary>
/// Turns the evidence of each criterion into a level and a score. Each satisfied signal earns its
/// points once; a signal backed only by plans (拟、计划、将…) or by slogans without numbers earns half. The level is the best whose
/// threshold the points reach; the score is the level's share of the weight. No evidence, no points.
/// </summary>
public static class CriterionScorer
{
    public const double UnsubstantiatedShare = 0.5;

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
            points += items.Any(i => i.IsSubstantive) ? signal.Points : signal.Points * UnsubstantiatedShare;
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

        var lacking = criterion.Signals
            .Where(s => found.Signals.All(f => f.SignalId != s.Id))
            .Select(s => s.Lacking)
            .ToImmutableArray();

        return new CriterionScore(criterion.Id, criterion.Name, criterion.Weight, level,
            Math.Round(criterion.Weight * share, 2), points, rule,
            [.. found.Signals.SelectMany(s => s.Items)], lacking);
    }

    private static string Format(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);
}
