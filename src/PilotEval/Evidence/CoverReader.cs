using System.Collections.Immutable;
using PilotEval.Documents;

namespace PilotEval.Evidence;

/// <summary>
/// Reads cover fields written as 「标签：值」 paragraphs or as table rows of label and value cells,
/// with letter-spaced labels (项 目 名 称) and full- or half-width colons. The first occurrence wins; every occurrence,
/// an attachment's repeated cover included, is kept so that none of them counts as evidence. The labels and their
/// spellings are the lexicon's (<c>coverLabels</c>), read the same way from a table and from a paragraph.
/// </summary>
public static class CoverReader
{
    /// <summary>A label may stand without a colon only near the top (a PDF-rendered cover table).</summary>
    private const int CoverBlockWindow = 40;

    public static CoverFields Read(IEnumerable<DocumentText> documents) => Read(documents, Language.EvidenceLexicon.Default);

    public static CoverFields Read(IEnumerable<DocumentText> documents, Language.EvidenceLexicon lexicon)
    {
        var found = new Dictionary<string, CoverField>();
        var occurrences = ImmutableArray.CreateBuilder<CoverField>();
        foreach (var document in documents.Where(d => d.IsReadable))
        {
            foreach (var block in document.BodyBlocks)
            {
                var nearTop = block.Location.Paragraph <= CoverBlockWindow;
                foreach (var field in block.Kind == BlockKind.TableRow ? FromCells(block, lexicon) : FromLine(block.Text, block.Location, !nearTop, lexicon))
                {
                    found.TryAdd(field.Label, field);
                    occurrences.Add(field);
                }
            }
        }
        return new CoverFields([.. CoverLabels.Canonical.Where(found.ContainsKey).Select(l => found[l])]) { Occurrences = occurrences.ToImmutable() };
    }

    private static IEnumerable<CoverField> FromCells(Block row, Language.EvidenceLexicon lexicon)
    {
        var cells = row.Cells;
        for (var i = 0; i < cells.Length - 1; i++)
        {
            var label = lexicon.CanonicalCoverLabel(TextNormalizer.WithoutWhiteSpace(cells[i]).TrimEnd('：', ':'));
            if (label is null) continue;
            var value = cells.Skip(i + 1).FirstOrDefault(c => c.Length > 0 && lexicon.CanonicalCoverLabel(TextNormalizer.WithoutWhiteSpace(c).TrimEnd('：', ':')) is null);
            if (!string.IsNullOrWhiteSpace(value)) yield return new CoverField(label, value.Trim(), row.Location);
        }
        // A row may also hold 「标签：值」 in one cell.
        foreach (var cell in cells)
        {
            foreach (var field in FromLine(cell, row.Location, requireColon: true, lexicon)) yield return field;
        }
    }

    private static IEnumerable<CoverField> FromLine(string text, SourceLocation location, bool requireColon, Language.EvidenceLexicon lexicon)
    {
        var matches = lexicon.CoverLabelPattern.Matches(text);
        for (var i = 0; i < matches.Count; i++)
        {
            var match = matches[i];
            var label = lexicon.CanonicalCoverLabel(match.Groups["label"].Value);
            if (label is null) continue;
            var hasColon = match.Groups["colon"].Success;
            // 「联合申报单位注册地：北京市海淀区」: a field named right after the co-applicants' label is theirs, not the
            // applicant's.
            if (i > 0 && matches[i - 1] is var previous && !previous.Groups["colon"].Success && previous.Index + previous.Length == match.Index &&
                lexicon.CanonicalCoverLabel(previous.Groups["label"].Value) == CoverLabels.Partners) continue;
            // Without a colon, a label must open the line ("项目名称 数据安全…" in a PDF cover table) and stand apart from
            // its value: 「申报单位为深圳某公司…」「申报单位近三年是否发生…」 are sentences, not cover fields.
            if (!hasColon && (requireColon || match.Index > 0 && i == 0 && text[..match.Index].Trim().Length > 0)) continue;
            if (!hasColon && match.Length == match.Groups["label"].Length && match.Index + match.Length < text.Length) continue;
            var end = i + 1 < matches.Count ? matches[i + 1].Index : text.Length;
            var start = match.Index + match.Length;
            if (end <= start) continue;
            var value = text[start..end];
            var stop = value.IndexOfAny(['；', ';', '。', '，']);
            value = (stop >= 0 ? value[..stop] : value).Trim().TrimEnd('，', ',').Trim();
            if (value.Length > 0 && value.Length <= 120) yield return new CoverField(label, value, location);
        }
    }
}
