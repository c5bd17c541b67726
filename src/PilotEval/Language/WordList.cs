using System.Buffers;
using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace PilotEval.Language;

/// <summary>
/// A word list made ready for <see cref="ClauseAnalyser.Find{T}"/>, the one word finder: its words in the order Find
/// marks them, and those that case cannot affect indexed by their first character, so a clause is scanned once for the
/// whole list rather than once per word. Finding words was most of the scoring stage's time when every call sorted its
/// list again and searched each word with case ignored.
/// </summary>
public sealed class WordList<T>
{
    /// <summary>No words: what Find excludes when nothing is excluded.</summary>
    public static readonly WordList<T> Empty = new([]);

    private readonly string[] words;
    private readonly T[] tags;
    private readonly SearchValues<char> firsts;
    private readonly Dictionary<char, int[]> byFirst;
    private readonly int[] caseBlind;

    /// <param name="words">The words in the order Find is to mark them.</param>
    internal WordList(IEnumerable<(string Word, T Tag)> words)
    {
        var list = words.ToArray();
        this.words = [.. list.Select(w => w.Word)];
        tags = [.. list.Select(w => w.Tag)];
        // A word of characters no case mapping touches (all Chinese, digits, punctuation) is found alike with case
        // ignored or not, so it is matched exactly; one with a cased letter (POC, ICP, ＩＣＰ) keeps the case-blind search.
        var exact = Enumerable.Range(0, list.Length).Where(i => list[i].Word.Length > 0 && !list[i].Word.Any(WordList.IsCased)).ToList();
        byFirst = exact.GroupBy(i => list[i].Word[0]).ToDictionary(g => g.Key, g => g.ToArray());
        firsts = SearchValues.Create([.. byFirst.Keys]);
        caseBlind = [.. Enumerable.Range(0, list.Length).Except(exact)];
    }

    internal string Word(int index) => words[index];

    internal T Tag(int index) => tags[index];

    /// <summary>
    /// Every occurrence of every word in <paramref name="text"/>, overlapping or not, as (word, start) in the order Find
    /// marks them: word by word in the list's order, each word from the start of the text on.
    /// </summary>
    internal void Occurrences(string text, List<(int Word, int Start)> into)
    {
        var span = text.AsSpan();
        for (var at = span.IndexOfAny(firsts); at >= 0;)
        {
            foreach (var word in byFirst[span[at]])
            {
                if (span[at..].StartsWith(words[word], StringComparison.Ordinal)) into.Add((word, at));
            }
            var next = span[(at + 1)..].IndexOfAny(firsts);
            at = next < 0 ? -1 : at + 1 + next;
        }
        foreach (var word in caseBlind)
        {
            for (var at = text.IndexOf(words[word], StringComparison.OrdinalIgnoreCase); at >= 0; at = text.IndexOf(words[word], at + 1, StringComparison.OrdinalIgnoreCase))
                into.Add((word, at));
        }
        into.Sort();
    }
}

/// <summary>
/// The <see cref="WordList{T}"/> of a list of the lexicon or of a rubric, made once and kept while the list lives: the
/// lists do not change during a run, and another lexicon or rubric set has lists (and so word lists) of its own.
/// </summary>
public static class WordList
{
    private static readonly ConditionalWeakTable<string[], WordList<bool>> LongestFirstLists = [];
    private static readonly ConditionalWeakTable<string[], WordList<bool>> InOrderLists = [];

    /// <summary>The words longest first, in the list's order among words of one length: how Find looks for words.</summary>
    public static WordList<bool> LongestFirst(ImmutableArray<string> words) =>
        words.IsDefaultOrEmpty ? WordList<bool>.Empty
            : LongestFirstLists.GetValue(ImmutableCollectionsMarshal.AsArray(words)!, list => new(list.OrderByDescending(w => w.Length).Select(w => (w, true))));

    /// <summary>The words in the list's own order: how Find marks the words it excludes.</summary>
    public static WordList<bool> InOrder(ImmutableArray<string> words) =>
        words.IsDefaultOrEmpty ? WordList<bool>.Empty
            : InOrderLists.GetValue(ImmutableCollectionsMarshal.AsArray(words)!, list => new(list.Select(w => (w, true))));

    /// <summary>Tagged words longest first, in the list's order among words of one length; kept while the list lives.</summary>
    public static WordList<T> LongestFirst<T>(ImmutableArray<(string Word, T Tag)> words) =>
        words.IsDefaultOrEmpty ? WordList<T>.Empty : Tagged<T>.Lists.GetValue(ImmutableCollectionsMarshal.AsArray(words)!,
            list => new(list.OrderByDescending(w => w.Word.Length)));

    private static class Tagged<T>
    {
        public static readonly ConditionalWeakTable<(string Word, T Tag)[], WordList<T>> Lists = [];
    }

    /// <summary>
    /// Whether case can matter for <paramref name="c"/>: it has an upper or lower case, or is the case of another
    /// character (the Kelvin sign's lower case is k). Surrogates count as cased: a letter beyond the first plane may be.
    /// </summary>
    internal static bool IsCased(char c) => Cased.Value[c];

    private static readonly Lazy<bool[]> Cased = new(() =>
    {
        var cased = new bool[char.MaxValue + 1];
        for (var i = 0; i <= char.MaxValue; i++)
        {
            var c = (char)i;
            if (char.IsSurrogate(c))
            {
                cased[c] = true;
                continue;
            }
            var upper = char.ToUpperInvariant(c);
            var lower = char.ToLowerInvariant(c);
            if (upper != c || lower != c) cased[c] = cased[upper] = cased[lower] = true;
        }
        return cased;
    });
}
