using System.Globalization;
using System.Text;

namespace PilotEval.Documents;

/// <summary>Why a PDF text layer is not what a reader sees on the page.</summary>
internal enum GarbleKind
{
    None,
    /// <summary>GBK bytes shown through a Latin-1 (WinAnsi) font: »ùÒòÍâÏÔ×Ó for 基因外显子.</summary>
    Latin1Mojibake,
    /// <summary>Characters that look like CJK but are glyph ids from a font without a Unicode map.</summary>
    CjkGarbage,
    /// <summary>Latin letters that spell nothing: glyph ids shifted into the ASCII range.</summary>
    LatinGarbage,
}

/// <summary>
/// Tells a usable text layer from one that decodes to nonsense, from the characters alone, and recovers the one
/// kind that can be recovered (GBK read as Latin-1). Thresholds are deliberately coarse: real Chinese text is
/// overwhelmingly common characters, garbage is spread across the whole code space.
/// </summary>
internal static class TextLayerCheck
{
    private static readonly Encoding Gbk;

    static TextLayerCheck()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        Gbk = Encoding.GetEncoding(936, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);
    }

    /// <summary>Judges the visible text of one page (or one document part).</summary>
    public static GarbleKind Classify(string text)
    {
        int nonSpace = 0, han = 0, commonHan = 0, strange = 0, latin1 = 0, latinLetters = 0, vowels = 0;
        foreach (var rune in text.EnumerateRunes())
        {
            if (Rune.IsWhiteSpace(rune)) continue;
            nonSpace++;
            var value = rune.Value;
            if (value is >= 0x4E00 and <= 0x9FFF)
            {
                han++;
                if (IsCommonHan(rune)) commonHan++;
            }
            else if (value is >= 0xA1 and <= 0xFF && value != 0xB7 && value != 0xD7)
            {
                latin1++;
            }
            else if (IsStrange(value))
            {
                strange++;
            }
            if (value < 0x250 && Rune.IsLetter(rune))
            {
                latinLetters++;
                if ("aeiouyAEIOUY".Contains((char)value)) vowels++;
            }
        }
        if (nonSpace < 8) return GarbleKind.None;
        if (latin1 >= 6 && latin1 > nonSpace * 0.1 && latin1 > han) return GarbleKind.Latin1Mojibake;
        if (strange > nonSpace * 0.25) return GarbleKind.CjkGarbage;
        if (han >= 10 && commonHan < han * 0.6) return GarbleKind.CjkGarbage;
        // Any language written in Latin letters has vowels; glyph ids shifted into ASCII mostly do not.
        if (latinLetters >= 12 && latinLetters > nonSpace * 0.5 && vowels < latinLetters * 0.12) return GarbleKind.LatinGarbage;
        return GarbleKind.None;
    }

    /// <summary>
    /// Re-decodes runs of Latin-1 characters as GBK bytes; returns the recovered text, or null when the result
    /// is not overwhelmingly common Chinese (then the layer is garbage of another kind).
    /// </summary>
    public static string? RecoverGbk(string text)
    {
        var result = new StringBuilder(text.Length);
        var run = new StringBuilder();
        int recovered = 0, failed = 0;

        void Flush()
        {
            if (run.Length == 0) return;
            var decoded = TryDecodeGbk(run.ToString());
            if (decoded is not null)
            {
                result.Append(decoded);
                recovered += decoded.Length;
            }
            else
            {
                result.Append(run);
                failed += run.Length;
            }
            run.Clear();
        }

        foreach (var ch in text)
        {
            if (ch is >= '\u00A1' and <= '\u00FF') run.Append(ch);
            else
            {
                Flush();
                result.Append(ch);
            }
        }
        Flush();
        return recovered >= 2 && recovered * 2 >= failed * 3 ? result.ToString() : null;
    }

    private static string? TryDecodeGbk(string run)
    {
        if (run.Length % 2 != 0) return null;
        var bytes = new byte[run.Length];
        for (var i = 0; i < run.Length; i++) bytes[i] = (byte)run[i];
        string decoded;
        try
        {
            decoded = Gbk.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
        var common = 0;
        foreach (var ch in decoded)
        {
            if (ch is >= '\u4E00' and <= '\u9FFF' && CommonHan.Value[ch - 0x4E00] || ch is >= '\u3000' and <= '\u303F' || ch is >= '\uFF00' and <= '\uFFEF' || ch is '·' or '—' or '“' or '”' or '‘' or '’' or '…') common++;
        }
        return common * 10 >= decoded.Length * 9 ? decoded : null;
    }

    /// <summary>
    /// A character of GB2312 or of Big5's frequent level (lead bytes A4–C6): the everyday Simplified and Traditional
    /// repertoires, about 45% of the unified block, against 95%+ of the characters of real text.
    /// </summary>
    private static bool IsCommonHan(Rune rune) =>
        rune.Value is >= 0x4E00 and <= 0x9FFF && CommonHan.Value[rune.Value - 0x4E00];

    /// <summary>Built once by encoding the whole unified block, so that judging a page throws no exceptions.</summary>
    private static readonly Lazy<bool[]> CommonHan = new(() =>
    {
        // .NET's "gb2312" is code page 936 (GBK, all of the block); GB2312 proper is GBK's region B0–F7 × A1–FE.
        var gbk = Encoding.GetEncoding(936, new EncoderReplacementFallback("?"), DecoderFallback.ReplacementFallback);
        var big5 = Encoding.GetEncoding(950, new EncoderReplacementFallback("?"), DecoderFallback.ReplacementFallback);
        var table = new bool[0x9FFF - 0x4E00 + 1];
        Span<char> one = stackalloc char[1];
        Span<byte> bytes = stackalloc byte[8];
        for (var value = 0x4E00; value <= 0x9FFF; value++)
        {
            one[0] = (char)value;
            var inGb2312 = gbk.GetBytes(one, bytes) == 2 && bytes[0] is >= 0xB0 and <= 0xF7 && bytes[1] >= 0xA1;
            var inBig5Frequent = big5.GetBytes(one, bytes) == 2 && bytes[0] is >= 0xA4 and <= 0xC6;
            table[value - 0x4E00] = inGb2312 || inBig5Frequent;
        }
        return table;
    });

    /// <summary>Scripts and blocks a Chinese application never uses, but glyph ids land in.</summary>
    private static bool IsStrange(int value)
    {
        if (value is >= 0x0530 and < 0x2000) return true;   // Armenian … Georgian, Hangul Jamo, Ethiopic, Indic, Thai, Lao
        if (value is >= 0x2800 and < 0x2E80) return true;   // Braille, supplemental arrows, Glagolitic, Coptic
        if (value is >= 0x3100 and < 0x3200) return true;   // Bopomofo, Hangul compatibility Jamo, Kanbun
        if (value is >= 0x3400 and < 0x4DC0) return true;   // CJK extension A: rare characters
        if (value is >= 0xA000 and < 0xF900) return true;   // Yi, Hangul syllables, private use
        return value is >= 0x10000 and < 0x1F000 or >= 0x20000;
    }
}
