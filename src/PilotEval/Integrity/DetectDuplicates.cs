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
    /// <param name="PairCount">Near-duplicate pairs found (each flag names its closest few; the pairs are not kept).</param>
    /// <param name="CandidatePairs">Pairs the LSH index had to compare, against n(n−1)/2 for all pairs.</param>
    /// <param name="Clusters">The near-duplicate pairs' connected groups, largest first.</param>
    public sealed record Result(ImmutableArray<SubmissionAssessment> Assessments, long PairCount, long CandidatePairs,
        ImmutableArray<DuplicateCluster> Clusters);

    /// <summary>How many other sources one flag names, the closest first; the others are counted (「等另 N 份」).</summary>
    public const int NamedOthers = 3;

    public sealed class Handler(DuplicateOptions options) : ICommandHandler<Command, Result>
    {
        public ValueTask<Result> Handle(Command command, CancellationToken cancellationToken) =>
            ValueTask.FromResult(Detect(command.Assessments, options, command.SentencesOf, command.Memo));
    }

    /// <summary>
    /// The pairs are taken as the index finds them and folded at once into what the reports show — per submission
    /// how many others and the closest few, per group its members, pair count and similarities — so memory holds a
    /// few numbers per submission, not the pairs: on a call built on a few templates they grow as N² (234,013 at
    /// N = 3,000 of the benchmark corpus). What is shown is exactly what sorting all the pairs would show.
    /// </summary>
    public static Result Detect(ImmutableArray<SubmissionAssessment> assessments, DuplicateOptions options,
        Func<SubmissionAssessment, IReadOnlyList<Evidence.Sentence>>? sentencesOf = null, ITextReuseMemo? memo = null)
    {
        var read = sentencesOf ?? (a => a.Sentences());
        var index = NearDuplicateIndex.Build([.. assessments.Select(a => (a.Source, a.Integrity.Signature))], options);
        var position = new Dictionary<string, int>(index.Items.Count, StringComparer.Ordinal);
        for (var i = 0; i < index.Items.Count; i++) position.TryAdd(index.Items[i].Source, i);
        var others = new int[index.Items.Count];
        var closest = new List<(string Other, double Similarity)>?[index.Items.Count];
        var groups = new Groups(index.Items.Count);
        long pairs = 0;
        var candidates = index.Scan((a, b, similarity) =>
        {
            pairs++;
            others[a]++;
            others[b]++;
            Offer(closest[a] ??= [], index.Items[b].Source, similarity);
            Offer(closest[b] ??= [], index.Items[a].Source, similarity);
            groups.Join(a, b, similarity);
        });
        var reuse = TextReuseIndex.Find(
            [.. assessments.Select(a => (a.Source, a.Integrity.Signature, (IReadOnlyList<Evidence.Sentence>)new LazySentences(() => read(a))))],
            (first, second) => position.TryGetValue(first, out var a) && position.TryGetValue(second, out var b) && index.Pairs(a, b),
            options,
            memo);
        var flagged = assessments.Select(a =>
            {
                var reused = reuse.GetValueOrDefault(a.Source, []);
                var near = position.TryGetValue(a.Source, out var i) && others[i] > 0 ? Flag(closest[i]!, others[i]) : null;
                return (a with { TextReuse = reused })
                    .WithFlags(near is null ? [] : [near])
                    .WithFlags(reused.IsEmpty ? [] : [TextReuseIndex.Flag(a.Source, reused)]);
            })
            .ToImmutableArray();
        return new Result(flagged, pairs, candidates, groups.Clusters(index.Items));
    }

    /// <summary>Keeps the <see cref="NamedOthers"/> closest in <see cref="Closest{T}"/>'s order (most similar first, then by name).</summary>
    private static void Offer(List<(string Other, double Similarity)> closest, string other, double similarity)
    {
        var at = closest.FindIndex(c => c.Similarity < similarity || c.Similarity == similarity && StringComparer.Ordinal.Compare(c.Other, other) > 0);
        if (at < 0) at = closest.Count;
        if (at >= NamedOthers) return;
        closest.Insert(at, (other, similarity));
        if (closest.Count > NamedOthers) closest.RemoveAt(NamedOthers);
    }

    /// <summary>
    /// The connected groups of the pairs, as <see cref="DuplicateCluster.Of"/> forms them from a list of pairs, built
    /// as the pairs come: each group's pair count and highest and lowest similarity travel with its root.
    /// </summary>
    private sealed class Groups(int count)
    {
        private readonly int[] _parent = [.. Enumerable.Range(0, count)];
        private readonly bool[] _paired = new bool[count];
        private readonly Dictionary<int, (int Pairs, double Highest, double Lowest)> _stats = [];

        private int Root(int x)
        {
            while (_parent[x] != x)
            {
                _parent[x] = _parent[_parent[x]]; // path halving keeps the chains short
                x = _parent[x];
            }
            return x;
        }

        public void Join(int a, int b, double similarity)
        {
            _paired[a] = _paired[b] = true;
            var (ra, rb) = (Root(a), Root(b));
            (int Pairs, double Highest, double Lowest) stats = _stats.Remove(ra, out var s) ? s : (0, double.MinValue, double.MaxValue);
            if (ra != rb)
            {
                _parent[Math.Max(ra, rb)] = Math.Min(ra, rb);
                if (_stats.Remove(rb, out var t))
                    stats = (stats.Pairs + t.Pairs, Math.Max(stats.Highest, t.Highest), Math.Min(stats.Lowest, t.Lowest));
            }
            _stats[Root(a)] = (stats.Pairs + 1, Math.Max(stats.Highest, similarity), Math.Min(stats.Lowest, similarity));
        }

        /// <summary>Largest first, then by first member (ordinal): the order <see cref="DuplicateCluster.Of"/> gives.</summary>
        public ImmutableArray<DuplicateCluster> Clusters(IReadOnlyList<(string Source, MinHashSignature Signature)> items) =>
        [
            .. Enumerable.Range(0, items.Count).Where(i => _paired[i]).GroupBy(Root)
                .Select(g => (Members: g.Select(i => items[i].Source).Order(StringComparer.Ordinal).ToImmutableArray(), Stats: _stats[g.Key]))
                .Select(g => new DuplicateCluster(g.Members, g.Stats.Pairs, g.Stats.Highest, g.Stats.Lowest))
                .OrderByDescending(c => c.Members.Length)
                .ThenBy(c => c.Members[0], StringComparer.Ordinal),
        ];
    }

    /// <summary>One flag naming the closest few (already in order) of <paramref name="count"/> similar submissions.</summary>
    private static DocumentFlag Flag(IReadOnlyList<(string Other, double Similarity)> closest, int count) =>
        count == 1 ? Flag(closest[0].Other, closest[0].Similarity) : Named(closest, count);

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
        return Named([.. Closest(others, o => o.Similarity, o => o.Other)], others.Count);
    }

    /// <summary>The flag of several: <paramref name="closest"/> named (in order), the rest of <paramref name="count"/> counted.</summary>
    private static DocumentFlag Named(IReadOnlyList<(string Other, double Similarity)> closest, int count)
    {
        var names = string.Join("、", closest.Select(o => string.Create(CultureInfo.InvariantCulture, $"{o.Other}（{o.Similarity * 100:0}%）")));
        return new(FlagCodes.NearDuplicate, $"与 {names}{More(count)}内容高度相似（括号内为 MinHash 估计相似度）");
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
    private Lazy<IReadOnlyList<Evidence.Sentence>> _sentences = new(read);

    /// <summary>Lets the sentences go once no pair needs them; asked again, they are read again.</summary>
    public void Release()
    {
        if (_sentences.IsValueCreated) _sentences = new(read);
    }

    public Evidence.Sentence this[int index] => _sentences.Value[index];

    public int Count => _sentences.Value.Count;

    public IEnumerator<Evidence.Sentence> GetEnumerator() => _sentences.Value.GetEnumerator();

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
}
