using System.Collections.Immutable;
using PilotEval.Documents;

namespace PilotEval.Evidence;

/// <summary>
/// A verbatim quote from a submitted file, where it stands, and the rubric signal it satisfied.
/// The quote is a substring of the cited block's text, so anyone can find it.
/// </summary>
/// <param name="Prospective">The sentence states a plan (拟、计划、将…), not an achieved result; it counts less.</param>
/// <param name="Vague">The sentence is a slogan without a single number (全面提升、行业领先…); it counts less.</param>
public sealed record Evidence(string Quote, SourceLocation Location, string Signal, bool Prospective = false, bool Vague = false)
{
    /// <summary>Achieved and specific: earns a signal's full points.</summary>
    public bool IsSubstantive => !Prospective && !Vague;

    /// <summary>The section of the application the quote stands in, e.g. 「五、应用成效 / （一）培训规模」; null when none was found.</summary>
    public string? Section { get; init; }

    /// <summary>The kind of the signal it satisfied (keyword, quantity, change, certification, standard, patent, software-copyright).</summary>
    public string? Kind { get; init; }

    /// <summary>Why the sentence satisfied the signal, in plain Chinese, e.g. 「3200 人次 ≥ 1000 人次」「DSMM 3级」.</summary>
    public string? Why { get; init; }

    /// <summary>Share of the signal's points the quote earns: 1 when substantive, the rubric's discount otherwise.</summary>
    public double Credit { get; init; } = 1;

    /// <summary>How it counted: <c>full</c>, <c>half: plan</c>, <c>half: slogan</c> (another share is written as a percentage).</summary>
    public string Counted => IsSubstantive
        ? "full"
        : $"{(Credit == 0.5 ? "half" : $"{Credit * 100:0.#}%")}: {(Prospective ? "plan" : "slogan")}";
}

/// <summary>The evidence found for one signal of a criterion.</summary>
public sealed record SignalEvidence(string SignalId, ImmutableArray<Evidence> Items);

/// <summary>The evidence found for one criterion of the submission's track, signal by signal.</summary>
public sealed record CriterionEvidence(string CriterionId, ImmutableArray<SignalEvidence> Signals)
{
    /// <summary>
    /// Signals the text came close to but did not satisfy: the keyword is there, the number falls short
    /// (「培训 600 人次」 against ≥ 1000), or the credential is of the wrong kind. The enterprise learns what is missing.
    /// </summary>
    public ImmutableArray<NearMiss> NearMisses { get; init; } = [];
}

/// <summary>A sentence about a signal's subject that fell short of it, and by what.</summary>
public sealed record NearMiss(string SignalId, string Shortfall, SourceLocation Location);

/// <summary>A sentence of a body block, with the block it was taken from.</summary>
public sealed record Sentence(string Text, Block Block)
{
    /// <summary>For a table row below the first row of its table: the first row's cells, the columns' labels.</summary>
    public ImmutableArray<string> ColumnLabels { get; init; } = [];
}
