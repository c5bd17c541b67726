using System.Text.RegularExpressions;
using PilotEval.Documents;

namespace PilotEval.Evidence;

/// <summary>Splits body text into sentences, the unit of evidence. Each sentence is a verbatim substring of its block.</summary>
public static partial class Sentences
{
    public static IEnumerable<Sentence> Of(IEnumerable<DocumentText> documents) =>
        documents.Where(d => d.IsReadable)
            .SelectMany(d => d.BodyBlocks)
            .Where(b => b.Kind != BlockKind.Heading)
            .SelectMany(b => Split(b.Text).Select(s => new Sentence(s, b)));

    /// <summary>Chinese sentences end with 。！？；; a table row is one sentence.</summary>
    public static IEnumerable<string> Split(string text)
    {
        foreach (Match match in SentencePattern().Matches(text))
        {
            var sentence = match.Value.Trim();
            if (sentence.Length > 1) yield return sentence;
        }
    }

    /// <summary>
    /// The clauses of one sentence, split at ，： (and their ASCII forms outside numbers) where Chinese sets one predication after
    /// another. 、 joins list items inside a clause and does not split. Each clause is a verbatim substring
    /// of the sentence, given with its offset so a reader can point back into the quote.
    /// </summary>
    public static IEnumerable<(int Start, string Text)> Clauses(string sentence)
    {
        foreach (Match match in ClausePattern().Matches(sentence))
        {
            var text = match.Value.TrimEnd('。', '！', '？', '；', '!', '?', ';');
            var trimmed = text.TrimStart();
            if (trimmed.Trim().Length > 0) yield return (match.Index + text.Length - trimmed.Length, trimmed.TrimEnd());
        }
    }

    [GeneratedRegex(@"[^。！？；!?;]+[。！？；!?;]*[”’」』）)]*")]
    private static partial Regex SentencePattern();

    // An ASCII comma or colon between digits (1,300 款次; 09:30) belongs to a number, not a clause boundary.
    [GeneratedRegex(@"(?:[^，,：:]|(?<=\d)[,:](?=\d))+")]
    private static partial Regex ClausePattern();
}
