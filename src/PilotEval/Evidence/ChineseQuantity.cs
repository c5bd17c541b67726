using System.Collections.Frozen;
using System.Globalization;
using System.Text.RegularExpressions;

namespace PilotEval.Evidence;

/// <summary>A number with its unit as stated in a sentence, e.g. 3,200 人次, 35 分钟, or the range 10至20家.</summary>
/// <param name="Value">The value with 万/亿 applied, in the stated unit; for a range, its low end.</param>
public sealed record Quantity(double Value, string Unit, string Text)
{
    /// <summary>The high end of a range (3–5 年 → 5), or null for a single number.</summary>
    public double? UpTo { get; init; }

    /// <summary>The value converted to its dimension's base unit (minutes, GB, count), for comparisons across units.</summary>
    public double BaseValue => Value * ChineseQuantity.Factor(Unit);

    /// <summary>The high end in base units; a single number is its own high end.</summary>
    public double BaseUpTo => (UpTo ?? Value) * ChineseQuantity.Factor(Unit);

    public bool IsRange => UpTo is not null;
}

/// <summary>
/// A stated change, e.g. 「从 4 小时缩短至 35 分钟」: the measure before and after the project. Applicants
/// prove effects this way, so the panel sees both ends rather than an unexplained percentage.
/// </summary>
public sealed record BeforeAfter(Quantity Before, Quantity After, string Verb, string Text)
{
    /// <summary>Relative change in base units: −0.85 means 85% lower, 0.5 means 50% higher; null when not comparable.</summary>
    public double? Change =>
        ChineseQuantity.Dimension(Before.Unit) == ChineseQuantity.Dimension(After.Unit) && Before.BaseValue != 0
            ? (After.BaseValue - Before.BaseValue) / Before.BaseValue
            : null;
}

/// <summary>
/// Finds quantities written the way Chinese applications write them: Arabic or Chinese numerals,
/// 万 / 千万 / 亿 multipliers, percentages, ranges (3–5 年, 10至20家), units such as 人次, 家, 小时, TB,
/// and before/after pairs (从 4 小时缩短至 35 分钟).
/// </summary>
public static partial class ChineseQuantity
{
    private static readonly FrozenDictionary<string, (string Dimension, double Factor)> Units =
        new Dictionary<string, (string, double)>
        {
            ["人次"] = ("people-times", 1), ["人"] = ("people", 1), ["名"] = ("people", 1),
            ["家"] = ("organisations", 1), ["个"] = ("items", 1), ["项"] = ("items", 1), ["套"] = ("items", 1),
            ["件"] = ("items", 1), ["款"] = ("items", 1), ["门"] = ("items", 1), ["场"] = ("events", 1), ["次"] = ("events", 1),
            ["起"] = ("events", 1), ["课时"] = ("hours-of-teaching", 1), ["学时"] = ("hours-of-teaching", 1), ["条"] = ("records", 1),
            ["毫秒"] = ("time", 1.0 / 60000), ["秒"] = ("time", 1.0 / 60), ["分钟"] = ("time", 1), ["小时"] = ("time", 60), ["天"] = ("time", 1440),
            ["个工作日"] = ("time", 1440), ["周"] = ("time", 7 * 1440), ["个月"] = ("time", 30 * 1440), ["年"] = ("time", 365 * 1440),
            ["GB"] = ("data", 1), ["TB"] = ("data", 1024), ["PB"] = ("data", 1024 * 1024),
            ["%"] = ("percent", 1), ["个行业"] = ("industries", 1), ["亿元"] = ("money", 1e8), ["万元"] = ("money", 1e4), ["元"] = ("money", 1),
        }.ToFrozenDictionary();

    public static bool IsKnownUnit(string unit) => Units.ContainsKey(unit);

    public static IEnumerable<string> KnownUnits => Units.Keys;

    public static double Factor(string unit) => Units.TryGetValue(unit, out var u) ? u.Factor : 1;

    public static string? Dimension(string unit) => Units.TryGetValue(unit, out var u) ? u.Dimension : null;

    public static IEnumerable<Quantity> Find(string text)
    {
        foreach (Match match in QuantityPattern().Matches(text))
        {
            if (FromMatch(match) is { } quantity) yield return quantity;
        }
        // 「百分之九十五」 puts the unit first.
        foreach (Match match in ChinesePercentPattern().Matches(text))
        {
            if (ParseNumber(match.Groups["num"].Value) is { } value) yield return new Quantity(value, "%", match.Value);
        }
    }

    /// <summary>Before/after pairs: 从|由 … X (缩短|降低|提升…)(至|到|为) Y.</summary>
    public static IEnumerable<BeforeAfter> FindChanges(string text)
    {
        foreach (Match match in ChangePattern().Matches(text))
        {
            var quantities = QuantityPattern().Matches(match.Value).Select(FromMatch).ToList();
            if (quantities.Count < 2 || quantities[0] is not { } before || quantities[^1] is not { } after) continue;
            yield return new BeforeAfter(before, after, match.Groups["verb"].Value, match.Value);
        }
    }

    private static Quantity? FromMatch(Match match)
    {
        var unit = Unit(match.Groups["unit"].Value);
        var high = Number(match.Groups["num"].Value, match.Groups["mult"].Value);
        if (high is null) return null;
        // 「2023年」 is a date, not a duration of two thousand years.
        if (unit == "年" && IsYear(match.Groups["num"].Value)) return null;
        if (!match.Groups["from"].Success) return new Quantity(high.Value, unit, match.Value);

        // 「3万至5万人次」 writes the multiplier on both ends; 「3至5万人次」 only on the second, which then applies to both.
        var fromMult = match.Groups["fromMult"].Success ? match.Groups["fromMult"].Value : match.Groups["mult"].Value;
        var low = Number(match.Groups["from"].Value, fromMult);
        if (low is null || low > high) return new Quantity(high.Value, unit, match.Value);
        return new Quantity(low.Value, unit, match.Value) { UpTo = high.Value };
    }

    private static double? Number(string digits, string multiplier) =>
        ParseNumber(digits) * multiplier switch
        {
            "万" => 1e4,
            "十万" => 1e5,
            "百万" => 1e6,
            "千万" => 1e7,
            "亿" => 1e8,
            _ => 1,
        };

    private static string Unit(string written) => written switch
    {
        "％" => "%",
        "个百分点" => "%",
        "星期" or "个星期" => "周",
        var u => u.ToUpperInvariant() is "TB" or "PB" or "GB" ? u.ToUpperInvariant() : u,
    };

    private static bool IsYear(string digits) =>
        ParseNumber(digits) is >= 1900 and <= 2100 && (digits.Length == 4 || digits.All(c => ChineseDigits.Contains(c)));

    private const string ChineseDigits = "零〇一二两三四五六七八九";
    private static readonly int[] ChineseDigitValues = [0, 0, 1, 2, 2, 3, 4, 5, 6, 7, 8, 9];

    /// <summary>
    /// Arabic numbers with thousands separators, or Chinese numerals up to the thousands
    /// (一百零五, 两千), or digit by digit as in years (二〇二三).
    /// </summary>
    public static double? ParseNumber(string text)
    {
        text = text.Replace(",", "").Replace("，", "");
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var arabic)) return arabic;
        // 「九十五点五」: the part after 点 is read digit by digit.
        if (text.IndexOf('点') is var point and > 0 && point < text.Length - 1)
        {
            var whole = ParseNumber(text[..point]);
            var fraction = text[(point + 1)..];
            if (whole is null || !fraction.All(c => ChineseDigits.Contains(c))) return null;
            return whole + fraction.Select((c, i) => ChineseDigitValues[ChineseDigits.IndexOf(c)] * Math.Pow(10, -(i + 1))).Sum();
        }
        if (text.Length > 1 && text.All(c => ChineseDigits.Contains(c)))
        {
            return text.Aggregate(0.0, (total, c) => total * 10 + ChineseDigitValues[ChineseDigits.IndexOf(c)]);
        }

        double section = 0, digit = 0;
        foreach (var ch in text)
        {
            var d = ChineseDigits.IndexOf(ch);
            if (d >= 0)
            {
                digit = ChineseDigitValues[d];
                continue;
            }
            var scale = ch switch { '十' => 10, '百' => 100, '千' => 1000, _ => 0 };
            if (scale == 0) return null;
            section += (digit == 0 && scale == 10 ? 1 : digit) * scale;
            digit = 0;
        }
        var total = section + digit;
        return total > 0 ? total : null;
    }

    private const string Num = @"\d+(?:,\d{3})*(?:\.\d+)?|[零〇一二两三四五六七八九十百千]{1,6}";
    private const string Mult = "十万|百万|千万|万|亿";
    private const string UnitAlternatives = "人次|个工作日|个行业|个百分点|个星期|个月|课时|学时|毫秒|分钟|小时|亿元|万元|元|人|名|家|个|项|套|件|门|款|场|次|起|条|秒|天|星期|周|年|[GTP]B|%|％";
    private const string Dash = @"\s*(?:-|–|—|~|～|至|到)\s*";

    /// <summary>
    /// An optional range start (number, multiplier, even a repeated unit: 10%–20%), then the number, multiplier and unit.
    /// 「30余家」「1000多人次」 state a lower bound, which is what a threshold compares. Years (「2023年」) are dates, filtered after the match.
    /// </summary>
    private const string QuantityText =
        $@"(?:(?<from>{Num})\s*(?<fromMult>{Mult})?\s*(?:{UnitAlternatives})?{Dash})?(?<num>{Num})\s*(?<mult>{Mult})?\s*(?:余|多)?\s*(?<unit>{UnitAlternatives})";

    [GeneratedRegex(QuantityText, RegexOptions.IgnoreCase)]
    private static partial Regex QuantityPattern();

    [GeneratedRegex(@"百分之(?<num>\d+(?:\.\d+)?|[零〇一二两三四五六七八九十百]{1,4}(?:点[零〇一二三四五六七八九]{1,3})?)")]
    private static partial Regex ChinesePercentPattern();

    private const string ChangeVerbs = "缩短|降低|下降|减少|压缩|缩减|降|减|提升|提高|增加|增长|扩大|上升|升";
    private const string OneQuantity = $@"(?:{Num})\s*(?:{Mult})?\s*(?:{UnitAlternatives})";

    [GeneratedRegex($@"(?:从|由)[^，。；,;\d零〇一二两三四五六七八九十]{{0,8}}{OneQuantity}[^，。；,;\d]{{0,4}}?(?<verb>{ChangeVerbs})了?(?:至|到|为)[^，。；,;\d零〇一二两三四五六七八九十]{{0,4}}{OneQuantity}", RegexOptions.IgnoreCase)]
    private static partial Regex ChangePattern();
}
