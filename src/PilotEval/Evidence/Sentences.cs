using System.Text.RegularExpressions;
using PilotEval.Documents;

namespace PilotEval.Evidence;

/// <summary>Splits body text into sentences, the unit of evidence. Each sentence is a verbatim substring of its block.</summary>
public static partial class Sentences
{
    public static IEnumerable<Sentence> Of(IEnumerable<DocumentText> documents) =>
        documents.Where(d => d.IsReadable).SelectMany(Of);

    /// <summary>
    /// The sentences of one file. A table row is one sentence; rows below a table's first row carry its cells as
    /// column labels, so a bare number in a cell can take its unit from its column (「培训人次 | 3200」).
    /// </summary>
    private static IEnumerable<Sentence> Of(DocumentText document)
    {
        Block? header = null;
        Block? previous = null;
        foreach (var block in document.BodyBlocks)
        {
            if (block.Kind != BlockKind.TableRow) header = null;
            else if (previous?.Kind != BlockKind.TableRow || header is null || header.Cells.Length != block.Cells.Length) header = block;
            previous = block;
            if (block.Kind == BlockKind.Heading) continue;
            var labels = header is not null && header != block ? header.Cells : [];
            foreach (var text in Split(block.Text)) yield return new Sentence(text, block) { ColumnLabels = labels };
        }
    }

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
