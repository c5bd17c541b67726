using System.Collections.Immutable;
using System.Text.RegularExpressions;
using PilotEval.Documents;

namespace PilotEval.Evidence;

/// <summary>
/// Reads cover fields written as 「标签：值」 paragraphs or as table rows of label and value cells,
/// with letter-spaced labels (项 目 名 称) and full- or half-width colons. The first occurrence wins.
/// </summary>
public static partial class CoverReader
{
    /// <summary>A label may stand without a colon only near the top (a PDF-rendered cover table).</summary>
    private const int CoverBlockWindow = 40;

    public static CoverFields Read(IEnumerable<DocumentText> documents)
    {
        var found = new Dictionary<string, CoverField>();
        foreach (var document in documents.Where(d => d.IsReadable))
        {
            foreach (var block in document.BodyBlocks)
            {
                var nearTop = block.Location.Paragraph <= CoverBlockWindow;
                foreach (var field in block.Kind == BlockKind.TableRow ? FromCells(block) : FromText(block, nearTop))
                {
                    found.TryAdd(field.Label, field);
                }
            }
        }
        return new CoverFields([.. CoverLabels.All.Select(l => l.Label).Where(found.ContainsKey).Select(l => found[l])]);
    }

    private static IEnumerable<CoverField> FromCells(Block row)
    {
        var cells = row.Cells;
        for (var i = 0; i < cells.Length - 1; i++)
        {
            var label = CanonicalLabel(TextNormalizer.WithoutWhiteSpace(cells[i]).TrimEnd('：', ':'));
            if (label is null) continue;
            var value = cells.Skip(i + 1).FirstOrDefault(c => c.Length > 0 && CanonicalLabel(TextNormalizer.WithoutWhiteSpace(c).TrimEnd('：', ':')) is null);
            if (!string.IsNullOrWhiteSpace(value)) yield return new CoverField(label, value.Trim(), row.Location);
        }
        // A row may also hold 「标签：值」 in one cell.
        foreach (var cell in cells)
        {
            foreach (var field in FromLine(cell, row.Location, requireColon: true)) yield return field;
        }
    }

    private static IEnumerable<CoverField> FromText(Block block, bool nearTop) =>
        FromLine(block.Text, block.Location, requireColon: !nearTop);

    private static IEnumerable<CoverField> FromLine(string text, SourceLocation location, bool requireColon)
    {
        var matches = LabelPattern().Matches(text);
        for (var i = 0; i < matches.Count; i++)
        {
            var match = matches[i];
            var label = CanonicalLabel(TextNormalizer.WithoutWhiteSpace(match.Groups["label"].Value));
            if (label is null) continue;
            var hasColon = match.Groups["colon"].Success;
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

    private static string? CanonicalLabel(string spelled)
    {
        foreach (var (label, spellings) in CoverLabels.All)
        {
            if (spellings.Contains(spelled)) return label;
        }
        return null;
    }

    /// <summary>Any spelling of any label, letters optionally spaced apart, then an optional colon.</summary>
    [GeneratedRegex(@"(?<label>项\s*目\s*名\s*称|示\s*范\s*项\s*目\s*名\s*称|联\s*合\s*申\s*报\s*单\s*位|申\s*报\s*单\s*位\s*[（(]\s*牵\s*头\s*[）)]|牵\s*头\s*申\s*报\s*单\s*位|申\s*报\s*单\s*位|申\s*报\s*企\s*业|申\s*报\s*方\s*向|申\s*报\s*赛\s*道|申\s*报\s*类\s*别|注\s*册\s*地\s*址|注\s*册\s*所\s*在\s*地|注\s*册\s*地|统\s*一\s*社\s*会\s*信\s*用\s*代\s*码|联\s*系\s*人|联\s*系\s*电\s*话|申\s*报\s*日\s*期|填\s*报\s*日\s*期|推\s*荐\s*单\s*位)\s*(?<colon>[：:])?\s*")]
    private static partial Regex LabelPattern();
}
