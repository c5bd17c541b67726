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

/// <summary>The three outcomes of a knock-out check.</summary>
public enum EligibilityStatus
{
    /// <summary>The application states what the programme requires.</summary>
    Passed,
    /// <summary>The application states the opposite, in the quoted sentence.</summary>
    Failed,
    /// <summary>The application states nothing decisive; the reason names the missing statement.</summary>
    Unconfirmed,
}

/// <summary>
/// The outcome of one knock-out check, with the reason and the quote it rests on. <see cref="Ask"/> tells the
/// enterprise what to add when the check is not passed; <see cref="Confirmation"/> records a person's decision.
/// </summary>
public sealed record EligibilityResult(string Check, string Name, EligibilityStatus Status, string Reason, Evidence.Evidence? Evidence)
{
    /// <summary>A passed or failed outcome, for callers that know only two.</summary>
    public EligibilityResult(string check, string name, bool passed, string reason, Evidence.Evidence? evidence)
        : this(check, name, passed ? EligibilityStatus.Passed : EligibilityStatus.Failed, reason, evidence)
    {
    }

    public bool Passed => Status == EligibilityStatus.Passed;

    /// <summary>What the enterprise should add to settle the check (from eligibility.yaml <c>ask</c>).</summary>
    public string? Ask { get; init; }

    /// <summary>Who confirmed or overruled the outcome, when and why; null when PilotEval's reading stands.</summary>
    public EligibilityConfirmation? Confirmation { get; init; }
}

/// <summary>
/// A person's decision on one check of one submission (the secretariat after checking the licence, the panel):
/// the outcome, who decided, when and why. The outcome PilotEval had read is kept in <see cref="Was"/>.
/// </summary>
public sealed record EligibilityConfirmation(string Source, string Check, EligibilityStatus Status, string By, DateTimeOffset At, string Reason)
{
    /// <summary>The status PilotEval had given before the confirmation.</summary>
    public EligibilityStatus? Was { get; init; }
}

/// <summary>The words results.json and the reports use for the three outcomes.</summary>
public static class EligibilityStatuses
{
    public const string Passed = "passed";
    public const string Failed = "failed";
    public const string Unconfirmed = "unconfirmed";

    public static string Code(EligibilityStatus status) => status switch
    {
        EligibilityStatus.Passed => Passed,
        EligibilityStatus.Failed => Failed,
        _ => Unconfirmed,
    };

    public static EligibilityStatus? Parse(string? code) => code switch
    {
        Passed => EligibilityStatus.Passed,
        Failed => EligibilityStatus.Failed,
        Unconfirmed => EligibilityStatus.Unconfirmed,
        _ => null,
    };

    /// <summary>false when a check failed, true when all passed, null otherwise (DESIGN.md <c>eligible</c>).</summary>
    public static bool? Eligible(IReadOnlyCollection<EligibilityStatus> statuses) =>
        statuses.Count == 0 ? null
        : statuses.Contains(EligibilityStatus.Failed) ? false
        : statuses.All(s => s == EligibilityStatus.Passed) ? true
        : null;
}
