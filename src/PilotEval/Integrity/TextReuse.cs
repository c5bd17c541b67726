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
    /// <summary>Loads what is kept for these pairs (one call, before any <see cref="TryGet"/>), so a run asks once, not once per pair.</summary>
    void Prefetch(IReadOnlyList<(string First, string Second)> pairs);

    /// <summary>The kept outcome of the pair: the finding for each member, or nulls when the pair shares too little.</summary>
    bool TryGet(string first, string second, out TextReusePair outcome);

    /// <summary>Keeps an outcome just computed.</summary>
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

    /// <param name="excluded">Whether a pair (in ordinal order) is flagged a near-duplicate already: asked of each candidate, so the near-duplicate pairs need not be held.</param>
    public static ImmutableDictionary<string, ImmutableArray<TextReuseFinding>> Find(
        IReadOnlyList<(string Source, MinHashSignature Signature, IReadOnlyList<Sentence> Sentences)> items,
        Func<string, string, bool> excluded,
        DuplicateOptions options,
        ITextReuseMemo? memo = null)
    {
        var bySource = items.ToDictionary(i => i.Source, StringComparer.Ordinal);
        var fine = options with { Bands = options.HashCount / 2, Rows = 2, Threshold = MinimumJaccard(options) };
        // The fine bands pair nearly every two applications of one template: scanned, and only those left to compare kept.
        var candidates = new List<DuplicatePair>();
        if (options.HashCount % 2 == 0)
        {
            var index = NearDuplicateIndex.Build([.. items.Select(i => (i.Source, i.Signature))], fine);
            index.Scan((a, b, similarity) =>
            {
                var (first, second) = (index.Items[a], index.Items[b]);
                if (excluded(first.Source, second.Source)) return;
                if (Math.Max(EstimatedContainment(similarity, first.Signature.Shingles, second.Signature.Shingles),
                        EstimatedContainment(similarity, second.Signature.Shingles, first.Signature.Shingles))
                    >= options.ContainmentThreshold * 0.75)
                    candidates.Add(new DuplicatePair(first.Source, second.Source, similarity));
            });
        }

        var shingles = new Dictionary<string, HashSet<ulong>>(StringComparer.Ordinal);
        HashSet<ulong> ShinglesOf(string source) =>
            shingles.TryGetValue(source, out var set) ? set
            : shingles[source] = MinHasher.ShingleHashes(string.Join("\n", bySource[source].Sentences.Select(s => s.Text)), options.ShingleSize);

        // Cheap first (above): containment estimated from the signatures alone; only the pairs left are compared on their text.
        var compared = candidates.Select(pair => (pair.First, pair.Second)).ToList();
        memo?.Prefetch(compared);

        // A submission's text and shingles are let go after its last pair: on a call built on a few templates nearly
        // every application is in some pair, and holding all their texts to the end grows with N.
        var lastPair = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var k = 0; k < compared.Count; k++) (lastPair[compared[k].First], lastPair[compared[k].Second]) = (k, k);
        void Release(string source, int k)
        {
            if (lastPair[source] != k) return;
            shingles.Remove(source);
            if (bySource[source].Sentences is LazySentences lazy) lazy.Release();
        }

        var findings = new Dictionary<string, List<TextReuseFinding>>(StringComparer.Ordinal);
        for (var k = 0; k < compared.Count; k++)
        {
            var (first, second) = compared[k];
            if (memo is null || !memo.TryGet(first, second, out var outcome))
            {
                outcome = Compare(bySource[first], bySource[second], ShinglesOf(first), ShinglesOf(second), options);
                memo?.Keep(first, second, outcome);
            }
            if (outcome.First is { } onFirst) Add(findings, first, onFirst);
            if (outcome.Second is { } onSecond) Add(findings, second, onSecond);
            Release(first, k);
            Release(second, k);
        }
        return findings.ToImmutableDictionary(f => f.Key, f => f.Value.OrderBy(x => x.Other, StringComparer.Ordinal).ToImmutableArray(), StringComparer.Ordinal);
    }

    /// <summary>Two submissions compared on their text: how much of each is in the other, and the passages when it is enough.</summary>
    private static TextReusePair Compare(
        (string Source, MinHashSignature Signature, IReadOnlyList<Sentence> Sentences) a,
        (string Source, MinHashSignature Signature, IReadOnlyList<Sentence> Sentences) b,
        HashSet<ulong> sa, HashSet<ulong> sb, DuplicateOptions options)
    {
        if (sa.Count == 0 || sb.Count == 0) return new(null, null);
        var shared = sa.Count <= sb.Count ? sa.Count(sb.Contains) : sb.Count(sa.Contains);
        var aInB = (double)shared / sa.Count;
        var bInA = (double)shared / sb.Count;
        if (shared < options.MinimumSharedShingles || Math.Max(aInB, bInA) < options.ContainmentThreshold) return new(null, null);
        return new(
            new TextReuseFinding(b.Source, bInA, aInB, Passages(b.Sentences, a.Sentences, sa, options.ShingleSize)),
            new TextReuseFinding(a.Source, aInB, bInA, Passages(a.Sentences, b.Sentences, sb, options.ShingleSize)));
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
    private static ImmutableArray<ReusedPassage> Passages(IReadOnlyList<Sentence> source, IReadOnlyList<Sentence> target,
        HashSet<ulong> targetShingles, int size)
    {
        var reused = source
            .Select(s => (Sentence: s, Shingles: MinHasher.ShingleHashes(s.Text, size)))
            .Where(s => s.Shingles.Count >= 3 && s.Shingles.Count(targetShingles.Contains) >= SentenceShare * s.Shingles.Count)
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
