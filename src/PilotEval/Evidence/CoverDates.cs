using System.Text.RegularExpressions;

namespace PilotEval.Evidence;

/// <summary>Reads the 申报日期 of a cover, which applicants write in every customary form.</summary>
public static partial class CoverDates
{
    /// <summary>The date, or null when the text holds none; a month without a day is the month's first day.</summary>
    public static DateOnly? Parse(string text)
    {
        var m = DatePattern().Match(text.Replace(" ", ""));
        if (!m.Success) return null;
        var year = ChineseQuantity.ParseNumber(m.Groups["y"].Value);
        var month = ChineseQuantity.ParseNumber(m.Groups["m"].Value);
        var day = m.Groups["d"].Success ? ChineseQuantity.ParseNumber(m.Groups["d"].Value) : 1;
        if (year is not (>= 1990 and <= 2100) || month is not (>= 1 and <= 12) || day is not (>= 1 and <= 31)) return null;
        return day <= DateTime.DaysInMonth((int)year, (int)month) ? new DateOnly((int)year, (int)month, (int)day) : null;
    }

    private const string Digits = "零〇一二两三四五六七八九十";

    [GeneratedRegex($@"(?<y>\d{{4}}|[{Digits}]{{4}})\s*[年./\-]\s*(?<m>\d{{1,2}}|[{Digits}]{{1,3}})\s*(?:[月./\-]\s*(?<d>\d{{1,2}}|[{Digits}]{{1,3}})?)?")]
    private static partial Regex DatePattern();
}
