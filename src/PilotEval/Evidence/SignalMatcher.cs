using System.Collections.Immutable;
using System.Text.RegularExpressions;
using PilotEval.Rubrics;

namespace PilotEval.Evidence;

/// <summary>Finds the sentences that satisfy each signal of a criterion.</summary>
public static partial class SignalMatcher
{
    /// <summary>Quotes kept per signal: enough for a panel to check, few enough to read.</summary>
    public const int MaxQuotesPerSignal = 3;

    public static CriterionEvidence Match(Criterion criterion, IReadOnlyList<Sentence> sentences)
    {
        var signals = ImmutableArray.CreateBuilder<SignalEvidence>();
        foreach (var signal in criterion.Signals)
        {
            var items = sentences
                .Where(s => Satisfies(signal, s.Text))
                .Select(s => new Evidence(s.Text, s.Block.Location, signal.Id, IsProspective(s.Text), IsVague(s.Text)))
                // Achieved, specific results first: they are what earns full points.
                .OrderBy(e => e.IsSubstantive ? 0 : 1)
                .Take(MaxQuotesPerSignal)
                .ToImmutableArray();
            if (!items.IsEmpty) signals.Add(new SignalEvidence(signal.Id, items));
        }
        return new CriterionEvidence(criterion.Id, signals.ToImmutable());
    }

    public static bool Satisfies(Signal signal, string sentence)
    {
        if (!signal.Keywords.IsEmpty && !signal.Keywords.Any(k => sentence.Contains(k, StringComparison.OrdinalIgnoreCase)))
            return false;
        if (signal.Pattern is not null && !signal.Pattern.IsMatch(sentence)) return false;
        if (signal.Quantity is { } rule && !ChineseQuantity.Find(sentence).Any(q => Within(rule, q))) return false;
        return true;
    }

    private static bool Within(QuantityRule rule, Quantity quantity)
    {
        var dimension = ChineseQuantity.Dimension(quantity.Unit);
        var unit = rule.Units.FirstOrDefault(u => u == quantity.Unit) ??
                   rule.Units.FirstOrDefault(u => ChineseQuantity.Dimension(u) == dimension && dimension != "items");
        if (unit is null) return false;
        // Bounds are written in the rule's first matching unit; compare in base units.
        var factor = ChineseQuantity.Factor(unit);
        if (rule.Min is { } min && quantity.BaseValue < min * factor) return false;
        if (rule.Max is { } max && quantity.BaseValue > max * factor) return false;
        return true;
    }

    /// <summary>
    /// A slogan: praise words (全面、显著、领先、全方位…) in a sentence that states no number at all.
    /// Applicants who achieved something say how much.
    /// </summary>
    public static bool IsVague(string sentence) =>
        SloganPattern().IsMatch(sentence) && !sentence.Any(char.IsAsciiDigit) && !ChineseQuantity.Find(sentence).Any();

    [GeneratedRegex(@"全面|显著|大幅|领先|一流|先进水平|全方位|立体化|有效提升|良好(的)?成效|高度重视|进一步|充分|极大|广泛|率先")]
    private static partial Regex SloganPattern();

    /// <summary>Plans, goals and intentions: 拟、目标是、计划、将于、预计… A claim about the future is not a result.</summary>
    public static bool IsProspective(string sentence) => ProspectivePattern().IsMatch(sentence);

    // 「模拟」「虚拟」 and 「培训计划」 are not plans for the future; the lookbehind and the verbs after 计划 keep them out.
    [GeneratedRegex(@"(?<![模虚])拟|目标(是|为)|计划(于|在|将|到|今年|明年|下一|开展|推出|实现|完成|建设|覆盖|扩展|上线)|预计|争取|力争|有望|下一步|未来|将于|将在|将会|将要|将[^。，；]{0,4}(建设|推广|开展|实现|完成|扩展|覆盖|打造|建立|形成|提升)")]
    private static partial Regex ProspectivePattern();
}
