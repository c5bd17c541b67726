using System.Text;
using PilotEval.Documents;
using PilotEval.Evidence;

namespace PilotEval.Summaries;

/// <summary>
/// The offline summary: TextRank over sentences with character-bigram similarity, so it needs no
/// word segmenter or dictionary for Chinese. Deterministic: the same input gives the same bytes.
/// </summary>
public static class ExtractiveSummarizer
{
    public const int DefaultSentenceCount = 4;
    private const double Damping = 0.85;
    private const int Iterations = 40;

    /// <summary>
    /// The best <paramref name="count"/> sentences of the body paragraphs, in reading order. The evidence
    /// sentences split at ；too; a summary wants whole sentences, so their blocks are split again (by the one splitter,
    /// <see cref="Sentences.Whole"/>).
    /// </summary>
    public static string Summarize(IReadOnlyList<Sentence> sentences, int count = DefaultSentenceCount)
    {
        var candidates = sentences
            .Select(s => s.Block)
            // Text recognised from a scan is the body of a scanned application: without it a scan has no summary.
            .Where(b => b.Kind is BlockKind.Paragraph or BlockKind.ListItem or BlockKind.Ocr)
            .Distinct()
            .SelectMany(b => Sentences.Whole(b.Text))
            .Where(s => s.Length is >= 12 and <= 240)
            .Distinct(StringComparer.Ordinal)
            .ToList();
        if (candidates.Count == 0) return "";

        var ranks = Rank(candidates);
        var chosen = Enumerable.Range(0, candidates.Count)
            .OrderByDescending(i => ranks[i]).ThenBy(i => i)
            .Take(count)
            .Order();
        var summary = new StringBuilder();
        foreach (var i in chosen) summary.Append(candidates[i]);
        return summary.ToString();
    }

    /// <summary>
    /// PageRank over the sentence similarity graph. The graph is kept as lists of each sentence's neighbours (most
    /// pairs of sentences share no bigram), and bigrams as sorted integer arrays intersected by a merge: the same
    /// ranks, to the last bit, as a dense n×n matrix of string-set intersections, at a fraction of the cost.
    /// </summary>
    internal static double[] Rank(IReadOnlyList<string> sentences)
    {
        var n = sentences.Count;
        var bigrams = sentences.Select(Bigrams).ToArray();
        var neighbours = new List<(int Node, double Weight)>[n];
        for (var i = 0; i < n; i++) neighbours[i] = [];
        var outSum = new double[n];
        for (var i = 0; i < n; i++)
        {
            for (var j = i + 1; j < n; j++)
            {
                var w = Similarity(bigrams[i], bigrams[j]);
                if (w <= 0) continue;
                // Appended in ascending order of the other node, for i and for j alike: sums below run as before.
                neighbours[i].Add((j, w));
                neighbours[j].Add((i, w));
                outSum[i] += w;
                outSum[j] += w;
            }
        }

        var rank = Enumerable.Repeat(1.0 / n, n).ToArray();
        var next = new double[n];
        for (var iteration = 0; iteration < Iterations; iteration++)
        {
            for (var i = 0; i < n; i++)
            {
                double sum = 0;
                foreach (var (j, w) in neighbours[i]) sum += w / outSum[j] * rank[j];
                next[i] = (1 - Damping) / n + Damping * sum;
            }
            (rank, next) = (next, rank);
        }
        return rank;
    }

    /// <summary>TextRank's overlap normalised by sentence length: shared bigrams over log lengths.</summary>
    internal static double Similarity(int[] a, int[] b)
    {
        if (a.Length < 2 || b.Length < 2) return 0;
        int shared = 0, x = 0, y = 0;
        while (x < a.Length && y < b.Length)
        {
            if (a[x] == b[y])
            {
                shared++;
                x++;
                y++;
            }
            else if (a[x] < b[y]) x++;
            else y++;
        }
        return shared == 0 ? 0 : shared / (Math.Log(a.Length) + Math.Log(b.Length));
    }

    /// <summary>The distinct character bigrams of the sentence's letters and digits, each packed into one integer, sorted.</summary>
    internal static int[] Bigrams(string sentence)
    {
        var letters = sentence.Where(char.IsLetterOrDigit).ToArray();
        if (letters.Length < 2) return [];
        var packed = new int[letters.Length - 1];
        for (var i = 0; i + 1 < letters.Length; i++) packed[i] = (letters[i] << 16) | letters[i + 1];
        Array.Sort(packed);
        var distinct = 0;
        for (var i = 0; i < packed.Length; i++)
        {
            if (i == 0 || packed[i] != packed[distinct - 1]) packed[distinct++] = packed[i];
        }
        return packed[..distinct];
    }
}
