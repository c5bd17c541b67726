using System.Globalization;
using System.Text;

namespace PilotEval.Summaries;

/// <summary>
/// Checks that a quote the model attributes to a sentence is really in that sentence. Both are compared
/// after NFKC (full-width and half-width forms agree), with punctuation and whitespace removed and case
/// folded, because models re-punctuate Chinese freely; the quote kept is then the verbatim span of the
/// sentence, so a reader can find it with a plain search.
/// </summary>
public static class QuoteVerifier
{
    /// <summary>Shorter quotes (after folding) prove nothing: two characters occur in almost any sentence.</summary>
    public const int MinimumFoldedLength = 4;

    /// <summary>The verbatim span of <paramref name="sentence"/> that <paramref name="quote"/> matches, or null when it is not there.</summary>
    public static string? Verify(string quote, string sentence)
    {
        var (foldedQuote, _) = Fold(quote);
        if (foldedQuote.Length < MinimumFoldedLength) return null;
        var (foldedSentence, origin) = Fold(sentence);
        var at = foldedSentence.IndexOf(foldedQuote, StringComparison.Ordinal);
        if (at < 0) return null;
        var start = origin[at];
        var end = origin[at + foldedQuote.Length - 1];
        return sentence[start..(end + 1 + (char.IsHighSurrogate(sentence[end]) ? 1 : 0))];
    }

    /// <summary>The folded text, and for each of its characters the index in the original it came from.</summary>
    internal static (string Folded, int[] Origin) Fold(string text)
    {
        var folded = new StringBuilder(text.Length);
        var origin = new List<int>(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var length = char.IsSurrogatePair(text, i) ? 2 : 1;
            var piece = text.Substring(i, length);
            // Per-element NFKC keeps the index map exact; compatibility forms (全角, ligatures) are single elements.
            foreach (var c in piece.Normalize(NormalizationForm.FormKC))
            {
                if (IsFolded(c)) continue;
                folded.Append(char.ToLowerInvariant(c));
                origin.Add(i);
            }
            i += length - 1;
        }
        return (folded.ToString(), [.. origin]);
    }

    private static bool IsFolded(char c) => char.IsWhiteSpace(c) || char.GetUnicodeCategory(c) switch
    {
        UnicodeCategory.ConnectorPunctuation or UnicodeCategory.DashPunctuation or UnicodeCategory.OpenPunctuation
            or UnicodeCategory.ClosePunctuation or UnicodeCategory.InitialQuotePunctuation
            or UnicodeCategory.FinalQuotePunctuation or UnicodeCategory.OtherPunctuation
            or UnicodeCategory.Format or UnicodeCategory.Control => true,
        _ => false,
    };
}
