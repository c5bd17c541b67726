using System.Collections.Immutable;
using PilotEval.Language;
using PilotEval.Tests.Support;

namespace PilotEval.Tests.Language;

/// <summary>
/// The word finder with prepared lists finds what it found when it sorted every list at every call and searched each
/// word with case ignored: the same words at the same places, for the lexicon's and the eligibility rules' lists.
/// </summary>
public sealed class WordListTests
{
    private static readonly PilotEval.Rubrics.RubricSet Repo = TestHost.RepoRubrics();

    private static ImmutableArray<string> Words(string section) => Repo.Lexicon.Words(section);

    [Fact]
    public void Ascii_words_are_found_whatever_their_case_and_full_width_ones_too()
    {
        var found = ClauseAnalyser.Find("完成poc验证，取得ｉｃｐ许可证，Icp备案", WordList.LongestFirst(["POC", "ＩＣＰ", "ICP"]));

        Assert.Equal([("POC", 2), ("ＩＣＰ", 10), ("ICP", 17)], found.Select(f => (f.Word, f.Start)));
    }

    [Fact]
    public void Excluded_words_are_marked_in_their_own_order_and_found_words_longest_first_then_by_place()
    {
        // 「无法定」: 无法 marked first hides 无; 法定 marked first leaves it to be found.
        Assert.Empty(ClauseAnalyser.Find("无法定", WordList.LongestFirst(["无"]), WordList.InOrder(["无法", "法定"])));
        Assert.Equal(["无"], ClauseAnalyser.Find("无法定", WordList.LongestFirst(["无"]), WordList.InOrder(["法定", "无法"])).Select(f => f.Word));
        // Words of one length compete by place: 「实施工作」 is 实施 and 工作, not 施工, whatever the list's order.
        Assert.Equal(["实施", "工作"], ClauseAnalyser.Find("实施工作", WordList.LongestFirst(["施工", "工作", "实施"])).Select(f => f.Word));
        // 「未发生」 is taken whole before 未 or 发生 can be.
        Assert.Equal([("未发生", 0), ("未", 4)], ClauseAnalyser.Find("未发生，未", WordList.LongestFirst(["未", "发生", "未发生"])).Select(f => (f.Word, f.Start)));
    }

    [Fact]
    public void A_list_is_prepared_once_while_it_lives()
    {
        var negators = Words(Lexicon.Sections.Negators);

        Assert.Same(WordList.LongestFirst(negators), WordList.LongestFirst(negators));
        Assert.Same(WordList.InOrder(negators), WordList.InOrder(negators));
        Assert.NotSame(WordList.LongestFirst(negators), WordList.LongestFirst([.. negators]));
    }

    [Fact]
    public void Finds_what_the_unprepared_finder_found_in_random_texts_of_lexicon_and_rule_words()
    {
        var lists = new List<(ImmutableArray<string> Words, ImmutableArray<string> Excluded)>
        {
            (Words(Lexicon.Sections.Negators), Words(Lexicon.Sections.NonNegations)),
            (Words(Lexicon.Sections.CauseMarkers), Words(Lexicon.Sections.NonCauses)),
            ([.. Words(Lexicon.Sections.PlanMarkers), .. Words(Lexicon.Sections.GoalMarkers), .. Words(Lexicon.Sections.ConditionMarkers)],
                Words(Lexicon.Sections.NonModals)),
            ([.. Words(Lexicon.Sections.CustomerSubjects), .. Words(Lexicon.Sections.ApplicantSubjects)], Words(Lexicon.Sections.NonSubjects)),
        };
        lists.AddRange(Repo.Eligibility.Checks.SelectMany(c => c.Words.Values).Select(w => (w, ImmutableArray<string>.Empty)));
        var vocabulary = lists.SelectMany(l => l.Words.Concat(l.Excluded)).Distinct().ToArray();
        // Every word in one list, too: words of one length meeting in a text are what ordering by place settles.
        lists.Add(([.. vocabulary], Words(Lexicon.Sections.NonNegations)));
        var random = new Random(14);
        var compared = 0;
        for (var n = 0; n < 1500; n++)
        {
            var text = RandomText(random, vocabulary);
            foreach (var (words, excluded) in lists)
            {
                var expected = Unprepared(text, words, excluded);
                var found = ClauseAnalyser.Find(text, WordList.LongestFirst(words), WordList.InOrder(excluded));
                Assert.Equal(expected, found.Select(f => (f.Word, f.Start)));
                compared += found.Count;
            }
        }
        Assert.True(compared > 1000, $"the random texts hold too few words to compare ({compared})");
    }

    /// <summary>
    /// Words of the lists run together with their beginnings and ends, fillers, ASCII in either case and punctuation:
    /// a word's end running into another's beginning makes the overlaps the finder must settle.
    /// </summary>
    private static string RandomText(Random random, string[] vocabulary)
    {
        var parts = new List<string>();
        for (var i = random.Next(1, 14); i > 0; i--)
        {
            var word = vocabulary[random.Next(vocabulary.Length)];
            parts.Add(random.Next(8) switch
            {
                0 => "，",
                1 => "的数据平台"[..random.Next(1, 6)],
                2 => random.Next(2) == 0 ? "poc" : "ICP",
                3 => word[random.Next(word.Length)..],
                4 => word[..random.Next(1, word.Length + 1)],
                _ => word,
            });
        }
        return string.Concat(parts);
    }

    /// <summary>
    /// The finder as it was: every call sorts the words and searches each with case ignored; excluded words are marked
    /// one after another, the words found by length, longest first, those of one length by place.
    /// </summary>
    private static List<(string Word, int Start)> Unprepared(string text, ImmutableArray<string> words, ImmutableArray<string> excluded)
    {
        var taken = new bool[text.Length];
        foreach (var word in excluded)
        {
            foreach (var at in Occurrences(word)) Take(at, word.Length);
        }
        var found = new List<(string Word, int Start)>();
        foreach (var sameLength in words.Where(w => w.Length > 0).GroupBy(w => w.Length).OrderByDescending(g => g.Key))
        {
            foreach (var (word, at) in sameLength.SelectMany(w => Occurrences(w).Select(at => (w, at))).OrderBy(c => c.at))
            {
                if (Take(at, word.Length)) found.Add((word, at));
            }
        }
        return [.. found.OrderBy(f => f.Start)];

        List<int> Occurrences(string word)
        {
            var all = new List<int>();
            for (var at = text.IndexOf(word, StringComparison.OrdinalIgnoreCase); at >= 0; at = text.IndexOf(word, at + 1, StringComparison.OrdinalIgnoreCase)) all.Add(at);
            return all;
        }

        bool Take(int at, int length)
        {
            if (Enumerable.Range(at, length).Any(i => taken[i])) return false;
            for (var i = at; i < at + length; i++) taken[i] = true;
            return true;
        }
    }
}
