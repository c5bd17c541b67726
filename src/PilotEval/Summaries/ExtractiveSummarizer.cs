using System.Text;
using System.Text.RegularExpressions;
using PilotEval.Documents;
using PilotEval.Evidence;

namespace PilotEval.Summaries;

/// <summary>
/// The offline summary: TextRank over sentences with character-bigram similarity, so it needs no
/// word segmenter or dictionary for Chinese. Deterministic: the same input gives the same bytes.
/// </summary>
public static partial class ExtractiveSummarizer
{
    public const int DefaultSentenceCount = 4;
    private const double Damping = 0.85;
    private const int Iterations = 40;

    /// <summary>
    /// The best <paramref name="count"/> sentences of the body paragraphs, in reading order. The evidence
    /// sentences split at ；too; a summary wants whole sentences, so their blocks are split again here.
    /// </summary>
    public static string Summarize(IReadOnlyList<Sentence> sentences, int count = DefaultSentenceCount)
    {
        var candidates = sentences
            .Select(s => s.Block)
            .Where(b => b.Kind is BlockKind.Paragraph or BlockKind.ListItem)
            .Distinct()
            .SelectMany(b => Split(b.Text))
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
    /// Whole Chinese sentences: ending in 。！？ (full- or half-width) or an ellipsis (…… / ...), with any
    /// closing quotes or brackets kept on the sentence they close. A decimal point (3.5亿) never ends one.
    /// </summary>
    public static IEnumerable<string> Split(string text)
    {
        foreach (Match match in WholeSentence().Matches(text))
        {
            var sentence = match.Value.Trim();
            if (sentence.Length > 1) yield return sentence;
        }
    }

    [GeneratedRegex(@"(?:[^。！？!?….]|\.(?!\.\.))+(?:[。！？!?]+|…+|\.{3,})?[”’」』）)]*|(?:…+|\.{3,})[”’」』）)]*")]
    private static partial Regex WholeSentence();

    /// <summary>PageRank over the sentence similarity graph.</summary>
    internal static double[] Rank(IReadOnlyList<string> sentences)
    {
        var n = sentences.Count;
        var bigrams = sentences.Select(Bigrams).ToArray();
        var weights = new double[n, n];
        var outSum = new double[n];
        for (var i = 0; i < n; i++)
        {
            for (var j = i + 1; j < n; j++)
            {
                var w = Similarity(bigrams[i], bigrams[j]);
                weights[i, j] = weights[j, i] = w;
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
                for (var j = 0; j < n; j++)
                {
                    if (outSum[j] > 0 && weights[j, i] > 0) sum += weights[j, i] / outSum[j] * rank[j];
                }
                next[i] = (1 - Damping) / n + Damping * sum;
            }
            (rank, next) = (next, rank);
        }
        return rank;
    }

    /// <summary>TextRank's overlap normalised by sentence length: shared bigrams over log lengths.</summary>
    internal static double Similarity(HashSet<string> a, HashSet<string> b)
    {
        if (a.Count < 2 || b.Count < 2) return 0;
        var (small, large) = a.Count <= b.Count ? (a, b) : (b, a);
        var shared = small.Count(large.Contains);
        return shared == 0 ? 0 : shared / (Math.Log(a.Count) + Math.Log(b.Count));
    }

    internal static HashSet<string> Bigrams(string sentence)
    {
        var letters = sentence.Where(char.IsLetterOrDigit).ToArray();
        var set = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < letters.Length; i++) set.Add(new string(letters, i, 2));
        return set;
    }
}
