using System.Collections.Immutable;
using System.Runtime.CompilerServices;

namespace PilotEval.Language;

/// <summary>
/// The clause analysis of a sentence, made once however many rules ask about it. Every quantity of a sentence asks
/// whether a plan governs it, every signal that matches it asks again, every credential asks whether it is denied: the
/// same <see cref="ClauseAnalyser.Analyse"/> of the same sentence was most of the evidence stage's time. The analysis
/// depends on nothing but the analyser and the text, so a kept one is the one a fresh call would make.
/// </summary>
/// <remarks>
/// Analyses are kept only inside a <see cref="Keep"/> scope on the current thread — the evidence stage of one
/// submission, or its three eligibility checks, each of which runs synchronously — and dropped with it, so memory does not grow over a batch and nothing is
/// shared between threads. Outside a scope every call analyses afresh, as before.
/// </remarks>
public static class AnalysedClauses
{
    [ThreadStatic]
    private static Dictionary<(ClauseAnalyser Analyser, string Sentence), ImmutableArray<Clause>>? _kept;

    /// <summary>Keeps every analysis made on this thread until the returned scope is disposed.</summary>
    public static Scope Keep()
    {
        var outer = _kept;
        _kept = new Dictionary<(ClauseAnalyser, string), ImmutableArray<Clause>>(KeyComparer.Instance);
        return new Scope(outer);
    }

    /// <summary>Drops the analyses kept since <see cref="Keep"/>, restoring an enclosing scope's.</summary>
    public readonly struct Scope(Dictionary<(ClauseAnalyser, string), ImmutableArray<Clause>>? outer) : IDisposable
    {
        public void Dispose() => _kept = outer;
    }

    /// <summary><paramref name="analyser"/>'s clauses of <paramref name="sentence"/>; analysed once per scope.</summary>
    public static ImmutableArray<Clause> Of(ClauseAnalyser analyser, string sentence)
    {
        var kept = _kept;
        if (kept is null) return analyser.Analyse(sentence);
        if (!kept.TryGetValue((analyser, sentence), out var clauses)) kept[(analyser, sentence)] = clauses = analyser.Analyse(sentence);
        return clauses;
    }

    /// <summary>The same analyser (by reference) and the same text.</summary>
    private sealed class KeyComparer : IEqualityComparer<(ClauseAnalyser Analyser, string Sentence)>
    {
        public static readonly KeyComparer Instance = new();

        public bool Equals((ClauseAnalyser Analyser, string Sentence) x, (ClauseAnalyser Analyser, string Sentence) y) =>
            ReferenceEquals(x.Analyser, y.Analyser) && string.Equals(x.Sentence, y.Sentence, StringComparison.Ordinal);

        public int GetHashCode((ClauseAnalyser Analyser, string Sentence) key) =>
            HashCode.Combine(RuntimeHelpers.GetHashCode(key.Analyser), StringComparer.Ordinal.GetHashCode(key.Sentence));
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
