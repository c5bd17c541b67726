using System.Collections.Immutable;

namespace PilotEval.Ranking;

/// <summary>One ranked application of a track's shortlist.</summary>
/// <param name="EvidenceCount">Verified evidence items: quotes found verbatim in the visible text they cite (the second tie-break).</param>
/// <param name="Flags">Flag codes the panel should see beside the rank (the panel decides, not the machine).</param>
public sealed record ShortlistEntry(int Rank, string Source, double Score, double Coverage, int EvidenceCount, ImmutableArray<string> Flags);

/// <summary>A track's ranking for the expert panel.</summary>
public sealed record Shortlist(string Track, string TrackName, ImmutableArray<ShortlistEntry> Entries);

/// <summary>A submission kept off every shortlist, and why.</summary>
/// <param name="Reason">One of <see cref="ExclusionReasons"/>.</param>
public sealed record Exclusion(string Source, string? Track, string Reason, string Detail)
{
    /// <summary>What exactly: the failed eligibility checks for <c>ineligible</c>, the error codes for <c>unreadable</c>; empty otherwise.</summary>
    public ImmutableArray<string> Codes { get; init; } = [];

    /// <summary>Flag codes of the submission, so an excluded submission stays as visible as a ranked one.</summary>
    public ImmutableArray<string> Flags { get; init; } = [];

    /// <summary>The score, when the submission was scored.</summary>
    public double? Score { get; init; }
}

/// <summary>Why a submission is not on a shortlist; kebab-case like every code of the output contract.</summary>
public static class ExclusionReasons
{
    public const string Unreadable = "unreadable";
    public const string TrackUnknown = "track-unknown";
    public const string Ineligible = "ineligible";
    public const string BelowMinimum = "below-minimum";
    public const string OverQuota = "over-quota";

    /// <summary>Every criterion at the lowest level: nothing the panel could weigh, whatever the score.</summary>
    public const string BelowFloor = "below-floor";
}

/// <summary>How many applications a track's shortlist holds and the score they need. Bound from configuration section <c>Shortlist</c>.</summary>
public sealed record ShortlistOptions
{
    /// <summary>Most entries per track; null keeps every qualifying application.</summary>
    public int? Quota { get; init; }

    /// <summary>0–100; an eligible application scoring below it is listed as <c>below-minimum</c>.</summary>
    public double MinimumScore { get; init; }

    /// <summary>
    /// How many criteria must stand above the rubric's lowest level for an application to be a candidate at all
    /// (default 1: an application with every criterion at D, score 0 and no evidence, is not shortlisted at rank 3 of a
    /// thin track). 0 switches the floor off.
    /// </summary>
    public int MinimumCriteriaAboveLowest { get; init; } = 1;

    /// <summary>What is wrong with these options, in words for the user; null when they are usable.</summary>
    public string? Problem() =>
        Quota is < 1 ? $"Shortlist quota must be at least 1 (got {Quota})"
        : MinimumCriteriaAboveLowest < 0 ? $"Shortlist:MinimumCriteriaAboveLowest must be 0 or more (got {MinimumCriteriaAboveLowest})"
        : MinimumScore is < 0 or > 100 || double.IsNaN(MinimumScore) ? $"Shortlist minimum score must be between 0 and 100 (got {MinimumScore})"
        : null;
}
