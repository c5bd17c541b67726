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
}

/// <summary>The evidence found for one signal of a criterion.</summary>
public sealed record SignalEvidence(string SignalId, ImmutableArray<Evidence> Items);

/// <summary>The evidence found for one criterion of the submission's track, signal by signal.</summary>
public sealed record CriterionEvidence(string CriterionId, ImmutableArray<SignalEvidence> Signals);

/// <summary>A sentence of a body block, with the block it was taken from.</summary>
public sealed record Sentence(string Text, Block Block);
