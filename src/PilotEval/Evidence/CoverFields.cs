using System.Collections.Immutable;
using PilotEval.Documents;

namespace PilotEval.Evidence;

/// <summary>A labelled field of the application cover (封面), e.g. 项目名称, with where it was read.</summary>
public sealed record CoverField(string Label, string Value, SourceLocation Location);

/// <summary>The cover of an application: the fields the programme's form asks for.</summary>
public sealed record CoverFields(ImmutableArray<CoverField> Fields)
{
    public static readonly CoverFields None = new([]);

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

    /// <summary>Canonical label → the spellings that mean it, longest first so 申报单位（牵头） wins over 申报单位.</summary>
    public static readonly ImmutableArray<(string Label, ImmutableArray<string> Spellings)> All =
    [
        (Project, ["项目名称", "示范项目名称", "申报项目名称"]),
        (Partners, ["联合申报单位", "联合单位"]),
        (Enterprise, ["申报单位（牵头）", "申报单位(牵头)", "牵头申报单位", "申报单位", "申报企业"]),
        (Direction, ["申报方向", "申报赛道", "申报类别", "所属方向"]),
        (RegisteredAddress, ["注册地址", "注册所在地", "注册地"]),
        (CreditCode, ["统一社会信用代码", "社会信用代码"]),
        (Contact, ["联系人"]),
        (Phone, ["联系电话", "联系方式", "手机"]),
        (Date, ["申报日期", "填报日期", "申报时间"]),
        (Recommender, ["推荐单位"]),
    ];
}
