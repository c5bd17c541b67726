using System.Collections.Immutable;
using System.Text.RegularExpressions;

namespace PilotEval.Evidence;

/// <summary>
/// The words the quantity model needs besides units, all from the lexicon: what marks the situation before the
/// project and what ends it (plans are the lexicon's modality, read by its clause analyser), how often a period recurs in a year, and the
/// measure words that give a bare number its unit.
/// </summary>
/// <param name="Baseline">Opens a baseline: 以前、原来、改造前、项目实施前…</param>
/// <param name="BaselineEnd">Ends it: 现在、目前、上线后、缩短至…</param>
/// <param name="Comparison">Before a baseline word, makes it a comparison, not a baseline: 较、比、与…相比.</param>
/// <param name="PerYear">How many times a period recurs in a year: 季度 4, 月 12, 周 52…</param>
/// <param name="Measures">A measure word and the unit it gives a bare number: 人次 → 人次, 人数 → 人, 金额（万元） is read from its brackets.</param>
public sealed record QuantityMarkers(
    Regex Baseline,
    Regex BaselineEnd,
    Regex Comparison,
    ImmutableDictionary<string, double> PerYear,
    ImmutableArray<(string Word, string Unit)> Measures);

/// <summary>Reads quantities with the units and markers of one lexicon. See <see cref="ChineseQuantity"/> for what it reads.</summary>
public sealed partial class QuantityReader
{
    private readonly Regex _quantity;
    private readonly Regex _change;
    private readonly Regex _rate;
    private readonly Regex _bare;

    private readonly Func<string, int, bool> _isPlanAt;

    /// <param name="isPlanAt">Whether a plan or goal governs a position of a sentence (the lexicon's clause analyser).</param>
    public QuantityReader(UnitTable units, QuantityMarkers markers, Func<string, int, bool> isPlanAt)
    {
        _isPlanAt = isPlanAt;
        Units = units;
        Markers = markers;
        var written = string.Join("|", units.Written.Select(Regex.Escape));
        const string num = ChineseQuantity.Num, mult = ChineseQuantity.Mult, dash = ChineseQuantity.Dash;
        // An optional range start (number, multiplier, even a repeated unit: 10%–20%), then the number, multiplier and unit.
        // 「30余家」「1000多人次」 state a lower bound, which is what a threshold compares. 「GB/T」 is a standard, not gigabytes;
        // 「一次性」 is no count.
        var unit = $"(?:{written})(?![/／][A-Z])(?!性)";
        _quantity = new Regex(
            $@"(?:(?<from>{num})\s*(?<fromMult>{mult})?\s*(?:{unit})?{dash})?(?<num>{num})\s*(?<mult>{mult})?\s*(?:余|多)?\s*(?<unit>{unit})",
            RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
        var one = $@"(?:{num})\s*(?:{mult})?\s*(?:余|多)?\s*(?:{unit})";
        _change = new Regex(
            $@"(?:从|由)[^，。；,;\d零〇一二两三四五六七八九十]{{0,8}}{one}[^，。；,;\d]{{0,4}}?(?<verb>{ChangeVerbs})了?(?:至|到|为)[^，。；,;\d零〇一二两三四五六七八九十]{{0,4}}{one}",
            RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
        var periods = string.Join("|", markers.PerYear.Keys.OrderByDescending(k => k.Length).Select(Regex.Escape));
        _rate = new Regex($@"每(?<period>{periods})[^，。；,;\d零〇一二两三四五六七八九十]{{0,10}}?(?<num>{num})\s*(?<unit>次|场|轮|期)");
        _bare = new Regex($@"(?<![\d.,A-Za-z/\-_×*])(?<num>\d+(?:,\d{{3}})*(?:\.\d+)?)\s*(?<mult>{mult})?\s*(?:余|多|\+)?(?![\d.,A-Za-z%％/\-_×*年月日号])");
    }

    /// <summary>The reader of the lexicon shipped with PilotEval.</summary>
    public static QuantityReader Default => Language.EvidenceLexicon.Default.Quantities;

    public UnitTable Units { get; }

    public QuantityMarkers Markers { get; }

    private const string ChangeVerbs = "缩短|降低|下降|减少|压缩|缩减|降|减|提升|提高|增加|增长|扩大|上升|升";

    /// <summary>Every quantity of the text, in order, with its role.</summary>
    public IEnumerable<Quantity> Find(string text) => Read(text, measure: null);

    /// <summary>
    /// Every quantity of a sentence, in order, with its role; a bare number takes its unit from a measure named before
    /// it in the sentence, or from <paramref name="measure"/> (a table row or column label, or the previous sentence's measure).
    /// </summary>
    public IReadOnlyList<Quantity> Read(string text, string? measure)
    {
        // 「３２００人」「２０％」: full-width digits read as digits (same length, so positions hold for the quote).
        text = HalfWidth(text);
        var found = new List<Quantity>();
        var taken = new bool[text.Length];

        // Special forms first; the general pattern then reads only what they left.
        foreach (Match m in _rate.Matches(text))
        {
            if (ChineseQuantity.ParseNumber(m.Groups["num"].Value) is not { } n) continue;
            Add(new Quantity(n * Markers.PerYear[m.Groups["period"].Value], "次/年", m.Value) { Index = m.Groups["num"].Index, Table = Units }, m);
        }
        foreach (Match m in HalfPattern().Matches(text))
        {
            // 「上半年」 is a period, 「大半天」 vague.
            if (m.Index > 0 && "上下前后多大".Contains(text[m.Index - 1])) continue;
            var whole = m.Groups["num"].Success ? ChineseQuantity.ParseNumber(m.Groups["num"].Value) ?? 0 : 0;
            if (Units.Canonical(m.Groups["unit"].Value) is not { } u) continue;
            Add(new Quantity(whole + 0.5, u, m.Value) { Index = m.Index, Table = Units }, m);
        }
        foreach (Match m in SharePattern().Matches(text))
        {
            if (ChineseQuantity.ParseNumber(m.Groups["num"].Value) is not { } n) continue;
            Add(new Quantity(n * 10, "%", m.Value) { Index = m.Index, Table = Units }, m);
        }
        foreach (Match m in MajorityPattern().Matches(text))
        {
            Add(new Quantity(50, "%", m.Value) { Index = m.Index, Table = Units }, m);
        }
        foreach (Match m in ChinesePercentPattern().Matches(text))
        {
            if (ChineseQuantity.ParseNumber(m.Groups["num"].Value) is { } n) Add(new Quantity(n, "%", m.Value) { Index = m.Index, Table = Units }, m);
        }
        foreach (Match m in _quantity.Matches(text))
        {
            if (IsTaken(m) || NotAQuantity(text, m)) continue;
            if (FromMatch(m) is { } q) Add(q, m);
        }
        foreach (Match m in _bare.Matches(text))
        {
            if (IsTaken(m)) continue;
            if (BareUnit(text, m.Index, measure) is not { } labelled) continue;
            if (ChineseQuantity.ParseNumber(m.Groups["num"].Value) is not { } n) continue;
            var value = n * ChineseQuantity.Multiplier(m.Groups["mult"].Value);
            Add(new Quantity(value, labelled.Unit, m.Value.Trim()) { Index = m.Index, Measure = labelled.Label, Table = Units }, m);
        }

        found.Sort((a, b) => a.Index.CompareTo(b.Index));
        var changes = FindChanges(text).ToList();
        return [.. found.Select(q => q with { Role = RoleOf(text, q, changes) })];

        bool IsTaken(Match m) => Enumerable.Range(m.Index, m.Length).Any(i => taken[i]);

        void Add(Quantity quantity, Match m)
        {
            if (IsTaken(m)) return;
            for (var i = m.Index; i < m.Index + m.Length; i++) taken[i] = true;
            found.Add(quantity);
        }
    }

    /// <summary>Before/after pairs: 从|由 … X (缩短|降低|提升…)(至|到|为) Y.</summary>
    public IEnumerable<BeforeAfter> FindChanges(string text)
    {
        foreach (Match match in _change.Matches(text))
        {
            var quantities = _quantity.Matches(match.Value).Select(FromMatch).ToList();
            if (quantities.Count < 2 || quantities[0] is not { } before || quantities[^1] is not { } after) continue;
            yield return new BeforeAfter(
                before with { Index = match.Index + before.Index, Role = QuantityRole.Baseline },
                after with { Index = match.Index + after.Index },
                match.Groups["verb"].Value, match.Value);
        }
    }

    private Quantity? FromMatch(Match match)
    {
        var written = match.Groups["unit"].Value;
        var multiplier = match.Groups["mult"].Value;
        // 「4.8亿元」「360万元」: the multiplier belongs to the unit when the lexicon knows the pair.
        var unit = multiplier.Length > 0 && Units.Canonical(multiplier + written) is { } joined ? joined : Units.Canonical(written);
        if (unit is null) return null;
        var ownMultiplier = unit.Length > written.Length ? "" : multiplier;
        var high = ChineseQuantity.ParseNumber(match.Groups["num"].Value) * ChineseQuantity.Multiplier(ownMultiplier);
        if (high is null) return null;
        // 「2023年」 is a date, not a duration of two thousand years.
        if (unit == "年" && ChineseQuantity.IsYear(match.Groups["num"].Value)) return null;
        var single = new Quantity(high.Value, unit, match.Value.Trim()) { Index = match.Index, Table = Units };
        if (!match.Groups["from"].Success) return single;

        // 「3万至5万人次」 writes the multiplier on both ends; 「3至5万人次」 only on the second, which then applies to both.
        var fromMult = match.Groups["fromMult"].Success ? match.Groups["fromMult"].Value : ownMultiplier;
        var low = ChineseQuantity.ParseNumber(match.Groups["from"].Value) * ChineseQuantity.Multiplier(fromMult);
        if (low is null || low > high) return single with { Index = match.Groups["num"].Index };
        return single with { Value = low.Value, UpTo = high.Value };
    }

    /// <summary>
    /// Ordinals (第三名, 前十名), identifiers (京B2-20190123, GB/T 35273-2020, ISO 27001) and service hours (7×24小时)
    /// carry digits but count nothing.
    /// </summary>
    private static bool NotAQuantity(string text, Match m)
    {
        var start = m.Index;
        var before = start > 0 ? text[start - 1] : ' ';
        if (before is '第') return true;
        // 「数十家」「几百人」 are vague amounts, not numbers.
        if (before is '数' or '几' or '若' && m.Groups["num"].Value is [('十' or '百' or '千' or '万'), ..]) return true;
        if (before is '前' && m.Groups["unit"].Value is "名") return true;
        if (before is '×' or '*' or 'x' or 'X' or '/' or '-' or '_' or '.' || char.IsAsciiLetter(before)) return true;
        var end = m.Index + m.Length;
        if (end < text.Length && text[end] is '×' or '*') return true;
        // 「GB/T 35273-2020」「ISO 27001」: a standard's number after its series and a space.
        return IdentifierPrefix().IsMatch(text[..start]);
    }

    /// <summary>The unit a bare number takes: from a measure word before it in its clause or the one before, else from the label.</summary>
    private (string Unit, string Label)? BareUnit(string text, int index, string? label)
    {
        // The one splitter's clauses: 「年度培训人次：3200」 names its measure in the clause before the number.
        var clauses = Sentences.Clauses(text).ToList();
        var at = clauses.FindLastIndex(c => c.Start <= index);
        var from = at > 0 ? clauses[at - 1].Start : 0;
        if (MeasureUnit(text[from..index]) is { } named) return named;
        return label is not null && MeasureUnit(label) is { } fromLabel ? fromLabel : null;
    }

    /// <summary>The unit a label or clause names: in brackets (金额（万元）), else the last measure word (年度培训人次 → 人次).</summary>
    public (string Unit, string Label)? MeasureUnit(string label)
    {
        foreach (Match bracket in BracketUnit().Matches(label))
        {
            if (Units.Canonical(bracket.Groups["unit"].Value.Trim()) is { } unit) return (unit, label.Trim().TrimEnd('：', ':').Trim());
        }
        var best = Markers.Measures
            .Select(m => (m.Word, m.Unit, At: label.LastIndexOf(m.Word, StringComparison.Ordinal)))
            .Where(m => m.At >= 0)
            .OrderByDescending(m => m.At + m.Word.Length).ThenByDescending(m => m.Word.Length)
            .FirstOrDefault();
        return best.Word is null ? null : (best.Unit, label.Trim().TrimEnd('：', ':').Trim());
    }

    /// <summary>
    /// Baseline when a baseline word governs the number (in its clause, or in a frame clause before it such as
    /// 「项目实施前，」) and nothing ends that scope in between; target when a plan word governs it; otherwise achieved.
    /// </summary>
    private QuantityRole RoleOf(string text, Quantity q, List<BeforeAfter> changes)
    {
        if (q.Index < 0) return QuantityRole.Achieved;
        if (changes.Any(c => c.Before.Index == q.Index)) return QuantityRole.Baseline;
        if (changes.Any(c => c.After.Index == q.Index))
            return _isPlanAt(text, q.Index) ? QuantityRole.Target : QuantityRole.Achieved;
        if (ClauseScope.Governs(text, q.Index, Markers.Baseline, Markers.BaselineEnd, Markers.Comparison)) return QuantityRole.Baseline;
        if (_isPlanAt(text, q.Index)) return QuantityRole.Target;
        return QuantityRole.Achieved;
    }

    private static string HalfWidth(string text) =>
        text.Any(c => c is >= '０' and <= '９' or '％' or '．' or '，')
            ? string.Concat(text.Select(c => c switch
            {
                >= '０' and <= '９' => (char)('0' + (c - '０')),
                '％' => '%',
                '．' => '.',
                _ => c,
            }))
            : text;

    [GeneratedRegex(@"(?<num>\d+|[一二两三四五六七八九十])?(?:个)?半(?:个)?(?<unit>小时|天|年|月|周|工作日)")]
    private static partial Regex HalfPattern();

    [GeneratedRegex(@"(?<![完形组构达促造变合集生转养赞落竣建])(?<num>[一二两三四五六七八九]|\d)成(?!本|果|效|立|为|功|员|熟|交|都|型|绩|品|套|像|长|就|了|绩|型|的|果|分|形)")]
    private static partial Regex SharePattern();

    [GeneratedRegex(@"过半|半数以上|超过半数|超过一半")]
    private static partial Regex MajorityPattern();

    [GeneratedRegex(@"百分之(?<num>\d+(?:\.\d+)?|[零〇一二两三四五六七八九十百]{1,4}(?:点[零〇一二三四五六七八九]{1,3})?)")]
    private static partial Regex ChinesePercentPattern();

    [GeneratedRegex(@"(?:GB|YD|JR|GA|ISO|IEC|DB\d*|T|ISO/IEC)(?:/[TZ])?\s+$", RegexOptions.IgnoreCase)]
    private static partial Regex IdentifierPrefix();

    [GeneratedRegex(@"[（(](?<unit>[^（）()]{1,6})[）)]")]
    private static partial Regex BracketUnit();
}

/// <summary>
/// Whether a marker governs a position of a sentence: the marker stands before it in its clause, or in an earlier clause
/// of the sentence, and no end marker stands in between (「计划于2025年完成升级，覆盖50家」: the plan governs 50家;
/// 「下一步将扩展至50家，目前已覆盖30家」: 目前 ends it before 30家). Scope runs forward only, so 「已覆盖30家，下一步将…」
/// keeps its achievement.
/// </summary>
public static class ClauseScope
{
    public static bool Governs(string text, int position, Regex opener, Regex end, Regex? comparison)
    {
        Match? last = null;
        foreach (Match m in opener.Matches(text))
        {
            if (m.Index >= position) break;
            if (comparison is not null && comparison.IsMatch(text[Math.Max(0, m.Index - 4)..m.Index])) continue;
            last = m;
        }
        if (last is null) return false;
        // A marker may run over the position itself (将…覆盖50家): nothing stands in between then.
        var between = text[Math.Min(last.Index + last.Length, position)..position];
        return !end.IsMatch(between);
    }
}
