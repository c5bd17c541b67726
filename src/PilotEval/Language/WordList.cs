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
/// <remarks>
/// Two orders of marking: the words Find looks for, longest first, words of one length competing by place (the
/// leftmost occurrence wins an overlap, 「实施工作」 is 实施 and 工作); the words it excludes, one after another in the
/// list's order, each from the start of the text.
/// </remarks>
public sealed class WordList<T>
{
    /// <summary>No words: what Find excludes when nothing is excluded.</summary>
    public static readonly WordList<T> Empty = new([], byPlace: false);

    private readonly string[] words;
    private readonly T[] tags;
    private readonly SearchValues<char> firsts;
    private readonly Dictionary<char, int[]> byFirst;
    private readonly int[] caseBlind;
    private readonly bool byPlace;

    /// <param name="words">The words, longest first when <paramref name="byPlace"/>, else in the order they are marked.</param>
    /// <param name="byPlace">Words of one length compete by place; otherwise each word is marked in turn.</param>
    internal WordList(IEnumerable<(string Word, T Tag)> words, bool byPlace)
    {
        this.byPlace = byPlace;
        // (An empty word is nowhere.)
        var list = words.Where(w => w.Word.Length > 0).ToArray();
        this.words = [.. list.Select(w => w.Word)];
        tags = [.. list.Select(w => w.Tag)];
        // A word of characters no case mapping touches (all Chinese, digits, punctuation) is found alike with case
        // ignored or not, so it is matched exactly; one with a cased letter (POC, ICP, ＩＣＰ) keeps the case-blind search.
        var exact = Enumerable.Range(0, list.Length).Where(i => !list[i].Word.Any(WordList.IsCased)).ToList();
        byFirst = exact.GroupBy(i => list[i].Word[0]).ToDictionary(g => g.Key, g => g.ToArray());
        firsts = SearchValues.Create([.. byFirst.Keys]);
        caseBlind = [.. Enumerable.Range(0, list.Length).Except(exact)];
    }

    internal string Word(int index) => words[index];

    internal T Tag(int index) => tags[index];

    /// <summary>
    /// Every occurrence of every word in <paramref name="text"/>, overlapping or not, as (order, start, word) sorted in
    /// the order Find marks them: by length, longest first, then by place, for the words Find looks for; word by word in
    /// the list's order, each from the start of the text, for the words it excludes.
    /// </summary>
    internal void Occurrences(string text, List<(int Order, int Start, int Word)> into)
    {
        var span = text.AsSpan();
        for (var at = span.IndexOfAny(firsts); at >= 0;)
        {
            foreach (var word in byFirst[span[at]])
            {
                if (span[at..].StartsWith(words[word], StringComparison.Ordinal)) into.Add((OrderOf(word), at, word));
            }
            var next = span[(at + 1)..].IndexOfAny(firsts);
            at = next < 0 ? -1 : at + 1 + next;
        }
        foreach (var word in caseBlind)
        {
            for (var at = text.IndexOf(words[word], StringComparison.OrdinalIgnoreCase); at >= 0; at = text.IndexOf(words[word], at + 1, StringComparison.OrdinalIgnoreCase))
                into.Add((OrderOf(word), at, word));
        }
        into.Sort();
    }

    /// <summary>What orders a word's occurrences before the place: its length (longest first), or its turn in the list.</summary>
    private int OrderOf(int word) => byPlace ? -words[word].Length : word;
}

/// <summary>
/// The <see cref="WordList{T}"/> of a list of the lexicon or of a rubric, made once and kept while the list lives: the
/// lists do not change during a run, and another lexicon or rubric set has lists (and so word lists) of its own.
/// </summary>
public static class WordList
{
    private static readonly ConditionalWeakTable<string[], WordList<bool>> LongestFirstLists = [];
    private static readonly ConditionalWeakTable<string[], WordList<bool>> InOrderLists = [];

    /// <summary>The words longest first, words of one length competing by place: how Find looks for words.</summary>
    public static WordList<bool> LongestFirst(ImmutableArray<string> words) =>
        words.IsDefaultOrEmpty ? WordList<bool>.Empty
            : LongestFirstLists.GetValue(ImmutableCollectionsMarshal.AsArray(words)!, list => new(list.OrderByDescending(w => w.Length).Select(w => (w, true)), byPlace: true));

    /// <summary>The words in the list's own order: how Find marks the words it excludes.</summary>
    public static WordList<bool> InOrder(ImmutableArray<string> words) =>
        words.IsDefaultOrEmpty ? WordList<bool>.Empty
            : InOrderLists.GetValue(ImmutableCollectionsMarshal.AsArray(words)!, list => new(list.Select(w => (w, true)), byPlace: false));

    /// <summary>Tagged words as <see cref="LongestFirst(ImmutableArray{string})"/> has them; kept while the list lives.</summary>
    public static WordList<T> LongestFirst<T>(ImmutableArray<(string Word, T Tag)> words) =>
        words.IsDefaultOrEmpty ? WordList<T>.Empty : Tagged<T>.Lists.GetValue(ImmutableCollectionsMarshal.AsArray(words)!,
            list => new(list.OrderByDescending(w => w.Word.Length), byPlace: true));

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
