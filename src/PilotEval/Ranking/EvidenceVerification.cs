using PilotEval.Documents;
using PilotEval.Pipeline;

namespace PilotEval.Ranking;

/// <summary>
/// Counts the evidence a panel member can check: quotes that stand verbatim (up to white space) in the visible text
/// of the block they cite, and that the integrity screen did not withhold. Rule-based quotes pass by construction;
/// quotes from any other source (a model, say) earn a tie-break only when they can be found.
/// </summary>
public static class EvidenceVerification
{
    public static int CountVerified(SubmissionAssessment assessment)
    {
        if (assessment.Released is { } released) return released.VerifiedEvidence;
        if (assessment.Scorecard is not { } scorecard) return 0;
        var blocks = assessment.Documents
            .SelectMany(d => d.Blocks)
            .GroupBy(b => b.Location)
            .ToDictionary(g => g.Key, g => TextNormalizer.WithoutWhiteSpace(g.First().Text));
        return scorecard.Criteria
            .SelectMany(c => c.Evidence)
            .Count(e => blocks.TryGetValue(e.Location, out var text) &&
                        TextNormalizer.WithoutWhiteSpace(e.Quote) is { Length: > 0 } quote &&
                        text.Contains(quote, StringComparison.Ordinal) &&
                        !assessment.Integrity.Withholds(e.Location, e.Quote));
    }
}
