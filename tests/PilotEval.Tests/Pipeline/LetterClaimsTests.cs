using System.Text.RegularExpressions;
using PilotEval.Evidence;
using PilotEval.Language;
using PilotEval.Rubrics;
using PilotEval.Tests.Support;

namespace PilotEval.Tests.Pipeline;

/// <summary>
/// A feedback letter never tells an applicant that something is missing which its application states. Every
/// 「尚缺少的内容」 line of every letter of the sample run (the blind rewrites included) is traced to the signal that
/// wrote it, and the application's own sentences are searched for what that signal asks, by a reading simpler than the
/// matcher's: a keyword of the signal (or its synonym) outside names, in a clause the clause analyser reads as a
/// statement (not denied, not planned), and for a quantity signal a number of the rule's dimension in that sentence that
/// meets the bound. A line the search contradicts is a letter that lies.
/// </summary>
public sealed partial class LetterClaimsTests(SampleRunFixture run) : IClassFixture<SampleRunFixture>
{
    [SamplesFact]
    public void No_letter_says_missing_what_its_application_states()
    {
        var rubrics = TestHost.RepoRubrics();
        var lexicon = rubrics.Lexicon.Evidence;
        var checkedClaims = 0;
        var wrong = new List<string>();
        foreach (var a in run.Result.Run.Full().Where(a => a.Scorecard is not null && a.Track?.Track is not null))
        {
            var letter = File.ReadAllText(Path.Combine(run.OutputDirectory, "feedback", PilotEval.Publishing.ApplicantFeedback.FileName(a.Source)));
            var rubric = rubrics.Find(a.Track!.Track)!;
            var sentences = a.Sentences();
            foreach (var criterion in rubric.Criteria)
            {
                foreach (var line in LackingLines(letter, criterion.Name))
                {
                    // The plain claim 「未说明…」, alone or with what the text came close to; plans, slogans and the next
                    // level are other claims (QuoteConsistencyTests checks the shortfalls' numbers).
                    var signal = criterion.Signals.FirstOrDefault(s => line == s.Lacking || line.StartsWith(s.Lacking + "；", StringComparison.Ordinal));
                    if (signal is null || signal.Credential is not null) continue;
                    checkedClaims++;
                    if (sentences.Select(s => s.Text).FirstOrDefault(t => States(signal, t, lexicon)) is { } stated)
                        wrong.Add($"{a.Source} · {criterion.Name} · “{line}” but the application states: {stated}");
                }
            }
        }
        Assert.True(checkedClaims > 50, $"only {checkedClaims} claims were checked");
        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
    }

    /// <summary>The 「尚缺少的内容」 bullets under one criterion's heading of a letter.</summary>
    private static IEnumerable<string> LackingLines(string letter, string criterion)
    {
        var start = letter.IndexOf($"### {criterion}（", StringComparison.Ordinal);
        if (start < 0) yield break;
        var end = letter.IndexOf("\n### ", start + 1, StringComparison.Ordinal);
        var part = letter[start..(end < 0 ? letter.Length : end)];
        var lacking = part.IndexOf("尚缺少的内容", StringComparison.Ordinal);
        if (lacking < 0) yield break;
        foreach (Match m in Bullet().Matches(part[lacking..])) yield return m.Groups[1].Value.Trim();
    }

    /// <summary>Whether the sentence states what the signal asks for, read independently of the matcher.</summary>
    private static bool States(Signal signal, string sentence, EvidenceLexicon lexicon)
    {
        var words = lexicon.WithoutNames(sentence);
        var positions = new List<int>();
        if (!signal.Keywords.IsEmpty)
        {
            foreach (var word in signal.Keywords.SelectMany(k => lexicon.WordsFor(k).Prepend(k)).Distinct())
            {
                for (var i = words.IndexOf(word, StringComparison.OrdinalIgnoreCase); i >= 0; i = words.IndexOf(word, i + 1, StringComparison.OrdinalIgnoreCase))
                    positions.Add(i);
            }
        }
        else if (signal.Pattern is { } pattern)
        {
            positions.AddRange(pattern.Matches(words).Select(m => m.Index));
        }
        var stated = positions.Where(p => Stated(sentence, p, lexicon)).ToList();
        if (stated.Count == 0) return false;
        if (signal.Pattern is { } also && !signal.Keywords.IsEmpty && !also.IsMatch(words)) return false;
        if (signal.Quantity is not { } rule) return true;

        var units = lexicon.Units;
        return lexicon.Quantities.Find(sentence).Any(q =>
        {
            if (q.Role != QuantityRole.Achieved) return false;
            var unit = rule.Units.FirstOrDefault(u => units.Dimension(u) == q.Dimension);
            if (unit is null || (!rule.Units.Contains(q.Unit) && units.DimensionOf(q.Unit)?.Interchangeable != true)) return false;
            if (q.Index >= 0 && !Stated(sentence, q.Index, lexicon)) return false;
            var factor = units.Factor(unit);
            return (rule.Min is not { } min || q.BaseValue >= min * factor - 1e-9) && (rule.Max is not { } max || q.BaseUpTo <= max * factor + 1e-9);
        });
    }

    /// <summary>The clause at the position states it: not denied, not a plan, goal or promise.</summary>
    private static bool Stated(string sentence, int position, EvidenceLexicon lexicon)
    {
        var clause = lexicon.Clauses.Analyse(sentence).LastOrDefault(c => c.Start <= position);
        if (clause is null) return true;
        var local = position - clause.Start;
        return !clause.IsNegatedAt(local) && clause.ModalityAt(local) is Modality.Fact;
    }

    [GeneratedRegex(@"(?m)^- (.+)$")]
    private static partial Regex Bullet();
}
