using System.Globalization;
using System.Text.RegularExpressions;

namespace PilotEval.Evidence;

/// <summary>What a stated number is to the application: the result it achieved, the situation before, or a goal.</summary>
public enum QuantityRole
{
    /// <summary>What the project achieved (or simply states, with no marker of past or future).</summary>
    Achieved,
    /// <summary>The situation before the project (以前、原来、改造前、项目实施前，or the X of 从 X 缩短至 Y): never the achievement.</summary>
    Baseline,
    /// <summary>A goal or plan (目标、计划、预计、力争、将…): counts as a plan, not a result.</summary>
    Target,
}

/// <summary>A number with its unit as stated, e.g. 3,200 人次, 35 分钟, 4 次/年 (from 每季度一次) or the range 10至20家.</summary>
/// <param name="Value">The value in <paramref name="Unit"/>, multipliers (万、亿) applied unless they are part of the unit (万元).</param>
/// <param name="Unit">A canonical unit of the lexicon's unit table.</param>
/// <param name="Text">The words it was read from, for the panel.</param>
public sealed record Quantity(double Value, string Unit, string Text)
{
    /// <summary>The high end of a range (3–5 年 → 5), or null for a single number.</summary>
    public double? UpTo { get; init; }

    /// <summary>Achieved, baseline or target.</summary>
    public QuantityRole Role { get; init; }

    /// <summary>Where the number stands in the text it was read from (−1 when it came from a table label).</summary>
    public int Index { get; init; } = -1;

    /// <summary>
    /// The label that gave a bare number its unit: the table row or column label (「年度培训人次」) or the measure named in the
    /// previous clause; null when the unit was written beside the number.
    /// </summary>
    public string? Measure { get; init; }

    /// <summary>The table the unit was read with.</summary>
    public UnitTable Table { get; init; } = ChineseQuantity.Units;

    /// <summary>The value in its dimension's base unit (元, 分钟, GB, 次/年 …), for comparisons across units.</summary>
    public double BaseValue => Value * Table.Factor(Unit);

    /// <summary>The high end in base units; a single number is its own high end.</summary>
    public double BaseUpTo => (UpTo ?? Value) * Table.Factor(Unit);

    public string? Dimension => Table.Dimension(Unit);

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
        Before.Dimension == After.Dimension && Before.BaseValue != 0
            ? (After.BaseValue - Before.BaseValue) / Before.BaseValue
            : null;
}

/// <summary>
/// The one quantity model. <see cref="Find(string)"/> reads every number of a text with its unit and role, the way Chinese
/// applications write them: Arabic or Chinese numerals, 万 / 亿 multipliers, units of the lexicon (万元 and 亿元 among them),
/// percentages (96%, 百分之九十五, 六成, 过半), halves (半小时, 一个半小时), rates (每季度一次 → 4 次/年), ranges
/// (3–5 年, 10至20家) and before/after pairs (从 4 小时缩短至 35 分钟). Ordinals (第三名), identifiers (京B2-20190123,
/// GB/T 35273-2020), service hours (7×24小时) and dates (2023年) are not quantities. A bare number takes its unit from
/// the measure named before it (「培训人次：3200」) or from its table row or column label (see <see cref="QuantityReader"/>).
/// </summary>
public static partial class ChineseQuantity
{
    /// <summary>The unit table of the lexicon shipped with PilotEval, for code that reads without a rubric set.</summary>
    public static UnitTable Units => QuantityReader.Default.Units;

    public static bool IsKnownUnit(string unit) => Units.IsKnown(unit);

    public static IEnumerable<string> KnownUnits => Units.Units;

    public static double Factor(string unit) => Units.Factor(unit);

    public static string? Dimension(string unit) => Units.Dimension(unit);

    public static IEnumerable<Quantity> Find(string text) => QuantityReader.Default.Find(text);

    public static IEnumerable<BeforeAfter> FindChanges(string text) => QuantityReader.Default.FindChanges(text);

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

    /// <summary>The value of a written multiplier (万, 千万, 亿…); 1 when there is none.</summary>
    public static double Multiplier(string written) => written switch
    {
        "万" => 1e4,
        "十万" => 1e5,
        "百万" => 1e6,
        "千万" => 1e7,
        "亿" => 1e8,
        _ => 1,
    };

    internal static bool IsYear(string digits) =>
        ParseNumber(digits) is >= 1900 and <= 2100 && (digits.Length == 4 || digits.All(c => ChineseDigits.Contains(c)));

    internal const string Num = @"\d+(?:,\d{3})*(?:\.\d+)?|[零〇一二两三四五六七八九十百千]{1,6}";
    internal const string Mult = "十万|百万|千万|万|亿";
    internal const string Dash = @"\s*(?:-|–|—|~|～|至|到)\s*";
}
