using PilotEval.Evidence;
using PilotEval.Rubrics;

namespace PilotEval.Scoring;

/// <summary>
/// Runs the knock-out checks of <c>eligibility.yaml</c>. A check reads the cover field it names first,
/// then every sentence about its subject; negation and modality live in the check's patterns
/// (「未发生」 passes where 「发生」 fails, 「无法承诺」 fails).
/// </summary>
public static class EligibilityChecker
{
    public static IEnumerable<EligibilityResult> Check(EligibilityRules rules, CoverFields cover, IReadOnlyList<Sentence> sentences) =>
        rules.Checks.Select(check => Check(check, cover, sentences, rules.Plans));

    /// <param name="plans">Sentences matching this state an intention (eligibility.yaml <c>plans</c>) and never pass a check.</param>
    public static EligibilityResult Check(EligibilityCheck check, CoverFields cover, IReadOnlyList<Sentence> sentences,
        System.Text.RegularExpressions.Regex? plans = null)
    {
        if (check.CoverField is { } label && cover.Get(label) is { } field)
        {
            var quote = new Evidence.Evidence(field.Value, field.Location, check.Id);
            var verdict = Judge(check, field.Value) ?? !check.OtherwiseFails;
            if (!verdict && Alternative(check, sentences, plans) is { } other)
            {
                return new EligibilityResult(check.Id, check.Name, true,
                    $"{check.AlternativeReason}：「{Documents.TextNormalizer.Shorten(other.Quote, 80)}」", other);
            }
            return Result(check, verdict, $"{label}：{field.Value}", quote);
        }

        Evidence.Evidence? firstPass = null, firstFail = null;
        foreach (var sentence in sentences.Where(s => check.About.IsMatch(s.Text)))
        {
            var verdict = Judge(check, sentence.Text);
            // A plan is no proof: 「计划于2025年正式上线」 cannot pass a check.
            if (verdict == true && plans?.IsMatch(sentence.Text) == true) verdict = null;
            if (verdict is null && check.OtherwiseFails) verdict = false;
            if (verdict is null) continue;
            var quote = new Evidence.Evidence(sentence.Text, sentence.Block.Location, check.Id);
            if (verdict.Value) firstPass ??= quote;
            else firstFail ??= quote;
        }

        return (check.Precedence, firstPass, firstFail) switch
        {
            (Precedence.FailFirst, _, { } fail) => Result(check, false, fail.Quote, fail),
            (_, { } pass, _) => Result(check, true, pass.Quote, pass),
            (_, null, { } fail) => Result(check, false, fail.Quote, fail),
            _ => new EligibilityResult(check.Id, check.Name, false, check.MissingReason, null),
        };
    }

    /// <summary>The first sentence that passes the check another way; plans never do.</summary>
    private static Evidence.Evidence? Alternative(EligibilityCheck check, IReadOnlyList<Sentence> sentences,
        System.Text.RegularExpressions.Regex? plans) =>
        sentences.Where(s => check.Alternative.Any(p => p.IsMatch(s.Text)) && plans?.IsMatch(s.Text) != true)
            .Select(s => new Evidence.Evidence(s.Text, s.Block.Location, check.Id))
            .FirstOrDefault();

    /// <summary>True, false, or null when the text says nothing either way. Fail patterns are tried first.</summary>
    private static bool? Judge(EligibilityCheck check, string text)
    {
        if (check.Fail.Any(p => p.IsMatch(text))) return false;
        if (check.Pass.Any(p => p.IsMatch(text))) return true;
        return null;
    }

    private static EligibilityResult Result(EligibilityCheck check, bool passed, string statement, Evidence.Evidence quote) =>
        new(check.Id, check.Name, passed, $"{(passed ? check.PassReason : check.FailReason)}：「{Documents.TextNormalizer.Shorten(statement, 80)}」", quote);
}
