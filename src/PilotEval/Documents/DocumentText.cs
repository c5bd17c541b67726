using System.Collections.Immutable;

namespace PilotEval.Documents;

/// <summary>What a block is in the reading of a document; serialised in kebab-case (<c>table-row</c>).</summary>
public enum BlockKind
{
    Heading,
    Paragraph,
    TableRow,
    ListItem,
    /// <summary>Footnote, comment, header or footer text: kept apart from the body and never scored.</summary>
    Note,
    /// <summary>Text recognised from an image.</summary>
    Ocr,
}

/// <summary>
/// Where a piece of text stands in a submitted file, so a panel member can find it.
/// </summary>
/// <param name="File">Path of the file relative to the submissions directory.</param>
/// <param name="Page">1-based PDF page; null for .docx, whose pages are decided by the viewer.</param>
/// <param name="Paragraph">1-based index of the block in the file's reading order.</param>
public sealed record SourceLocation(string File, int? Page, int Paragraph);

public static class SourceLocationExtensions
{
    /// <summary>
    /// The paragraph to print, or null: a flag about a whole page (no text layer, say) is located at paragraph 0,
    /// which the output contract, where paragraphs are 1-based, writes as null beside the page.
    /// </summary>
    public static int? BlockParagraph(this SourceLocation? location) => location is { Paragraph: > 0 } l ? l.Paragraph : null;
}

/// <summary>
/// One unit of reading order: a heading, a paragraph, a table row, a list item, a note.
/// <see cref="Text"/> is exactly what a reader sees; text a reader cannot see is kept apart in
/// <see cref="HiddenText"/> so integrity checks can inspect it while it can never become evidence.
/// </summary>
public sealed record Block(BlockKind Kind, string Text, SourceLocation Location)
{
    /// <summary>Heading level (1 = top) for headings; null otherwise.</summary>
    public int? Level { get; init; }

    /// <summary>Cell texts for table rows; empty otherwise.</summary>
    public ImmutableArray<string> Cells { get; init; } = [];

    /// <summary>Text inside this block that a reader cannot see (vanished runs, white or tiny text), or null.</summary>
    public string? HiddenText { get; init; }
}

/// <summary>Something the panel should know about a file that is not a failure to read it.</summary>
/// <param name="Code">A kebab-case flag code from DESIGN.md, e.g. <c>hidden-text</c>.</param>
public sealed record DocumentFlag(string Code, string Detail, SourceLocation? Location = null);

/// <summary>Why a file could not be read. <paramref name="Code"/> is one of the file error codes in DESIGN.md.</summary>
public sealed record FileError(string File, string Code, string Message);

/// <summary>
/// Everything PilotEval read from one file: blocks in reading order, integrity flags and errors.
/// An unreadable file has errors and no blocks; it is data, not an exception.
/// </summary>
public sealed record DocumentText(
    string File,
    string Format,
    int? Pages,
    ImmutableArray<Block> Blocks,
    ImmutableArray<DocumentFlag> Flags,
    ImmutableArray<FileError> Errors)
{
    public bool IsReadable => Errors.IsEmpty && !Blocks.IsEmpty;

    /// <summary>
    /// Pages flagged <c>needs-ocr</c> on which OCR ran to the end and found no text (a blank scan, a photograph):
    /// a final reading, which every run would make again. Any other <c>needs-ocr</c> page — OCR not installed,
    /// stopped short, failed or killed — was not read, and a reading with one is not kept.
    /// </summary>
    public ImmutableArray<int> OcrFoundNoText { get; init; } = [];

    /// <summary>Blocks that may serve as evidence: body text only, never notes.</summary>
    public IEnumerable<Block> BodyBlocks => Blocks.Where(b => b.Kind != BlockKind.Note);

    public static DocumentText Failed(string file, string format, string code, string message) =>
        new(file, format, null, [], [], [new FileError(file, code, message)]);
}
