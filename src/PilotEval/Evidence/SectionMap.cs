using System.Collections.Immutable;
using System.Text.RegularExpressions;
using PilotEval.Documents;

namespace PilotEval.Evidence;

/// <summary>A heading of the application, where it starts and how deep it sits (1 = 一、, 2 = （一）, 3 = 1., 4 = （1））.</summary>
public sealed record SectionHeading(string Title, int Level, SourceLocation Location);

/// <summary>
/// A section of the application form (<c>formSections</c> in <c>rubrics/lexicon.yaml</c>) and the headings that name it.
/// </summary>
public sealed record FormSection(string Id, string Name, ImmutableArray<string> Headings)
{
    /// <summary>The company profile: never a source of what the project did or achieved.</summary>
    public const string Applicant = "applicant";
    /// <summary>The technical or implementation plan: what the project did (the casebook's 主要做法).</summary>
    public const string Solution = "solution";
    /// <summary>What the project achieved (the casebook's 应用成效).</summary>
    public const string Results = "results";
    /// <summary>Roll-out and replication (the casebook's 可复制、可推广的经验).</summary>
    public const string Promotion = "promotion";

    /// <summary>Ids code reads, so a lexicon without them is refused at load.</summary>
    public static readonly ImmutableArray<string> Required = [Applicant, Solution, Results, Promotion];

    /// <summary>Whether a heading's title names this section, ignoring spacing and numbering.</summary>
    public bool Names(string title)
    {
        var compact = TextNormalizer.WithoutWhiteSpace(title);
        return Headings.Any(h => compact.Contains(h, StringComparison.Ordinal));
    }
}

/// <summary>
/// The outline of each file, from heading styles and from Chinese numbering (一、 （一） 1. （1）), which is how
/// applicants structure a 申报书 whether or not they use Word's heading styles. Tells the panel which
/// section a quote stands in, and tells the pipeline which sections of the form are missing.
/// </summary>
public sealed partial class SectionMap
{
    public static readonly SectionMap Empty = new([]);

    /// <summary>A heading is short and is not a sentence: longer lines with sentence punctuation are numbered paragraphs.</summary>
    public const int MaxHeadingLength = 32;

    private readonly ImmutableDictionary<string, ImmutableArray<SectionHeading>> _byFile;

    private SectionMap(ImmutableArray<SectionHeading> headings)
    {
        Headings = headings;
        _byFile = headings.GroupBy(h => h.Location.File)
            .ToImmutableDictionary(g => g.Key, g => g.OrderBy(h => h.Location.Paragraph).ToImmutableArray());
    }

    /// <summary>Every heading of every file, in reading order.</summary>
    public ImmutableArray<SectionHeading> Headings { get; }

    public static SectionMap Build(IEnumerable<DocumentText> documents) =>
        new([.. documents.Where(d => d.IsReadable).SelectMany(d => d.BodyBlocks).Select(AsHeading).OfType<SectionHeading>()]);

    /// <summary>The heading a block opens, or null when it is body text.</summary>
    public static SectionHeading? AsHeading(Block block)
    {
        var text = block.Text.Trim();
        if (text.Length == 0 || block.Kind == BlockKind.TableRow) return null;
        var numbered = NumberingLevel(text);
        if (block.Kind == BlockKind.Heading) return new SectionHeading(text, block.Level ?? numbered ?? 1, block.Location);
        if (numbered is null || text.Length > MaxHeadingLength || SentencePunctuation().IsMatch(text)) return null;
        return new SectionHeading(text, numbered.Value, block.Location);
    }

    /// <summary>The depth a Chinese numbering prefix marks, or null when the text is not numbered.</summary>
    public static int? NumberingLevel(string text)
    {
        if (TopNumbering().IsMatch(text)) return 1;
        if (SecondNumbering().IsMatch(text)) return 2;
        if (ThirdNumbering().IsMatch(text)) return 3;
        if (FourthNumbering().IsMatch(text)) return 4;
        return null;
    }

    /// <summary>
    /// The outline path of the section a location falls in, e.g. 「五、应用成效 / （一）培训规模」; null before the first heading
    /// (the cover) or for a file without headings.
    /// </summary>
    public string? PathOf(SourceLocation location)
    {
        if (!_byFile.TryGetValue(location.File, out var headings)) return null;
        var path = new List<SectionHeading>();
        foreach (var heading in headings)
        {
            if (heading.Location.Paragraph > location.Paragraph) break;
            path.RemoveAll(h => h.Level >= heading.Level);
            path.Add(heading);
        }
        return path.Count == 0 ? null : string.Join(" / ", path.Select(h => h.Title));
    }

    /// <summary>The first heading that names the section, ignoring spacing and numbering.</summary>
    public SectionHeading? Find(FormSection section) => Headings.FirstOrDefault(h => section.Names(h.Title));

    [GeneratedRegex(@"^(第[一二三四五六七八九十]+(章|部分)|[一二三四五六七八九十]+[、.．])")]
    private static partial Regex TopNumbering();

    [GeneratedRegex(@"^[（(][一二三四五六七八九十]+[）)]")]
    private static partial Regex SecondNumbering();

    // 「1.5万」 is a number, not a heading; the numbering is followed by text, not a digit.
    [GeneratedRegex(@"^\d{1,2}\s*[.．、](?!\d)")]
    private static partial Regex ThirdNumbering();

    [GeneratedRegex(@"^[（(]\d{1,2}[）)]")]
    private static partial Regex FourthNumbering();

    [GeneratedRegex(@"[。；;，,！？]")]
    private static partial Regex SentencePunctuation();
}
