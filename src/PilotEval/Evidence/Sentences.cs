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

    /// <summary>
    /// Whole sentences, for a reader rather than for evidence: ending in 。！？ (full- or half-width) or an ellipsis
    /// (…… / ...), not at ；, with any closing quotes or brackets kept on the sentence they close. A decimal point (3.5亿)
    /// never ends one. Summaries are made of these.
    /// </summary>
    public static IEnumerable<string> Whole(string text)
    {
        foreach (Match match in WholeSentencePattern().Matches(text))
        {
            var sentence = match.Value.Trim();
            if (sentence.Length > 1) yield return sentence;
        }
    }

    /// <summary>
    /// The clauses of one sentence, split at ，：→ (and the ASCII comma and colon outside numbers) where Chinese sets one predication after
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

    [GeneratedRegex(@"(?:[^。！？!?….]|\.(?!\.\.))+(?:[。！？!?]+|…+|\.{3,})?[”’」』）)]*|(?:…+|\.{3,})[”’」』）)]*")]
    private static partial Regex WholeSentencePattern();

    // An ASCII comma or colon between digits (1,300 款次; 09:30) belongs to a number, not a clause boundary.
    // An arrow (「需求分析（已完成）→系统开发（进行中）」) sets one stage after another, as a comma does; a bar
    // (「运行状态：已上线（2024-09）｜用户数：1.2万」) is a table's cell border rendered in text.
    [GeneratedRegex(@"(?:[^，,：:→｜|]|(?<=\d)[,:](?=\d))+")]
    private static partial Regex ClausePattern();
}
