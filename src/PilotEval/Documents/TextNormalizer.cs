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
        foreach (var ch in text)
        {
            if (char.IsWhiteSpace(ch) || ch == '\u00A0' || ch == '\u3000')
            {
                pendingSpace = sb.Length > 0;
                continue;
            }
            if (IsInvisibleFormatCharacter(ch)) continue;
            if (pendingSpace) sb.Append(' ');
            pendingSpace = false;
            sb.Append(ch);
        }
        return sb.ToString();
    }

    /// <summary>Zero-width and bidi controls: invisible to a reader, so never part of what we read.</summary>
    public static bool IsInvisibleFormatCharacter(char ch) =>
        CharUnicodeInfo.GetUnicodeCategory(ch) == UnicodeCategory.Format && ch != '\u00AD' ||
        ch is '\uFEFF';

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
