using System.Collections.Immutable;
using System.Globalization;
using PilotEval.Documents;
using PilotEval.Evidence;

namespace PilotEval.Integrity;

/// <summary>One passage of a submission found again, nearly verbatim, in another submission.</summary>
/// <param name="Text">The passage as the other submission wrote it (the one whose text was reused).</param>
/// <param name="Location">Where it stands in the other submission.</param>
/// <param name="ReusedAs">The matching passage in this submission.</param>
/// <param name="ReusedAt">Where that stands in this submission.</param>
public sealed record ReusedPassage(string Text, SourceLocation Location, string ReusedAs, SourceLocation ReusedAt);

/// <summary>
/// A submission holds much of another's text. Jaccard similarity cannot see it when the copier added text of its own
/// (the union grows); containment — the share of one text's shingles found in the other — can.
/// </summary>
/// <param name="Other">The other submission.</param>
/// <param name="OtherFoundHere">Share of the other submission's text found in this one (0–1).</param>
/// <param name="ThisFoundThere">Share of this submission's text found in the other one (0–1).</param>
/// <param name="Passages">The shared passages, the other's wording beside this one's, longest first.</param>
public sealed record TextReuseFinding(string Other, double OtherFoundHere, double ThisFoundThere, ImmutableArray<ReusedPassage> Passages)
{
    /// <summary>True when this submission is the one that contains the other's text (the likelier copier).</summary>
    public bool Contains => OtherFoundHere >= ThisFoundThere;
}

/// <summary>
/// What an earlier run found when it compared two submissions' text exactly, kept so that a re-run compares only
/// pairs with a member that changed. The outcome of a pair depends on nothing but the two texts and the settings,
/// so a kept outcome is what comparing again would give. Keys are the caller's: it knows each submission's identity.
/// </summary>
public interface ITextReuseMemo
{
    /// <summary>
    /// Loads what is kept for these pairs, before <see cref="TryGet"/> is asked of any of them: called once per batch of
    /// candidate pairs (<see cref="TextReuseIndex.PairBatch"/>), so a run asks once a batch, not once a pair, and what
    /// an earlier batch loaded may be let go.
    /// </summary>
    void Prefetch(IReadOnlyList<(string First, string Second)> pairs);

    /// <summary>The kept outcome of the pair: the finding for each member, or nulls when the pair shares too little.</summary>
    bool TryGet(string first, string second, out TextReusePair outcome);

    /// <summary>Keeps an outcome just computed (a memo that writes them somewhere may do so a batch at a time).</summary>
    void Keep(string first, string second, TextReusePair outcome);
}

/// <summary>The outcome of comparing two submissions exactly: the finding on each, or nulls when they share too little.</summary>
public sealed record TextReusePair(TextReuseFinding? First, TextReuseFinding? Second);

/// <summary>
/// Finds text reuse on the same MinHash signatures as the near-duplicate check: candidates come from a finer banding
/// of the same 128 hashes (64 bands × 2 rows: a pair whose Jaccard similarity is 0.25 — half of one text pasted into
/// another of equal length — becomes a candidate with probability 0.98), containment is estimated from the Jaccard
/// estimate and the two shingle counts, and only the few pairs that pass are compared exactly, sentence by sentence.
/// </summary>
public static class TextReuseIndex
{
    /// <summary>A sentence counts as reused when this share of its shingles occurs in the other text.</summary>
    private const double SentenceShare = 0.8;

    private const int PassagesShown = 8;

    /// <param name="items">Each submission's source, signature and sentences (visible body text, in reading order).</param>
    /// <param name="exclude">Pairs already flagged as near-duplicates: one flag per pair is enough.</param>
    /// <param name="memo">Outcomes kept by earlier runs, and where this run keeps its own; null compares every pair.</param>
    public static ImmutableDictionary<string, ImmutableArray<TextReuseFinding>> Find(
        IReadOnlyList<(string Source, MinHashSignature Signature, IReadOnlyList<Sentence> Sentences)> items,
        IReadOnlySet<(string, string)> exclude,
        DuplicateOptions options,
        ITextReuseMemo? memo = null) =>
        Find(items, (first, second) => exclude.Contains((first, second)), options, memo);

    /// <summary>
    /// Candidate pairs taken from the scan at once: what is kept for them is asked of the memo in one call, and what
    /// is new is handed to it as found, so neither the candidates nor their outcomes are ever all held — on a call built
    /// on a few templates they grow as N² (about 775,000 at N = 10,000 of the benchmark corpus).
    /// </summary>
    public const int PairBatch = 4096;

    /// <param name="excluded">Whether a pair (in ordinal order) is flagged a near-duplicate already: asked of each candidate, so the near-duplicate pairs need not be held.</param>
    /// <param name="pairBatch">Candidate pairs taken at once (<see cref="PairBatch"/>; smaller in tests).</param>
    public static ImmutableDictionary<string, ImmutableArray<TextReuseFinding>> Find(
        IReadOnlyList<(string Source, MinHashSignature Signature, IReadOnlyList<Sentence> Sentences)> items,
        Func<string, string, bool> excluded,
        DuplicateOptions options,
        ITextReuseMemo? memo = null,
        int pairBatch = PairBatch)
    {
        var bySource = items.ToDictionary(i => i.Source, StringComparer.Ordinal);
        var findings = new Dictionary<string, List<TextReuseFinding>>(StringComparer.Ordinal);
        if (options.HashCount % 2 == 0)
        {
            var fine = options with { Bands = options.HashCount / 2, Rows = 2, Threshold = MinimumJaccard(options) };
            var index = NearDuplicateIndex.Build([.. items.Select(i => (i.Source, i.Signature))], fine);
            var pairs = new Comparisons(index, bySource, options, memo, findings, pairBatch);
            // Cheap first: the fine bands pair nearly every two applications of one template, and containment estimated
            // from the signatures alone leaves the few worth comparing on their text — taken as the scan finds them.
            index.Scan((a, b, similarity) =>
            {
                var (first, second) = (index.Items[a], index.Items[b]);
                if (excluded(first.Source, second.Source)) return;
                if (Math.Max(EstimatedContainment(similarity, first.Signature.Shingles, second.Signature.Shingles),
                        EstimatedContainment(similarity, second.Signature.Shingles, first.Signature.Shingles))
                    >= options.ContainmentThreshold * 0.75)
                    pairs.Add(a, b);
            });
            pairs.Finish();
        }
        return findings.ToImmutableDictionary(f => f.Key, f => f.Value.OrderBy(x => x.Other, StringComparer.Ordinal).ToImmutableArray(), StringComparer.Ordinal);
    }

    /// <summary>
    /// The candidate pairs compared on their text, a batch at a time in the scan's order (by first member, then by
    /// second, positions in the index). That order bounds what is held: a submission is in no pair after its own row
    /// (as first member it pairs only with those after it, and the rows before it are done), so its shingles go then.
    /// A submission's shingles are held as a sorted array (8 bytes a shingle, not a hash set's 20 or more) and its
    /// text only while they are computed, or while a pair that is reported needs its passages: the text of 10,000
    /// applications does not fit beside the rest of the run, their shingles do (about 15 KB each).
    /// </summary>
    private sealed class Comparisons(NearDuplicateIndex.Banded index,
        Dictionary<string, (string Source, MinHashSignature Signature, IReadOnlyList<Sentence> Sentences)> bySource,
        DuplicateOptions options, ITextReuseMemo? memo, Dictionary<string, List<TextReuseFinding>> findings, int batchSize)
    {
        private readonly List<(int A, int B)> _batch = new(batchSize);
        private readonly Dictionary<int, ulong[]> _shingles = [];
        private readonly HashSet<int> _textHeld = [];
        private int _done;

        public void Add(int a, int b)
        {
            _batch.Add((a, b));
            if (_batch.Count >= batchSize) Run();
        }

        public void Finish()
        {
            Run();
            for (; _done < index.Items.Count; _done++) Release(_done);
        }

        private void Run()
        {
            if (_batch.Count == 0) return;
            memo?.Prefetch([.. _batch.Select(p => (index.Items[p.A].Source, index.Items[p.B].Source))]);
            foreach (var (a, b) in _batch)
            {
                for (; _done < a; _done++) Release(_done);
                var (first, second) = (index.Items[a].Source, index.Items[b].Source);
                if (memo is null || !memo.TryGet(first, second, out var outcome))
                {
                    outcome = Compare(a, b);
                    memo?.Keep(first, second, outcome);
                }
                if (outcome.First is { } onFirst) TextReuseIndex.Add(findings, first, onFirst);
                if (outcome.Second is { } onSecond) TextReuseIndex.Add(findings, second, onSecond);
            }
            _batch.Clear();
        }

        /// <summary>Two submissions compared on their text: how much of each is in the other, and the passages when it is enough.</summary>
        private TextReusePair Compare(int first, int second)
        {
            var (sa, sb) = (ShinglesOf(first), ShinglesOf(second));
            if (sa.Length == 0 || sb.Length == 0 || SharedShingles(sa, sb, options) is not { } shared
                || !Enough(shared, sa.Length, sb.Length, options)) return new(null, null);
            var aInB = (double)shared / sa.Length;
            var bInA = (double)shared / sb.Length;
            var (a, b) = (bySource[index.Items[first].Source], bySource[index.Items[second].Source]);
            _textHeld.Add(first);
            _textHeld.Add(second);
            return new(
                new TextReuseFinding(b.Source, bInA, aInB, Passages(b.Sentences, a.Sentences, sa, options.ShingleSize)),
                new TextReuseFinding(a.Source, aInB, bInA, Passages(a.Sentences, b.Sentences, sb, options.ShingleSize)));
        }

        private ulong[] ShinglesOf(int position)
        {
            if (_shingles.TryGetValue(position, out var kept)) return kept;
            var sentences = bySource[index.Items[position].Source].Sentences;
            var set = MinHasher.ShingleHashes(string.Join("\n", sentences.Select(s => s.Text)), options.ShingleSize);
            var sorted = new ulong[set.Count];
            set.CopyTo(sorted);
            Array.Sort(sorted);
            // The text was wanted for its shingles only; a pair that is reported reads it again for its passages.
            if (sentences is LazySentences lazy) lazy.Release();
            return _shingles[position] = sorted;
        }

        private void Release(int position)
        {
            _shingles.Remove(position);
            if (_textHeld.Remove(position) && bySource[index.Items[position].Source].Sentences is LazySentences lazy) lazy.Release();
        }
    }

    /// <summary>Whether two texts sharing <paramref name="shared"/> shingles are reported: enough shared, and enough of either text.</summary>
    private static bool Enough(int shared, int countA, int countB, DuplicateOptions options) =>
        shared >= options.MinimumSharedShingles && Math.Max((double)shared / countA, (double)shared / countB) >= options.ContainmentThreshold;

    /// <summary>
    /// The shingles two sorted sets share, counted by merging them; null as soon as even the rest of the shorter
    /// one all shared could not make the pair <see cref="Enough"/> — the same test on an upper bound, so it never
    /// stops a pair that would be reported.
    /// </summary>
    private static int? SharedShingles(ulong[] a, ulong[] b, DuplicateOptions options)
    {
        int i = 0, j = 0, shared = 0;
        for (var step = 0; i < a.Length && j < b.Length; step++)
        {
            if ((step & 255) == 0 && !Enough(shared + Math.Min(a.Length - i, b.Length - j), a.Length, b.Length, options)) return null;
            var (x, y) = (a[i], b[j]);
            if (x == y)
            {
                shared++;
                i++;
                j++;
            }
            else if (x < y)
            {
                i++;
            }
            else
            {
                j++;
            }
        }
        return shared;
    }

    /// <summary>The flag on a submission: both sources, the direction and the shares.</summary>
    public static DocumentFlag Flag(string source, TextReuseFinding finding) => Flag(source, [finding]);

    /// <summary>
    /// One flag for every submission this one shares text with: the closest <see cref="DetectDuplicates.NamedOthers"/>
    /// (the larger share first, then by name) each as a single finding reads, then how many more.
    /// </summary>
    public static DocumentFlag Flag(string source, IReadOnlyCollection<TextReuseFinding> findings) =>
        new("text-reuse", string.Join("；", DetectDuplicates.Closest(findings, f => Math.Max(f.OtherFoundHere, f.ThisFoundThere), f => f.Other)
            .Select(f => Sentence(source, f))) + (findings.Count > DetectDuplicates.NamedOthers ? "；" + DetectDuplicates.More(findings.Count) + "与本申报有大段文字重合" : ""));

    private static string Sentence(string source, TextReuseFinding finding) => finding.Contains
        ? string.Create(CultureInfo.InvariantCulture,
            $"{source} 中有大段文字与 {finding.Other} 相同：{finding.Other} 约 {finding.OtherFoundHere * 100:0}% 的文字出现在本申报中（约占本申报的 {finding.ThisFoundThere * 100:0}%）")
        : string.Create(CultureInfo.InvariantCulture,
            $"{source} 约 {finding.ThisFoundThere * 100:0}% 的文字出现在 {finding.Other} 中（约占 {finding.Other} 的 {finding.OtherFoundHere * 100:0}%）");

    /// <summary>|X ∩ Y| / |X| from the Jaccard similarity J and the set sizes: |X ∩ Y| = J (|X| + |Y|) / (1 + J).</summary>
    public static double EstimatedContainment(double jaccard, int sizeX, int sizeY) =>
        sizeX == 0 ? 0 : Math.Min(1, jaccard * (sizeX + sizeY) / (1 + jaccard) / sizeX);

    /// <summary>
    /// The lowest Jaccard similarity worth comparing: a text of any size whose every shingle is in a text up to ten
    /// times as large has J ≥ 1/10 × threshold; below that, reuse too small to name is all a pair could hold.
    /// </summary>
    private static double MinimumJaccard(DuplicateOptions options) => Math.Max(0.01, options.ContainmentThreshold / 10);

    /// <summary>Sentences of <paramref name="source"/> found in <paramref name="target"/>, each beside its best match there.</summary>
    /// <param name="targetShingles">The target's shingles, sorted.</param>
    private static ImmutableArray<ReusedPassage> Passages(IReadOnlyList<Sentence> source, IReadOnlyList<Sentence> target,
        ulong[] targetShingles, int size)
    {
        var reused = source
            .Select(s => (Sentence: s, Shingles: MinHasher.ShingleHashes(s.Text, size)))
            .Where(s => s.Shingles.Count >= 3 && s.Shingles.Count(x => Array.BinarySearch(targetShingles, x) >= 0) >= SentenceShare * s.Shingles.Count)
            .OrderByDescending(s => s.Sentence.Text.Length)
            .Take(PassagesShown)
            .ToList();
        if (reused.Count == 0) return [];
        var targetSets = target.Select(t => (Sentence: t, Shingles: MinHasher.ShingleHashes(t.Text, size))).ToList();
        return
        [
            .. reused.Select(r =>
            {
                var best = targetSets.MaxBy(t => t.Shingles.Count(r.Shingles.Contains));
                return new ReusedPassage(r.Sentence.Text, r.Sentence.Block.Location, best.Sentence.Text, best.Sentence.Block.Location);
            }),
        ];
    }

    private static void Add(Dictionary<string, List<TextReuseFinding>> findings, string source, TextReuseFinding finding)
    {
        if (!findings.TryGetValue(source, out var list)) findings[source] = list = [];
        list.Add(finding);
    }
}
