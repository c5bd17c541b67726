using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace PilotEval.Summaries;

/// <summary>
/// Makes application text fit to leave the machine: personal data (phone numbers, ID card numbers, e-mail
/// addresses) replaced by placeholders, and characters a reader cannot see removed. Hidden runs are already
/// kept out of <see cref="Documents.Block.Text"/> by the readers; invisible format characters (zero-width
/// spaces, bidi overrides) can still hide words inside visible text, so they go too.
/// </summary>
public static partial class PromptSanitizer
{
    public const string PhonePlaceholder = "[电话]";
    public const string IdCardPlaceholder = "[身份证号]";
    public const string EmailPlaceholder = "[邮箱]";

    public static string Clean(string text) => Redact(RemoveInvisible(text));

    /// <summary>E-mail first (its digits must not be read as a phone), then ID cards (18 digits contain 11), then phones.</summary>
    public static string Redact(string text)
    {
        text = Email().Replace(text, EmailPlaceholder);
        text = IdCard().Replace(text, IdCardPlaceholder);
        text = Phone().Replace(text, PhonePlaceholder);
        return text;
    }

    /// <summary>Removes format (Cf) and control characters, keeping ordinary whitespace as a space.</summary>
    public static string RemoveInvisible(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            var category = CharUnicodeInfo.GetUnicodeCategory(c);
            if (category is UnicodeCategory.Format) continue;
            if (category is UnicodeCategory.Control) { if (char.IsWhiteSpace(c)) builder.Append(' '); continue; }
            builder.Append(c);
        }
        return builder.ToString();
    }

    /// <summary>True when the text still holds something that looks like personal data.</summary>
    public static bool ContainsPersonalData(string text) => Email().IsMatch(text) || IdCard().IsMatch(text) || Phone().IsMatch(text);

    [GeneratedRegex(@"[A-Za-z0-9._%+\-]+@[A-Za-z0-9.\-]+\.[A-Za-z]{2,}")]
    private static partial Regex Email();

    /// <summary>Resident ID cards: 18 characters (17 digits and a digit or X), or the old 15 digits.</summary>
    [GeneratedRegex(@"(?<![0-9A-Za-z])(?:[1-9]\d{5}(?:18|19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[\dXx]|[1-9]\d{7}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3})(?![0-9A-Za-z])")]
    private static partial Regex IdCard();

    /// <summary>
    /// Mainland mobiles (1[3-9] and nine digits, spaced or dashed as 3-4-4) and landlines with an area code
    /// (010-12345678, (010)1234 5678), with an optional +86 and extension.
    /// </summary>
    [GeneratedRegex(@"(?<![0-9A-Za-z])(?:(?:\+|00)86[\s\-]?)?(?:1[3-9]\d[\s\-]?\d{4}[\s\-]?\d{4}|[（(]?0\d{2,3}[）)]?[\s\-]?\d{3,4}[\s\-]?\d{4}(?:\s*(?:转|-|ext\.?)\s*\d{1,6})?|400[\s\-]?\d{3}[\s\-]?\d{4})(?![0-9A-Za-z])")]
    private static partial Regex Phone();
}
