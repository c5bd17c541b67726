using System.Collections.Immutable;
using System.Globalization;
using Mediator;
using PilotEval.Documents;
using PilotEval.Pipeline;

namespace PilotEval.Integrity;

/// <summary>
/// Over all submissions of a run, before the shortlists: finds near-duplicates with MinHash and LSH and flags
/// every member of a pair <c>near-duplicate</c>, naming the other source and the estimated similarity; then, on
/// the same signatures, pairs where one holds much of the other's text (<c>text-reuse</c>, with the shared passages).
/// A submission gets one flag per code however many others it resembles: the closest few are named, the rest
/// counted (a call built on a few templates pairs each application with dozens of others, and one line per pair
/// grows as N² in every report). The pairs found do not change; the groups they form are returned for the reports.
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
    /// <param name="Clusters">The near-duplicate pairs' connected groups, largest first.</param>
    public sealed record Result(ImmutableArray<SubmissionAssessment> Assessments, ImmutableArray<DuplicatePair> Pairs, long CandidatePairs,
        ImmutableArray<DuplicateCluster> Clusters);

    /// <summary>How many other sources one flag names, the closest first; the others are counted (「等另 N 份」).</summary>
    public const int NamedOthers = 3;

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
                var similar = pairsOf[a.Source].Select(p => (p.First == a.Source ? p.Second : p.First, p.Similarity)).ToList();
                return (a with { TextReuse = reused })
                    .WithFlags(similar.Count == 0 ? [] : [Flag(similar)])
                    .WithFlags(reused.IsEmpty ? [] : [TextReuseIndex.Flag(a.Source, reused)]);
            })
            .ToImmutableArray();
        return new Result(flagged, outcome.Pairs, outcome.CandidatePairs, DuplicateCluster.Of(outcome.Pairs));
    }

    public static DocumentFlag Flag(string other, double similarity) => Flag([(other, similarity)]);

    /// <summary>
    /// One flag for all the submissions this one resembles: alone, the other and the similarity as they always read;
    /// several, the closest <see cref="NamedOthers"/> (most similar first, then by name) with theirs, and how many more.
    /// </summary>
    public static DocumentFlag Flag(IReadOnlyCollection<(string Other, double Similarity)> others)
    {
        if (others.Count == 1)
        {
            var (other, similarity) = others.First();
            return new(FlagCodes.NearDuplicate, string.Create(CultureInfo.InvariantCulture,
                $"与 {other} 内容高度相似（MinHash 估计相似度 {similarity * 100:0}%）"));
        }
        var named = string.Join("、", Closest(others, o => o.Similarity, o => o.Other)
            .Select(o => string.Create(CultureInfo.InvariantCulture, $"{o.Other}（{o.Similarity * 100:0}%）")));
        return new(FlagCodes.NearDuplicate, $"与 {named}{More(others.Count)}内容高度相似（括号内为 MinHash 估计相似度）");
    }

    /// <summary>The <see cref="NamedOthers"/> closest, most similar first, ties by name so the detail is the same every run.</summary>
    internal static IEnumerable<T> Closest<T>(IEnumerable<T> others, Func<T, double> closeness, Func<T, string> name) =>
        others.OrderByDescending(closeness).ThenBy(name, StringComparer.Ordinal).Take(NamedOthers);

    /// <summary>「等另 N 份申报」 for those not named, or nothing when every other is named.</summary>
    internal static string More(int count) =>
        count > NamedOthers ? string.Create(CultureInfo.InvariantCulture, $"等另 {count - NamedOthers} 份申报") : "";
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
