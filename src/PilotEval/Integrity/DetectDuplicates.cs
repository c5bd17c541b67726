using System.Collections.Immutable;
using System.Globalization;
using Mediator;
using PilotEval.Documents;
using PilotEval.Pipeline;

namespace PilotEval.Integrity;

/// <summary>
/// Over all submissions of a run, before the shortlists: finds near-duplicates with MinHash and LSH and flags
/// both members of every pair <c>near-duplicate</c>, naming the other source and the estimated similarity; then, on
/// the same signatures, pairs where one holds much of the other's text (<c>text-reuse</c>, with the shared passages).
/// Track and enterprise are ignored on purpose: the same text under another name or in another track is the case to catch.
/// </summary>
public static class DetectDuplicates
{
    /// <param name="SentencesOf">
    /// The text of a submission, asked only for the few pairs compared exactly; null reads <see cref="SubmissionAssessment.Sentences"/>.
    /// A run that let go of its submissions' text reads it back from the store here.
    /// </param>
    /// <param name="Memo">Text comparisons kept by earlier runs (the store's); null compares every candidate pair again.</param>
    public sealed record Command(ImmutableArray<SubmissionAssessment> Assessments,
        Func<SubmissionAssessment, IReadOnlyList<Evidence.Sentence>>? SentencesOf = null, ITextReuseMemo? Memo = null) : ICommand<Result>;

    /// <param name="Assessments">The same submissions, in the same order, with their near-duplicate flags added.</param>
    /// <param name="CandidatePairs">Pairs the LSH index had to compare, against n(n−1)/2 for all pairs.</param>
    public sealed record Result(ImmutableArray<SubmissionAssessment> Assessments, ImmutableArray<DuplicatePair> Pairs, long CandidatePairs);

    public sealed class Handler(DuplicateOptions options) : ICommandHandler<Command, Result>
    {
        public ValueTask<Result> Handle(Command command, CancellationToken cancellationToken) =>
            ValueTask.FromResult(Detect(command.Assessments, options, command.SentencesOf, command.Memo));
    }

    public static Result Detect(ImmutableArray<SubmissionAssessment> assessments, DuplicateOptions options,
        Func<SubmissionAssessment, IReadOnlyList<Evidence.Sentence>>? sentencesOf = null, ITextReuseMemo? memo = null)
    {
        var read = sentencesOf ?? (a => a.Sentences());
        var outcome = NearDuplicateIndex.Find([.. assessments.Select(a => (a.Source, a.Integrity.Signature))], options);
        var reuse = TextReuseIndex.Find(
            [.. assessments.Select(a => (a.Source, a.Integrity.Signature, (IReadOnlyList<Evidence.Sentence>)new LazySentences(() => read(a))))],
            outcome.Pairs.Select(p => (p.First, p.Second)).ToHashSet(),
            options,
            memo);
        // Each submission's pairs by source, in the pairs' order: scanning every pair for every submission grows as
        // N × pairs, and a call built on a few templates has tens of thousands of pairs at N = 1,000.
        var pairsOf = outcome.Pairs
            .SelectMany(p => new[] { (Source: p.First, Pair: p), (Source: p.Second, Pair: p) }.Distinct())
            .ToLookup(x => x.Source, x => x.Pair, StringComparer.Ordinal);
        var flagged = assessments.Select(a =>
            {
                var reused = reuse.GetValueOrDefault(a.Source, []);
                return (a with { TextReuse = reused })
                    .WithFlags(pairsOf[a.Source]
                        .Select(p => Flag(p.First == a.Source ? p.Second : p.First, p.Similarity)))
                    .WithFlags(reused.Select(r => TextReuseIndex.Flag(a.Source, r)));
            })
            .ToImmutableArray();
        return new Result(flagged, outcome.Pairs, outcome.CandidatePairs);
    }

    public static DocumentFlag Flag(string other, double similarity) =>
        new(FlagCodes.NearDuplicate, string.Create(CultureInfo.InvariantCulture,
            $"与 {other} 内容高度相似（MinHash 估计相似度 {similarity * 100:0}%）"));
}

/// <summary>Sentences computed on first use: of 1,000 submissions, only the few in a candidate pair are ever split.</summary>
internal sealed class LazySentences(Func<IReadOnlyList<Evidence.Sentence>> read) : IReadOnlyList<Evidence.Sentence>
{
    private readonly Lazy<IReadOnlyList<Evidence.Sentence>> _sentences = new(read);

    public Evidence.Sentence this[int index] => _sentences.Value[index];

    public int Count => _sentences.Value.Count;

    public IEnumerator<Evidence.Sentence> GetEnumerator() => _sentences.Value.GetEnumerator();

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
}
