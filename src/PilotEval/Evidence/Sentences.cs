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

    [GeneratedRegex(@"[^。！？；!?;]+[。！？；!?;]*[”’」』）)]*")]
    private static partial Regex SentencePattern();
}
