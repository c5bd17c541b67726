using System.Collections.Immutable;

namespace PilotEval.Ranking;

/// <summary>One ranked application of a track's shortlist.</summary>
/// <param name="Flags">Flag codes the panel should see beside the rank (the panel decides, not the machine).</param>
public sealed record ShortlistEntry(int Rank, string Source, double Score, double Coverage, int EvidenceCount, ImmutableArray<string> Flags);

/// <summary>A track's ranking for the expert panel.</summary>
public sealed record Shortlist(string Track, string TrackName, ImmutableArray<ShortlistEntry> Entries);

/// <summary>A submission kept off every shortlist, and why.</summary>
/// <param name="Reason">One of <c>unreadable</c>, <c>track-unknown</c>, <c>ineligible</c>, <c>below-minimum</c>, <c>over-quota</c>.</param>
public sealed record Exclusion(string Source, string? Track, string Reason, string Detail);

/// <summary>How many applications a track's shortlist holds and the score they need. Bound from configuration section <c>Shortlist</c>.</summary>
public sealed record ShortlistOptions
{
    /// <summary>Most entries per track; null keeps every qualifying application.</summary>
    public int? Quota { get; init; }

    public double MinimumScore { get; init; }
}
