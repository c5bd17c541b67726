namespace PilotEval.Samples.Model;

/// <summary>What the file on disk becomes; PDFs are produced from a .docx through LibreOffice.</summary>
public enum OutputFormat
{
    Docx,
    Pdf,
}

/// <summary>
/// How the cover fields are laid out. Real applications vary here and the product's cover reader
/// has to cope with all of them, so the samples deliberately spread across the forms.
/// </summary>
public enum CoverForm
{
    /// <summary>2-column Word table, label cell | value cell.</summary>
    Table,

    /// <summary>2-column table whose labels are letter-spaced (「项 目 名 称」).</summary>
    TableSpacedLabels,

    /// <summary>One paragraph per field, 「项目名称：……」 with a full-width colon.</summary>
    ParagraphsFullWidthColon,

    /// <summary>One paragraph per field with a half-width colon, as typed on an English keyboard.</summary>
    ParagraphsHalfWidthColon,

    /// <summary>Paragraphs with letter-spaced labels and a full-width colon.</summary>
    ParagraphsSpacedLabels,
}

/// <summary>
/// Which heading style ids the document defines. Chinese builds of Word and WPS save the built-in
/// headings under the ids "1"/"2" (and Normal under "a"), so a reader keyed on "Heading1" alone
/// would miss every heading of such a file.
/// </summary>
public enum HeadingFlavor
{
    Standard,
    ChineseWord,
}

/// <summary>Quality tier the sample was written to; used by tests as the expected ranking.</summary>
public enum Quality
{
    Strong,
    Medium,
    Weak,
    ExcludedInConstruction,
    ExcludedOutsideBeijing,
}

public static class Tracks
{
    public const string Talent = "talent";
    public const string RiskAssessment = "risk-assessment";
    public const string IncidentHandling = "incident-handling";
    public const string TechnologyApplication = "technology-application";
    public const string DataElementFlow = "data-element-flow";

    /// <summary>The 申报方向 wording that must appear on the cover for each track id.</summary>
    public static string CoverName(string trackId) => trackId switch
    {
        Talent => "人才培养",
        RiskAssessment => "风险评估",
        IncidentHandling => "事件处置",
        TechnologyApplication => "先进技术产品应用",
        DataElementFlow => "数据要素安全流通",
        _ => throw new ArgumentOutOfRangeException(nameof(trackId), trackId, "unknown track id"),
    };
}

public sealed record Cover(
    string ProjectName,
    string Applicant,
    string Track,
    string JointApplicant,
    string Recommender,
    string Contact,
    string Phone,
    string Date);

public abstract record Block;

/// <summary>A body paragraph (first-line indented prose).</summary>
public sealed record Para(string Text) : Block;

/// <summary>A Heading 2 sub-heading such as 「（一）培养体系」.</summary>
public sealed record SubHeading(string Text) : Block;

public sealed record TableBlock(IReadOnlyList<string> Header, IReadOnlyList<IReadOnlyList<string>> Rows) : Block;

/// <summary>A Heading 1 section; the Chinese ordinal is part of the heading text, as in real forms.</summary>
public sealed record Section(string Heading, IReadOnlyList<Block> Blocks);

/// <summary>
/// One Word document. The cover is optional because attachments (test reports, acceptance
/// reports) have their own title page rather than an application cover.
/// </summary>
public sealed record DocumentSpec(
    string Title,
    Cover? Cover,
    CoverForm CoverForm,
    HeadingFlavor Headings,
    IReadOnlyList<Section> Sections,
    string Author,
    DateTime Created);

/// <summary>An extra file shipped with a folder submission.</summary>
public sealed record Attachment(string FileName, OutputFormat Format, DocumentSpec Document);

/// <summary>
/// One submission. <see cref="Name"/> is the file name without extension, or the folder name when
/// <see cref="Attachments"/> is non-empty (then the application is written as application.docx/pdf
/// inside that folder).
/// </summary>
public sealed record Submission(
    string Name,
    OutputFormat Format,
    string TrackId,
    Quality Quality,
    DocumentSpec Application,
    IReadOnlyList<Attachment> Attachments)
{
    public bool IsFolder => Attachments.Count > 0;

    /// <summary>
    /// Name of the sample this one retells: same enterprise facts and figures, another company name and
    /// another writer's hand. Null for originals. Lets tests check that evidence found in an original is
    /// found again when the same facts are worded, ordered and laid out differently.
    /// </summary>
    public string? RewriteOf { get; init; }

    public Cover Cover => Application.Cover ?? throw new InvalidOperationException($"{Name} has no cover");
}
