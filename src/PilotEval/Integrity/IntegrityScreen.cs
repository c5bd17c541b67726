using System.Collections.Immutable;
using PilotEval.Documents;
using PilotEval.Evidence;

namespace PilotEval.Integrity;

/// <summary>
/// What the integrity screen found in one submission: the injected instructions, and the MinHash signature
/// the cross-submission duplicate check compares. Visible sentences carrying an injection are withheld from
/// evidence, eligibility and summaries, so an instruction to the reviewer can never earn points; hidden text
/// never reaches them in the first place (<see cref="Block.Text"/> holds only what a reader sees).
/// </summary>
public sealed record IntegrityScreen(ImmutableArray<InjectionFinding> Injections, MinHashSignature Signature)
{
    private readonly ImmutableHashSet<(SourceLocation, string)> _withheld =
        [.. Injections.Where(f => !f.Hidden).Select(f => (f.Location, f.Text))];

    public static IntegrityScreen None { get; } = new([], MinHashSignature.Empty);

    /// <summary>True for a sentence that carries an injected instruction: it is never evidence.</summary>
    public bool Withholds(Sentence sentence) => Withholds(sentence.Block.Location, sentence.Text);

    /// <summary>True when this text, cited at this location, is an injected instruction.</summary>
    public bool Withholds(SourceLocation location, string text) => !_withheld.IsEmpty && _withheld.Contains((location, text));
}
