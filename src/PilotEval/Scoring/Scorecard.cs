using System.Collections.Immutable;

namespace PilotEval.Scoring;

/// <summary>The score of one criterion, explained: the level, the rule that set it, the quotes that earned it, and what was missing.</summary>
/// <param name="Rule">The rule that fired, in words, e.g. "7 分 ≥ B 级门槛 5 分".</param>
/// <param name="Lacking">Signals without evidence, in plain Chinese for the enterprise.</param>
public sealed record CriterionScore(
    string CriterionId,
    string Name,
    double Weight,
    string Level,
    double Score,
    double Points,
    string Rule,
    ImmutableArray<Evidence.Evidence> Evidence,
    ImmutableArray<string> Lacking)
{
    /// <summary>What the awarded level means, from the rubric's descriptors.</summary>
    public string? Descriptor { get; init; }
}

/// <summary>The rule-based score of a submission against its track's rubric.</summary>
/// <param name="Total">0–100, the sum of criterion scores.</param>
/// <param name="Coverage">Share of criteria with at least one quote (0–1).</param>
public sealed record Scorecard(string Track, double Total, double Coverage, ImmutableArray<CriterionScore> Criteria)
{
    public int EvidenceCount => Criteria.Sum(c => c.Evidence.Length);
}

/// <summary>The outcome of one knock-out check, with the reason and the quote it rests on.</summary>
public sealed record EligibilityResult(string Check, string Name, bool Passed, string Reason, Evidence.Evidence? Evidence);
