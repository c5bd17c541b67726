using System.Collections.Immutable;

namespace PilotEval.Documents;

/// <summary>Numbers blocks in reading order as they are found, so every reader cites paragraphs the same way.</summary>
internal sealed class BlockBuilder(string file)
{
    private readonly ImmutableArray<Block>.Builder _blocks = ImmutableArray.CreateBuilder<Block>();
    private readonly ImmutableArray<DocumentFlag>.Builder _flags = ImmutableArray.CreateBuilder<DocumentFlag>();

    public int Count => _blocks.Count;

    /// <summary>Adds a block unless it has neither visible nor hidden text; returns it, or null when skipped.</summary>
    public Block? Add(BlockKind kind, string text, int? page, int? level = null,
        ImmutableArray<string> cells = default, string? hiddenText = null)
    {
        var invisible = TextNormalizer.FindInvisible(text);
        if (invisible?.TagText is { Length: > 0 } smuggled)
        {
            hiddenText = string.IsNullOrEmpty(hiddenText) ? smuggled : hiddenText + " " + smuggled;
        }
        text = TextNormalizer.CleanVisible(text);
        hiddenText = string.IsNullOrWhiteSpace(hiddenText) ? null : TextNormalizer.CleanVisible(hiddenText);
        if (text.Length == 0 && hiddenText is null) return null;

        var location = new SourceLocation(file, page, _blocks.Count + 1);
        var block = new Block(kind, text, location)
        {
            Level = level,
            Cells = cells.IsDefault ? [] : cells,
            HiddenText = hiddenText,
        };
        _blocks.Add(block);
        if (invisible is { } chars)
        {
            _flags.Add(new DocumentFlag(FlagCodes.InvisibleUnicode, $"已删除不可见字符：{chars.CodePoints}", location));
        }
        if (hiddenText is not null)
        {
            _flags.Add(new DocumentFlag(FlagCodes.HiddenText,
                $"不可见文字：{TextNormalizer.Shorten(hiddenText, 60)}", location));
        }
        return block;
    }

    public void Flag(string code, string detail, SourceLocation? location = null) =>
        _flags.Add(new DocumentFlag(code, detail, location));

    public DocumentText Build(string format, int? pages) =>
        new(file, format, pages, _blocks.ToImmutable(), _flags.ToImmutable(), []);
}
