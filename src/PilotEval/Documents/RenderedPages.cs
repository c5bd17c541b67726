using System.Collections.Immutable;
using UglyToad.PdfPig;

namespace PilotEval.Documents;

/// <summary>
/// Page numbers for a document whose own file records none — a .doc or .wps converted by LibreOffice, which writes no
/// <c>w:lastRenderedPageBreak</c> into the .docx — taken from LibreOffice's PDF rendering of the same file: each body
/// block is found, in reading order, in the text of the rendered pages, and cited on the page where it starts. A block
/// that cannot be found (a picture's OCR text, a cell LibreOffice laid out elsewhere) takes the page of its neighbours
/// when both lie on the same page, and no page otherwise: a page that might be wrong would send the panel to the wrong
/// place, which is worse than none.
/// </summary>
internal static class RenderedPages
{
    /// <summary>Characters of a block looked for at once: long enough to be unique in a document, short enough to stay on one page.</summary>
    private const int KeyLength = 24;

    /// <summary>Below this a text is too common to be looked for far ahead ("一、", "附件：").</summary>
    private const int ShortText = 6;

    /// <summary>How far past the last block found a short text may be, in characters of page text.</summary>
    private const int ShortWindow = 200;

    /// <summary>The text of each page of a PDF, without white space.</summary>
    public static IReadOnlyList<string> TextOf(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf, new ParsingOptions { UseLenientParsing = true });
        return [.. document.GetPages().Select(page => TextNormalizer.WithoutWhiteSpace(page.Text))];
    }

    /// <summary><paramref name="document"/> with its blocks, and the flags on them, cited on the rendered pages.</summary>
    public static DocumentText Apply(DocumentText document, IReadOnlyList<string> pages)
    {
        if (pages.Count == 0) return document;
        var all = string.Concat(pages);
        var starts = new int[pages.Count];
        for (int i = 1; i < pages.Count; i++) starts[i] = starts[i - 1] + pages[i - 1].Length;
        int PageAt(int index)
        {
            var at = Array.BinarySearch(starts, index);
            // Empty pages share their start with the next page: the text belongs to the last page that starts there.
            if (at >= 0) while (at + 1 < starts.Length && starts[at + 1] == index) at++;
            return (at >= 0 ? at : ~at - 1) + 1;
        }

        var blocks = document.Blocks;
        var found = new int?[blocks.Length];
        var cursor = 0;
        for (var i = 0; i < blocks.Length; i++)
        {
            if (blocks[i].Kind is BlockKind.Note or BlockKind.Ocr) continue;
            if (Locate(all, blocks[i], cursor) is not { } match) continue;
            found[i] = PageAt(match.Start);
            cursor = match.End;
        }

        var page = new int?[blocks.Length];
        for (var i = 0; i < blocks.Length; i++)
        {
            if (blocks[i].Kind == BlockKind.Note) continue;
            if (found[i] is { } certain)
            {
                page[i] = certain;
                continue;
            }
            int? before = null, after = null;
            for (var j = i - 1; j >= 0 && before is null; j--) before = found[j];
            for (var j = i + 1; j < blocks.Length && after is null; j++) after = found[j];
            page[i] = (before, after) switch
            {
                ({ } b, { } a) when a == b => b,
                (null, 1) => 1,
                ({ } b, null) when b == pages.Count => b,
                _ => null,
            };
        }

        var byParagraph = new Dictionary<int, int?>();
        var mapped = ImmutableArray.CreateBuilder<Block>(blocks.Length);
        for (var i = 0; i < blocks.Length; i++)
        {
            mapped.Add(blocks[i] with { Location = blocks[i].Location with { Page = page[i] } });
            byParagraph[blocks[i].Location.Paragraph] = page[i];
        }
        var flags = document.Flags.Select(f =>
            f.Location is { Page: null } location && byParagraph.TryGetValue(location.Paragraph, out var p) && p is not null
                ? f with { Location = location with { Page = p } }
                : f);
        return document with { Pages = pages.Count, Blocks = mapped.MoveToImmutable(), Flags = [.. flags] };
    }

    /// <summary>Where a block's text starts and ends in the pages' text at or after <paramref name="cursor"/>, or null.</summary>
    private static (int Start, int End)? Locate(string all, Block block, int cursor)
    {
        var text = TextNormalizer.WithoutWhiteSpace(block.Text);
        if (text.Length == 0) return null;
        if (text.Length < ShortText)
        {
            var at = all.IndexOf(text, cursor, Math.Min(ShortWindow + text.Length, all.Length - cursor), StringComparison.Ordinal);
            return at >= 0 ? (at, at + text.Length) : null;
        }
        // The block's start first; then past a numbering label the two programs may render differently ("1." / "1．");
        // then its middle, and for a table row each cell, which LibreOffice may lay out in another order.
        var probes = new List<(string Key, int Offset)>();
        foreach (var offset in new[] { 0, Math.Min(4, text.Length - ShortText), Math.Max(0, text.Length / 2 - KeyLength / 2) })
            probes.Add((Key(text, offset), offset));
        probes.AddRange(block.Cells.Select(TextNormalizer.WithoutWhiteSpace).Where(c => c.Length >= ShortText).Select(c => (Key(c, 0), 0)));
        foreach (var (key, offset) in probes)
        {
            var at = all.IndexOf(key, cursor, StringComparison.Ordinal);
            // A probe found past the start stands for the block's start that many characters earlier.
            if (at >= 0) return (Math.Max(cursor, at - offset), at + key.Length);
        }
        return null;
    }

    private static string Key(string text, int from) => text.Substring(from, Math.Min(KeyLength, text.Length - from));
}
