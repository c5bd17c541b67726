using System.Collections.Immutable;
using PilotEval.Documents;

namespace PilotEval.Evidence;

/// <summary>A labelled field of the application cover (封面), e.g. 项目名称, with where it was read.</summary>
public sealed record CoverField(string Label, string Value, SourceLocation Location);

/// <summary>The cover of an application: the fields the programme's form asks for.</summary>
public sealed record CoverFields(ImmutableArray<CoverField> Fields)
{
    public static readonly CoverFields None = new([]);

    /// <summary>
    /// Every place a cover field was read, the first and its repeats (an attachment often restates the cover): a
    /// project's name claims, it proves nothing, wherever it stands.
    /// </summary>
    public ImmutableArray<CoverField> Occurrences { get; init; } = [];

    /// <summary>The sentence restates a cover field of this block: it is the cover, not evidence.</summary>
    public bool Restates(Sentence sentence) =>
        (Occurrences.IsDefaultOrEmpty ? Fields : Occurrences)
            .Any(f => f.Location == sentence.Block.Location && sentence.Text.Contains(f.Value, StringComparison.Ordinal));

    public CoverField? Get(string label) => Fields.FirstOrDefault(f => f.Label == label);

    public string? Project => Get(CoverLabels.Project)?.Value;
    public string? Enterprise => Get(CoverLabels.Enterprise)?.Value;
    public string? Direction => Get(CoverLabels.Direction)?.Value;
    public string? RegisteredAddress => Get(CoverLabels.RegisteredAddress)?.Value;
    public string? CreditCode => Get(CoverLabels.CreditCode)?.Value;
    public string? Contact => Get(CoverLabels.Contact)?.Value;

    /// <summary>申报日期 as written (2024年10月15日, 2024-10-15, 2024.10.15, 二〇二四年十月); null when absent or not a date.</summary>
    public DateOnly? Date => Get(CoverLabels.Date)?.Value is { } text ? CoverDates.Parse(text) : null;

    /// <summary>The credit code passes its GB 32100 check; null when the cover has none.</summary>
    public bool? CreditCodeValid => CreditCode is { } code ? PilotEval.Evidence.CreditCode.IsValid(code) : null;
}

/// <summary>The canonical cover labels, and the other ways applicants write them.</summary>
public static class CoverLabels
{
    public const string Project = "项目名称";
    public const string Enterprise = "申报单位";
    public const string Direction = "申报方向";
    public const string RegisteredAddress = "注册地";
    public const string CreditCode = "统一社会信用代码";
    public const string Contact = "联系人";
    public const string Phone = "联系电话";
    public const string Date = "申报日期";
    public const string Partners = "联合申报单位";
    public const string Recommender = "推荐单位";

    /// <summary>The canonical labels, in cover order; their spellings are in the lexicon (<c>coverLabels</c>).</summary>
    public static readonly ImmutableArray<string> Canonical =
        [Project, Partners, Enterprise, Direction, RegisteredAddress, CreditCode, Contact, Phone, Date, Recommender];

    /// <summary>Canonical label → the spellings that mean it, longest first, from the shipped lexicon.</summary>
    public static ImmutableArray<(string Label, ImmutableArray<string> Spellings)> All => Language.EvidenceLexicon.Default.CoverLabels;
}
