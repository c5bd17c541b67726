using System.Collections.Immutable;

namespace PilotEval.Rubrics;

/// <summary>All rules of one run: a rubric per track plus the shared eligibility rules.</summary>
public sealed record RubricSet(ImmutableArray<Rubric> Rubrics, EligibilityRules Eligibility)
{
    /// <summary>The call these rules are for: its tracks, name and year (rubrics/call.yaml).</summary>
    public CallRules Call { get; init; } = CallRules.Unspecified;

    /// <summary>The shared vocabulary (<c>lexicon.yaml</c>) every rule reads its negators, markers and subjects from.</summary>
    public required Language.Lexicon Lexicon { get; init; }

    public Rubric? Find(string? track) => Rubrics.FirstOrDefault(r => r.Track == track);

    /// <summary>The track whose name or alias the cover's 申报方向 names, ignoring spacing and 方向/赛道 suffixes.</summary>
    public Rubric? MatchDirection(string direction)
    {
        var wanted = Normalize(direction);
        if (wanted.Length == 0) return null;
        return Rubrics.FirstOrDefault(r => r.Track.Equals(wanted, StringComparison.OrdinalIgnoreCase) ||
                                           Normalize(r.Name) == wanted ||
                                           r.Aliases.Any(a => Normalize(a) == wanted))
            ?? Rubrics.FirstOrDefault(r => wanted.Contains(Normalize(r.Name), StringComparison.Ordinal));
    }

    private static string Normalize(string text) =>
        Documents.TextNormalizer.WithoutWhiteSpace(text).Replace("方向", "").Replace("赛道", "").Replace("类", "");
}
