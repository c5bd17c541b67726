using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using PilotEval.Language;

namespace PilotEval.Evidence;

/// <summary>
/// The clause analysis of a sentence, made once however many rules ask about it. Every quantity of a sentence asks
/// whether a plan governs it, every signal that matches it asks again, every credential asks whether it is denied: the
/// same <see cref="ClauseAnalyser.Analyse"/> of the same sentence was most of the evidence stage's time. The analysis
/// depends on nothing but the analyser and the text, so a kept one is the one a fresh call would make.
/// </summary>
/// <remarks>
/// Kept per sentence <em>instance</em> (a <see cref="ConditionalWeakTable{TKey,TValue}"/>): a sentence's analysis lives
/// exactly as long as the sentence's string, which the readings of one submission hold, so memory does not grow over a
/// batch; another string with the same text is analysed again, which costs time only.
/// </remarks>
public static class AnalysedClauses
{
    private static readonly ConditionalWeakTable<ClauseAnalyser, Kept> ByAnalyser = [];

    private sealed class Kept(ClauseAnalyser analyser)
    {
        public readonly ConditionalWeakTable<string, Analysis> Sentences = [];
        public readonly ConditionalWeakTable<string, Analysis>.CreateValueCallback Analyse = s => new Analysis(analyser.Analyse(s));
    }

    private sealed record Analysis(ImmutableArray<Clause> Clauses);

    /// <summary><paramref name="analyser"/>'s clauses of <paramref name="sentence"/>, analysed on the first call for this string.</summary>
    public static ImmutableArray<Clause> Of(ClauseAnalyser analyser, string sentence)
    {
        var kept = ByAnalyser.GetValue(analyser, a => new Kept(a));
        return kept.Sentences.GetValue(sentence, kept.Analyse).Clauses;
    }

    /// <summary>
    /// Whether a plan or goal governs <paramref name="position"/> of the sentence these clauses were read from: the
    /// clause it stands in plans from a marker before it, or inherits a plan no statement of its own time ended.
    /// </summary>
    public static bool PlanAt(ImmutableArray<Clause> clauses, int position)
    {
        foreach (var clause in clauses)
        {
            if (position < clause.Start || position > clause.Start + clause.Text.Length) continue;
            return clause.ModalityAt(position - clause.Start) is Modality.Plan or Modality.Goal;
        }
        return false;
    }
}
