using System.Globalization;
using System.Text;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace PilotEval.Documents;

/// <summary>
/// Rebuilds the labels Word generates for numbered paragraphs (一、 （一） 1. ①), which are not in the text
/// of the file but are on the page, and which a 申报书's section structure is written in.
/// </summary>
internal sealed class NumberingCatalog
{
    private readonly Dictionary<int, Dictionary<int, Level>> _levels = [];
    private readonly Dictionary<int, int[]> _counters = [];

    private sealed record Level(string Format, string Text, int Start);

    public NumberingCatalog(NumberingDefinitionsPart? part)
    {
        var numbering = part?.Numbering;
        if (numbering is null) return;
        var abstracts = new Dictionary<int, AbstractNum>();
        foreach (var abstractNum in numbering.Elements<AbstractNum>())
        {
            if (abstractNum.AbstractNumberId?.Value is { } id) abstracts.TryAdd(id, abstractNum);
        }
        foreach (var instance in numbering.Elements<NumberingInstance>())
        {
            if (instance.NumberID?.Value is not { } numId) continue;
            var levels = new Dictionary<int, Level>();
            if (instance.AbstractNumId?.Val?.Value is { } abstractId && abstracts.TryGetValue(abstractId, out var definition))
            {
                foreach (var level in definition.Elements<DocumentFormat.OpenXml.Wordprocessing.Level>()) Add(levels, level);
            }
            foreach (var overrideLevel in instance.Elements<LevelOverride>())
            {
                var index = overrideLevel.LevelIndex?.Value ?? 0;
                if (overrideLevel.Level is { } replaced) Add(levels, replaced);
                if (overrideLevel.StartOverrideNumberingValue?.Val?.Value is { } start && levels.TryGetValue(index, out var existing))
                {
                    levels[index] = existing with { Start = start };
                }
            }
            _levels[numId] = levels;
        }
    }

    private static void Add(Dictionary<int, Level> levels, DocumentFormat.OpenXml.Wordprocessing.Level level)
    {
        var index = level.LevelIndex?.Value ?? 0;
        var format = level.NumberingFormat?.Val?.InnerText ?? "decimal";
        levels[index] = new Level(format, level.LevelText?.Val?.Value ?? "", level.StartNumberingValue?.Val?.Value ?? 1);
    }

    /// <summary>The label of the next paragraph at <paramref name="level"/> of list <paramref name="numId"/>, or null for bullets and unknown lists.</summary>
    public string? Next(int numId, int level)
    {
        if (!_levels.TryGetValue(numId, out var levels) || !levels.TryGetValue(level, out var definition)) return null;
        if (!_counters.TryGetValue(numId, out var counters))
        {
            counters = new int[9];
            _counters[numId] = counters;
        }
        if (level is < 0 or > 8) return null;
        counters[level] = counters[level] == 0 ? definition.Start : counters[level] + 1;
        for (var deeper = level + 1; deeper < counters.Length; deeper++) counters[deeper] = 0;

        if (definition.Format is "bullet" or "none" || definition.Text.Length == 0) return null;
        var label = new StringBuilder();
        for (var i = 0; i < definition.Text.Length; i++)
        {
            if (definition.Text[i] == '%' && i + 1 < definition.Text.Length && char.IsAsciiDigit(definition.Text[i + 1]))
            {
                var referenced = definition.Text[i + 1] - '1';
                if (referenced >= 0 && referenced <= level && levels.TryGetValue(referenced, out var other))
                {
                    var value = counters[referenced] == 0 ? other.Start : counters[referenced];
                    label.Append(Format(value, referenced == level ? definition.Format : other.Format));
                }
                i++;
            }
            else
            {
                label.Append(definition.Text[i]);
            }
        }
        var result = label.ToString().Trim();
        return result.Length == 0 ? null : result;
    }

    internal static string Format(int value, string format) => format switch
    {
        "chineseCounting" or "chineseCountingThousand" or "chineseLegalSimplified" or "ideographDigital" or "japaneseCounting"
            => format == "ideographDigital" ? Digits(value, "〇一二三四五六七八九") : Chinese(value, format == "chineseLegalSimplified"),
        "ideographTraditional" => value is >= 1 and <= 10 ? "甲乙丙丁戊己庚辛壬癸"[value - 1].ToString() : Decimal(value),
        "ideographZodiac" => value is >= 1 and <= 12 ? "子丑寅卯辰巳午未申酉戌亥"[value - 1].ToString() : Decimal(value),
        "decimalEnclosedCircle" or "decimalEnclosedCircleChinese" => value is >= 1 and <= 20 ? ((char)('①' + value - 1)).ToString() : Decimal(value),
        "decimalEnclosedParen" => value is >= 1 and <= 20 ? ((char)('⑴' + value - 1)).ToString() : Decimal(value),
        "decimalFullWidth" or "decimalFullWidth2" => Digits(value, "０１２３４５６７８９"),
        "decimalZero" => value < 10 ? "0" + Decimal(value) : Decimal(value),
        "lowerLetter" => Letters(value, 'a'),
        "upperLetter" => Letters(value, 'A'),
        "lowerRoman" => Roman(value).ToLowerInvariant(),
        "upperRoman" => Roman(value),
        _ => Decimal(value),
    };

    private static string Decimal(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Digits(int value, string digits) =>
        string.Concat(Decimal(value).Select(d => char.IsAsciiDigit(d) ? digits[d - '0'] : d));

    /// <summary>一 … 十 … 十一 … 二十 … 一百零一: the way Chinese section numbers are written.</summary>
    private static string Chinese(int value, bool legal)
    {
        var digits = legal ? "零壹贰叁肆伍陆柒捌玖" : "零一二三四五六七八九";
        var ten = legal ? '拾' : '十';
        if (value <= 0 || value >= 1000) return Decimal(value);
        if (value < 10) return digits[value].ToString();
        if (value < 20 && !legal) return ten + (value % 10 == 0 ? "" : digits[value % 10].ToString());
        if (value < 100) return $"{digits[value / 10]}{ten}{(value % 10 == 0 ? "" : digits[value % 10].ToString())}";
        var hundreds = $"{digits[value / 100]}{(legal ? '佰' : '百')}";
        var rest = value % 100;
        if (rest == 0) return hundreds;
        return hundreds + (rest < 10 ? "零" + digits[rest] : rest < 20 ? digits[1] + Chinese(rest, legal) : Chinese(rest, legal));
    }

    private static string Letters(int value, char first)
    {
        if (value <= 0) return Decimal(value);
        var letter = (char)(first + (value - 1) % 26);
        return new string(letter, (value - 1) / 26 + 1);
    }

    private static string Roman(int value)
    {
        if (value is <= 0 or >= 4000) return Decimal(value);
        var result = new StringBuilder();
        foreach (var (amount, numeral) in new[] { (1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I") })
        {
            while (value >= amount)
            {
                result.Append(numeral);
                value -= amount;
            }
        }
        return result.ToString();
    }
}
