using System.Collections.Immutable;
using System.Text.RegularExpressions;
using PilotEval.Evidence;

namespace PilotEval.Language;

/// <summary>
/// Reads a sentence clause by clause (split by the one splitter, <see cref="Sentences.Clauses"/>), with the words of
/// the <see cref="Lexicon"/>. Negation, modality, time and subject are properties of the clause a predicate stands in,
/// not look-behinds on a keyword: 「本单位承诺申报材料真实有效，近三年未发生重大数据安全事件」 denies the incident
/// however far the 未 stands from it, and 「我单位暂无法…作出承诺」 contains no negation at all.
/// </summary>
public sealed partial class ClauseAnalyser
{
    private readonly ImmutableArray<string> negators;
    private readonly ImmutableArray<string> nonNegations;
    private readonly ImmutableArray<(string Word, Modality Modality)> modals;
    private readonly ImmutableArray<string> nonModals;
    private readonly ImmutableArray<(string Word, Tense Tense)> times;
    private readonly ImmutableArray<(string Word, Subject Subject)> subjects;
    private readonly int? referenceYear;

    /// <param name="referenceYear">
    /// The year the application is read in (the call year): a date after it is future, one up to it past. Without it
    /// a date counts as past, as dated statements in an application report history unless a plan marker says otherwise.
    /// </param>
    public ClauseAnalyser(Lexicon lexicon, int? referenceYear = null)
    {
        negators = lexicon.Words(Lexicon.Sections.Negators);
        nonNegations = lexicon.Words(Lexicon.Sections.NonNegations);
        modals = Longest(
            Tag(lexicon.Words(Lexicon.Sections.PlanMarkers), Modality.Plan),
            Tag(lexicon.Words(Lexicon.Sections.GoalMarkers), Modality.Goal),
            Tag(lexicon.Words(Lexicon.Sections.GuaranteeMarkers), Modality.Guarantee),
            Tag(lexicon.Words(Lexicon.Sections.InabilityMarkers), Modality.Inability));
        nonModals = lexicon.Words(Lexicon.Sections.NonModals);
        times = Longest(
            Tag(lexicon.Words(Lexicon.Sections.FutureMarkers), Tense.Future),
            Tag(lexicon.Words(Lexicon.Sections.OngoingMarkers), Tense.Ongoing),
            Tag(lexicon.Words(Lexicon.Sections.PastMarkers), Tense.Past));
        subjects = Longest(
            Tag(lexicon.Words(Lexicon.Sections.CustomerSubjects), Subject.Customer),
            Tag(lexicon.Words(Lexicon.Sections.ApplicantSubjects), Subject.Applicant));
        this.referenceYear = referenceYear;
    }

    /// <summary>The clauses of one sentence, each read in the light of the clauses before it.</summary>
    public ImmutableArray<Clause> Analyse(string sentence)
    {
        var result = ImmutableArray.CreateBuilder<Clause>();
        var modality = Modality.Fact;
        var topic = Subject.Applicant;
        foreach (var (start, text) in Sentences.Clauses(sentence))
        {
            var negated = Find(text, negators.Select(w => (w, true)), nonNegations).Select(m => new Marker(m.Word, m.Start));
            var modalMarkers = Find(text, modals, nonModals).Select(m => new ModalMarker(m.Word, m.Start, m.Tag)).ToImmutableArray();
            var subjectMarkers = Find(text, subjects, []).Select(m => new SubjectMarker(m.Word, m.Start, m.Tag)).ToImmutableArray();
            var timeMarkers = Find(text, times, []);
            var years = Years(text);

            // A clause that states a time of its own (已上线、目前、2023年) reports; it does not carry on an earlier plan.
            var ownFact = timeMarkers.Any(t => t.Tag is Tense.Past or Tense.Ongoing) || years.Any(y => !IsFuture(y));
            var inherited = ownFact ? Modality.Fact : modality;
            var clauseModality = modalMarkers.IsEmpty ? inherited : modalMarkers[0].Modality;
            var tense = TenseOf(clauseModality, timeMarkers, years);

            result.Add(new Clause(text, start, [.. negated], modalMarkers, subjectMarkers, inherited, topic, tense, years));
            modality = modalMarkers.IsEmpty ? inherited : modalMarkers[^1].Modality;
            if (!subjectMarkers.IsEmpty) topic = subjectMarkers[0].Subject;
        }
        return result.ToImmutable();
    }

    private Tense TenseOf(Modality modality, List<(string Word, int Start, Tense Tag)> markers, ImmutableArray<int> years)
    {
        if (modality is Modality.Plan or Modality.Goal) return Tense.Future;
        if (markers.Any(m => m.Tag == Tense.Future) || years.Any(IsFuture)) return Tense.Future;
        if (markers.Any(m => m.Tag == Tense.Past) || !years.IsEmpty) return Tense.Past;
        if (markers.Any(m => m.Tag == Tense.Ongoing)) return Tense.Ongoing;
        return Tense.Unstated;
    }

    private bool IsFuture(int year) => referenceYear is { } now && year > now;

    /// <summary>
    /// Occurrences of the words in <paramref name="text"/>, longest word first and never overlapping one another or an
    /// excluded word (「无法」 hides its 无 from the negators).
    /// </summary>
    private static List<(string Word, int Start, T Tag)> Find<T>(string text, IEnumerable<(string Word, T Tag)> words, IEnumerable<string> excluded)
    {
        var taken = new bool[text.Length];
        foreach (var word in excluded) Mark(text, word, taken, (_, _) => { });
        var found = new List<(string Word, int Start, T Tag)>();
        foreach (var (word, tag) in words.OrderByDescending(w => w.Word.Length))
        {
            Mark(text, word, taken, (start, _) => found.Add((word, start, tag)));
        }
        found.Sort((a, b) => a.Start.CompareTo(b.Start));
        return found;
    }

    private static void Mark(string text, string word, bool[] taken, Action<int, int> onFound)
    {
        for (var at = text.IndexOf(word, StringComparison.Ordinal); at >= 0; at = text.IndexOf(word, at + 1, StringComparison.Ordinal))
        {
            if (Enumerable.Range(at, word.Length).Any(i => taken[i])) continue;
            for (var i = at; i < at + word.Length; i++) taken[i] = true;
            onFound(at, word.Length);
        }
    }

    private static ImmutableArray<int> Years(string text) =>
        [.. YearPattern().Matches(text).Select(m => int.Parse(ChineseDigits(m.Groups[1].Value), System.Globalization.CultureInfo.InvariantCulture))
            .Where(y => y is >= 1990 and <= 2100)];

    private static string ChineseDigits(string year) =>
        string.Concat(year.Select(c => "〇一二三四五六七八九".IndexOf(c) is var d and >= 0 ? (char)('0' + d) : c == '零' ? '0' : c));

    private static ImmutableArray<(string Word, T Tag)> Tag<T>(ImmutableArray<string> words, T tag) => [.. words.Select(w => (w, tag))];

    /// <summary>Merged lists, longest word first, so 将会 wins over a shorter marker inside it.</summary>
    private static ImmutableArray<(string Word, T Tag)> Longest<T>(params ImmutableArray<(string Word, T Tag)>[] lists) =>
        [.. lists.SelectMany(l => l).OrderByDescending(w => w.Word.Length)];

    [GeneratedRegex(@"((?:19|20)\d{2}|[一二〇零][〇零一二三四五六七八九]{3})\s*年")]
    private static partial Regex YearPattern();
}
