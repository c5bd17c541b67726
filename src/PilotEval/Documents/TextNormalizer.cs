using System.Globalization;
using System.Text;

namespace PilotEval.Documents;

/// <summary>Text clean-up shared by every reader and by quote matching.</summary>
public static class TextNormalizer
{
    /// <summary>
    /// Collapses runs of white space and trims; keeps every visible character as it was written,
    /// so that quotes taken from the result are verbatim.
    /// </summary>
    public static string CleanVisible(string text)
    {
        if (text.Length == 0) return text;
        var sb = new StringBuilder(text.Length);
        var pendingSpace = false;
        foreach (var rune in text.EnumerateRunes())
        {
            if (Rune.IsWhiteSpace(rune) || rune.Value is 0xA0 or 0x3000)
            {
                pendingSpace = sb.Length > 0;
                continue;
            }
            if (IsInvisible(rune)) continue;
            if (pendingSpace) sb.Append(' ');
            pendingSpace = false;
            sb.Append(rune.ToString());
        }
        return sb.ToString();
    }

    /// <summary>
    /// Format characters a reader cannot see — zero-width, bidi controls, tag characters (U+E0000 block,
    /// used to smuggle ASCII past a reader) — except the soft hyphen, which shows at a line end.
    /// </summary>
    public static bool IsInvisible(Rune rune) =>
        Rune.GetUnicodeCategory(rune) == UnicodeCategory.Format && rune.Value != 0xAD;

    /// <summary>
    /// The invisible characters in <paramref name="text"/>, named by code point, and any ASCII spelled in tag
    /// characters; null when there are none.
    /// </summary>
    public static (string CodePoints, string? TagText)? FindInvisible(string text)
    {
        SortedSet<int>? found = null;
        StringBuilder? tags = null;
        foreach (var rune in text.EnumerateRunes())
        {
            if (!IsInvisible(rune)) continue;
            (found ??= []).Add(rune.Value);
            if (rune.Value is >= 0xE0020 and <= 0xE007E) (tags ??= new StringBuilder()).Append((char)(rune.Value - 0xE0000));
        }
        if (found is null) return null;
        return (string.Join(" ", found.Take(8).Select(v => $"U+{v:X4}")), tags?.ToString());
    }

    /// <summary>Removes all white space: used to compare letter-spaced labels and quotes across readers.</summary>
    public static string WithoutWhiteSpace(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (var ch in text)
        {
            if (!char.IsWhiteSpace(ch) && ch != '\u3000' && ch != '\u00A0') sb.Append(ch);
        }
        return sb.ToString();
    }

    public static string Shorten(string text, int max) =>
        text.Length <= max ? text : string.Concat(text.AsSpan(0, max), "…");

    /// <summary>True for characters of the CJK scripts, where words are not separated by spaces.</summary>
    public static bool IsCjk(char ch) =>
        ch is >= '\u4E00' and <= '\u9FFF' or >= '\u3400' and <= '\u4DBF' or >= '\u3000' and <= '\u303F'
            or >= '\uFF00' and <= '\uFFEF' or >= '\uF900' and <= '\uFAFF';
}
