using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using PilotEval.Documents;

namespace PilotEval.Publishing;

/// <summary>What <c>piloteval extract</c> prints: the blocks of one file as plain text or as the JSON of DESIGN.md.</summary>
public static class DocumentListing
{
    public sealed record BlockItem(
        string Kind,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? Level,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] ImmutableArray<string>? Cells,
        string Text,
        int? Page,
        int Paragraph,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? HiddenText);

    public sealed record FlagItem(string Code, string Detail, int? Page, int? Paragraph);

    public sealed record ErrorItem(string Code, string Message);

    public sealed record Listing(string File, string Format, int? Pages, ImmutableArray<BlockItem> Blocks,
        ImmutableArray<FlagItem> Flags, ImmutableArray<ErrorItem> Errors)
    {
        /// <summary>The headings PilotEval recognised (styles and 一、（一）1.（1） numbering): the sections quotes are cited in.</summary>
        public ImmutableArray<OutlineItem> Outline { get; init; } = [];
    }

    public sealed record OutlineItem(string Title, int Level, int? Page, int Paragraph);

    public static string Json(DocumentText document) =>
        JsonSerializer.Serialize(new Listing(
            document.File, document.Format, document.Pages,
            [.. document.Blocks.Select(b => new BlockItem(KindName(b.Kind), b.Level,
                b.Kind == BlockKind.TableRow ? b.Cells : null, b.Text, b.Location.Page, b.Location.Paragraph, b.HiddenText))],
            [.. document.Flags.Select(f => new FlagItem(f.Code, f.Detail, f.Location?.Page, f.Location.BlockParagraph()))],
            [.. document.Errors.Select(e => new ErrorItem(e.Code, e.Message))])
        {
            Outline = Outline(document),
        }, JsonOutput.Options);

    private static ImmutableArray<OutlineItem> Outline(DocumentText document) =>
        [.. Evidence.SectionMap.Build([document]).Headings.Select(h => new OutlineItem(h.Title, h.Level, h.Location.Page, h.Location.Paragraph))];

    public static string Text(DocumentText document)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"{document.File}  ({document.Format}{(document.Pages is { } p ? $", {p} 页" : "")}, {document.Blocks.Length} 块)");
        foreach (var block in document.Blocks)
        {
            var where = block.Location.Page is { } page ? $"p{page} ¶{block.Location.Paragraph}" : $"¶{block.Location.Paragraph}";
            var body = block.Kind switch
            {
                BlockKind.Heading => new string('#', block.Level ?? 1) + " " + block.Text,
                BlockKind.TableRow => "| " + string.Join(" | ", block.Cells) + " |",
                BlockKind.ListItem => "- " + block.Text,
                BlockKind.Note => "[注] " + block.Text,
                BlockKind.Ocr => "[OCR] " + block.Text,
                _ => block.Text,
            };
            text.AppendLine(CultureInfo.InvariantCulture, $"[{where}] {body}");
            if (block.HiddenText is { } hidden) text.AppendLine(CultureInfo.InvariantCulture, $"[{where}] (不可见) {hidden}");
        }
        foreach (var heading in Outline(document))
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"大纲 {new string(' ', 2 * (heading.Level - 1))}{heading.Title} (¶{heading.Paragraph})");
        }
        foreach (var flag in document.Flags)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"标记 {flag.Code}: {flag.Detail}{Where(flag.Location)}");
        }
        foreach (var error in document.Errors)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"错误 {error.Code}: {error.Message}");
        }
        return text.ToString();
    }

    /// <summary>Paragraph 0 marks a flag about a whole page (a scanned page has no block to point at).</summary>
    private static string Where(SourceLocation? location) => location switch
    {
        null => "",
        { Page: { } page, Paragraph: 0 } => $" (p{page})",
        { Page: { } page } => $" (p{page} ¶{location.Paragraph})",
        _ => $" (¶{location.Paragraph})",
    };

    public static string KindName(BlockKind kind) => kind switch
    {
        BlockKind.TableRow => "table-row",
        BlockKind.ListItem => "list-item",
        _ => kind.ToString().ToLowerInvariant(),
    };
}
