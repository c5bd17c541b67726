using System.Collections.Frozen;
using System.Globalization;
using System.Text.RegularExpressions;

namespace PilotEval.Evidence;

/// <summary>A number with its unit as stated in a sentence, e.g. 3,200 人次 or 35 分钟.</summary>
/// <param name="Value">The value with 万/亿 applied, in the stated unit.</param>
public sealed record Quantity(double Value, string Unit, string Text)
{
    /// <summary>The value converted to its dimension's base unit (minutes, GB, count), for comparisons across units.</summary>
    public double BaseValue => Value * ChineseQuantity.Factor(Unit);
}

/// <summary>
/// Finds quantities written the way Chinese applications write them: Arabic or Chinese numerals,
/// 万 / 亿 multipliers, percentages, and units such as 人次, 家, 小时, TB.
/// </summary>
public static partial class ChineseQuantity
{
    private static readonly FrozenDictionary<string, (string Dimension, double Factor)> Units =
        new Dictionary<string, (string, double)>
        {
            ["人次"] = ("people-times", 1), ["人"] = ("people", 1), ["名"] = ("people", 1),
            ["家"] = ("organisations", 1), ["个"] = ("items", 1), ["项"] = ("items", 1), ["套"] = ("items", 1),
            ["件"] = ("items", 1), ["款"] = ("items", 1), ["门"] = ("items", 1), ["场"] = ("events", 1), ["次"] = ("events", 1),
            ["起"] = ("events", 1), ["课时"] = ("hours-of-teaching", 1), ["条"] = ("records", 1),
            ["毫秒"] = ("time", 1.0 / 60000), ["秒"] = ("time", 1.0 / 60), ["分钟"] = ("time", 1), ["小时"] = ("time", 60), ["天"] = ("time", 1440),
            ["个工作日"] = ("time", 1440), ["GB"] = ("data", 1), ["TB"] = ("data", 1024), ["PB"] = ("data", 1024 * 1024),
            ["%"] = ("percent", 1), ["个行业"] = ("industries", 1), ["亿元"] = ("money", 1e8), ["万元"] = ("money", 1e4), ["元"] = ("money", 1),
        }.ToFrozenDictionary();

    public static bool IsKnownUnit(string unit) => Units.ContainsKey(unit);

    public static double Factor(string unit) => Units.TryGetValue(unit, out var u) ? u.Factor : 1;

    public static string? Dimension(string unit) => Units.TryGetValue(unit, out var u) ? u.Dimension : null;

    public static IEnumerable<Quantity> Find(string text)
    {
        foreach (Match match in QuantityPattern().Matches(text))
        {
            var number = ParseNumber(match.Groups["num"].Value);
            if (number is null) continue;
            var value = number.Value * match.Groups["mult"].Value switch
            {
                "万" => 1e4,
                "十万" => 1e5,
                "百万" => 1e6,
                "千万" => 1e7,
                "亿" => 1e8,
                _ => 1,
            };
            var unit = match.Groups["unit"].Value switch
            {
                "％" => "%",
                "个百分点" => "%",
                var u => u.ToUpperInvariant() is "TB" or "PB" or "GB" ? u.ToUpperInvariant() : u,
            };
            yield return new Quantity(value, unit, match.Value);
        }
    }

    private const string ChineseDigits = "零〇一二两三四五六七八九";
    private static readonly int[] ChineseDigitValues = [0, 0, 1, 2, 2, 3, 4, 5, 6, 7, 8, 9];

    /// <summary>Arabic numbers with thousands separators, or Chinese numerals up to the thousands.</summary>
    public static double? ParseNumber(string text)
    {
        text = text.Replace(",", "").Replace("，", "");
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var arabic)) return arabic;

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

    [GeneratedRegex(@"(?<num>\d+(?:,\d{3})*(?:\.\d+)?|[零〇一二两三四五六七八九十百千]{1,6})\s*(?<mult>十万|百万|千万|万|亿)?\s*(?<unit>人次|个工作日|个行业|个百分点|课时|毫秒|分钟|小时|亿元|万元|元|人|名|家|个|项|套|件|门|款|场|次|起|条|秒|天|[GTP]B|%|％)", RegexOptions.IgnoreCase)]
    private static partial Regex QuantityPattern();
}
