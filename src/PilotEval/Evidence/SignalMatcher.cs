using System.Collections.Immutable;
using System.Globalization;
using PilotEval.Rubrics;

namespace PilotEval.Evidence;

/// <summary>Finds the sentences that satisfy each signal of a criterion, and says why each one counted.</summary>
public static class SignalMatcher
{
    /// <summary>Quotes kept per signal: enough for a panel to check, few enough to read.</summary>
    public const int MaxQuotesPerSignal = 3;

    public static CriterionEvidence Match(Criterion criterion, IReadOnlyList<Sentence> sentences) =>
        Match(criterion, sentences, criterion.NegativeSignals ?? NegativeSignals.None, SectionMap.Empty);

    /// <param name="negative">The rubric's discounts for plans and slogans (a criterion's own override them).</param>
    /// <param name="sections">Where each quote stands in the application, for the panel.</param>
    public static CriterionEvidence Match(Criterion criterion, IReadOnlyList<Sentence> sentences,
        NegativeSignals negative, SectionMap sections)
    {
        negative = criterion.NegativeSignals ?? negative;
        var signals = ImmutableArray.CreateBuilder<SignalEvidence>();
        var nearMisses = ImmutableArray.CreateBuilder<NearMiss>();
        foreach (var signal in criterion.Signals)
        {
            var items = sentences
                .Select(s => (Sentence: s, Why: Test(signal, s.Text)))
                .Where(m => m.Why is not null)
                .Select(m => Quote(signal, m.Sentence, m.Why!, negative, sections))
                // Achieved, specific results first: they are what earns full points.
                .OrderBy(e => e.IsSubstantive ? 0 : 1)
                .Take(MaxQuotesPerSignal)
                .ToImmutableArray();
            if (!items.IsEmpty)
            {
                signals.Add(new SignalEvidence(signal.Id, items));
            }
            else if (sentences.Select(s => (s, Shortfall(signal, s.Text))).FirstOrDefault(m => m.Item2 is not null) is { Item2: { } shortfall } miss)
            {
                nearMisses.Add(new NearMiss(signal.Id, shortfall, miss.s.Block.Location));
            }
        }
        return new CriterionEvidence(criterion.Id, signals.ToImmutable()) { NearMisses = nearMisses.ToImmutable() };
    }

    private static Evidence Quote(Signal signal, Sentence sentence, string why, NegativeSignals negative, SectionMap sections)
    {
        var plan = negative.IsPlan(sentence.Text);
        var slogan = !plan && negative.IsSlogan(sentence.Text);
        var change = ChineseQuantity.FindChanges(sentence.Text).FirstOrDefault();
        if (change is not null && signal.Kind != SignalKind.Change) why += $"；{Describe(change)}";
        return new Evidence(sentence.Text, sentence.Block.Location, signal.Id, plan, slogan)
        {
            Section = sections.PathOf(sentence.Block.Location),
            Kind = RubricLoader.KindName(signal.Kind),
            Why = why,
            Credit = plan || slogan ? negative.Share : 1,
        };
    }

    public static bool Satisfies(Signal signal, string sentence) => Test(signal, sentence) is not null;

    /// <summary>Why the sentence satisfies the signal, in plain Chinese; null when it does not.</summary>
    public static string? Test(Signal signal, string sentence)
    {
        var reasons = new List<string>();
        if (!signal.Keywords.IsEmpty)
        {
            var keyword = signal.Keywords.FirstOrDefault(k => sentence.Contains(k, StringComparison.OrdinalIgnoreCase));
            if (keyword is null) return null;
            reasons.Add($"含“{keyword}”");
        }
        if (signal.Pattern is not null)
        {
            var match = signal.Pattern.Match(sentence);
            if (!match.Success) return null;
            if (signal.Keywords.IsEmpty) reasons.Add($"含“{match.Value}”");
        }
        if (signal.Quantity is { } rule)
        {
            var quantity = ChineseQuantity.Find(sentence).FirstOrDefault(q => Within(rule, q));
            if (quantity is null) return null;
            reasons.Add(Describe(rule, quantity));
        }
        if (signal.Kind == SignalKind.Change)
        {
            var change = ChineseQuantity.FindChanges(sentence).FirstOrDefault(c => signal.Quantity is null || Within(signal.Quantity, c.After));
            if (change is null) return null;
            reasons.Add(Describe(change));
        }
        if (signal.Credential is { } credential)
        {
            var found = CredentialMatch(signal.Kind, credential, sentence);
            if (found is null) return null;
            reasons.Add(found);
        }
        return string.Join("；", reasons);
    }

    /// <summary>Credentials of the signal's kind that the rule accepts, described; null when none qualifies.</summary>
    private static string? CredentialMatch(SignalKind kind, CredentialRule rule, string sentence)
    {
        var accepted = Credentials.Find(sentence).Where(c => Qualifies(kind, rule, c)).ToList();
        if (accepted.Count == 0) return null;
        if (rule.MinCount is { } min)
        {
            // 「发明专利授权3项、受理2项」 holds 3 granted patents; a stated mention without a number is one.
            var count = accepted.Sum(c => c.Count ?? 1);
            if (count < min) return null;
            return $"{string.Join("、", accepted.Select(c => c.Describe()))}，合计 {count} 项 ≥ {min} 项";
        }
        return string.Join("、", accepted.Select(c => c.Describe()).Distinct());
    }

    private static bool Qualifies(SignalKind kind, CredentialRule rule, Credential c)
    {
        var expected = kind switch
        {
            SignalKind.Certification => CredentialKind.Certification,
            SignalKind.Standard => CredentialKind.Standard,
            SignalKind.Patent => CredentialKind.Patent,
            _ => CredentialKind.SoftwareCopyright,
        };
        if (c.Kind != expected) return false;
        if (rule.GrantedOnly && c.Pending) return false;
        if (rule.DraftedOnly && !c.Drafted) return false;
        if (rule.Accept.IsEmpty) return true;
        return c.Kind switch
        {
            CredentialKind.Certification => rule.Accept.Any(a => a.Name == c.Scheme && (a.MinLevel is null || c.Level >= a.MinLevel)),
            CredentialKind.Standard => rule.Accept.Any(a => c.Scheme.StartsWith(a.Name, StringComparison.OrdinalIgnoreCase) || c.Scheme == a.Name),
            _ => rule.Accept.Any(a => a.Name == "专利" || a.Name == c.Scheme),
        };
    }

    /// <summary>
    /// What a sentence about the signal's subject lacks: a number below the bound, a certificate below the level,
    /// patents that are only pending. Null when the sentence is not about the subject or nothing is measurable.
    /// </summary>
    public static string? Shortfall(Signal signal, string sentence)
    {
        if (!signal.Keywords.IsEmpty && !signal.Keywords.Any(k => sentence.Contains(k, StringComparison.OrdinalIgnoreCase))) return null;
        if (signal.Pattern is not null && !signal.Pattern.IsMatch(sentence)) return null;
        if (signal.Quantity is { } rule && (rule.Min is not null || rule.Max is not null))
        {
            var sameDimension = ChineseQuantity.Find(sentence)
                .FirstOrDefault(q => rule.Units.Any(u => u == q.Unit || ChineseQuantity.Dimension(u) == ChineseQuantity.Dimension(q.Unit) && ChineseQuantity.Dimension(u) != "items"));
            if (sameDimension is not null && !Within(rule, sameDimension))
                return $"申报书写明“{sameDimension.Text}”，{Bound(rule)}";
        }
        if (signal.Credential is { } credential)
        {
            var loose = credential with { GrantedOnly = false, DraftedOnly = false, MinCount = null, Accept = [.. credential.Accept.Select(a => a with { MinLevel = null })] };
            var near = Credentials.Find(sentence).Where(c => Qualifies(signal.Kind, loose, c)).ToList();
            if (near.Count > 0) return $"申报书写明“{string.Join("、", near.Select(c => c.Describe()).Distinct())}”，未达到要求";
        }
        return null;
    }

    private static bool Within(QuantityRule rule, Quantity quantity)
    {
        var dimension = ChineseQuantity.Dimension(quantity.Unit);
        // Without bounds the units say what kind of number to look for (课时, not 「近三年」); with bounds they
        // convert, so 35 分钟 meets ≤ 1 小时.
        var unbounded = rule.Min is null && rule.Max is null;
        var unit = rule.Units.FirstOrDefault(u => u == quantity.Unit) ??
                   (unbounded ? null : rule.Units.FirstOrDefault(u => ChineseQuantity.Dimension(u) == dimension && dimension != "items"));
        if (unit is null) return false;
        // Bounds are written in the rule's first matching unit; compare in base units. A range is judged
        // by its unfavourable end: 「10至20家」 is not proof of ≥ 15 家.
        var factor = ChineseQuantity.Factor(unit);
        if (rule.Min is { } min && quantity.BaseValue < min * factor) return false;
        if (rule.Max is { } max && quantity.BaseUpTo > max * factor) return false;
        return true;
    }

    private static string Describe(QuantityRule rule, Quantity quantity) =>
        rule.Min is null && rule.Max is null ? $"写明“{quantity.Text}”" : $"“{quantity.Text}”{Satisfied(rule)}";

    private static string Satisfied(QuantityRule rule)
    {
        var unit = rule.Units[0];
        return (rule.Min, rule.Max) switch
        {
            ({ } min, { } max) => $"在 {Format(min)}–{Format(max)} {unit} 之间",
            ({ } min, null) => $" ≥ {Format(min)} {unit}",
            (null, { } max) => $" ≤ {Format(max)} {unit}",
            _ => "",
        };
    }

    private static string Bound(QuantityRule rule)
    {
        var unit = rule.Units[0];
        return (rule.Min, rule.Max) switch
        {
            ({ } min, { } max) => $"不在要求的 {Format(min)}–{Format(max)} {unit} 之间",
            ({ } min, null) => $"未达到 {Format(min)} {unit}",
            (null, { } max) => $"超过要求的 {Format(max)} {unit}",
            _ => "",
        };
    }

    public static string Describe(BeforeAfter change) =>
        change.Change is { } ratio
            ? $"{change.Before.Text} → {change.After.Text}（{(ratio < 0 ? "下降" : "提高")} {Math.Abs(ratio) * 100:0.#}%）"
            : $"{change.Before.Text} → {change.After.Text}";

    private static string Format(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);
}
