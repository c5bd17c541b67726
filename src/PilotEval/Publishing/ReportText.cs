using System.Globalization;
using System.Text.Json;

using PilotEval.Documents;
using PilotEval.Ranking;

namespace PilotEval.Publishing;

/// <summary>
/// The Chinese wording every report shares (reasons, flags, statuses, source locations), so the HTML page,
/// the Word and Excel files and the feedback letters never describe the same fact in different words.
/// </summary>
public static class ReportText
{
    public const string Programme = "数据安全管理和应用试点示范";

    /// <summary>
    /// The line that ties a report to the run that wrote it (results.json's <c>run</c> block, audit.jsonl's lines):
    /// empty for a run assembled without a record.
    /// </summary>
    public static string RunLine(Pipeline.RunRecord? run) => run is null ? "" : string.Create(CultureInfo.InvariantCulture,
        $"运行编号 {run.Id} · PilotEval {run.Version} · {run.StartedAt.UtcDateTime:yyyy-MM-dd HH:mm} UTC");


    /// <summary>
    /// Chinese names of every code a report can show: exclusion reasons, file errors and flags. The only such table:
    /// a report that needs a name asks here, and a test checks that every code constant of the product has one, so a
    /// raw code such as <c>invalid-credit-code</c> never reaches a Chinese document.
    /// </summary>
    private static readonly Dictionary<string, string> Names = new(StringComparer.Ordinal)
    {
        // Why a submission is not shortlisted.
        [ExclusionReasons.Unreadable] = "无法读取",
        [ExclusionReasons.TrackUnknown] = "方向不明",
        [ExclusionReasons.Ineligible] = "不符合申报条件",
        [ExclusionReasons.BelowMinimum] = "低于最低分",
        [ExclusionReasons.OverQuota] = "超出名额",
        [ExclusionReasons.BelowFloor] = "未达入围底线",

        // What went wrong reading a file (DESIGN.md, codes). None blames the applicant for PilotEval's limits.
        [FileErrorCodes.Encrypted] = "文件加密",
        [FileErrorCodes.Corrupt] = "文件损坏",
        [FileErrorCodes.Empty] = "文件为空",
        [FileErrorCodes.UnsupportedFormat] = "暂不支持的格式",
        [FileErrorCodes.TooLarge] = "文件过大",
        [FileErrorCodes.Timeout] = "读取超时",
        [FileErrorCodes.InternalError] = "系统内部错误",
        [FileErrorCodes.AccessDenied] = "无权读取文件",

        // What the panel should look at.
        [FlagCodes.PromptInjection] = "疑似提示注入",
        [FlagCodes.HiddenText] = "隐藏文字",
        [FlagCodes.NearDuplicate] = "内容高度相似",
        ["text-reuse"] = "大段文字与他人申报重合",
        [FlagCodes.InvisibleUnicode] = "不可见字符",
        [FlagCodes.NeedsOcr] = "需文字识别",
        [FlagCodes.OcrApplied] = "已文字识别",
        [FlagCodes.GarbledText] = "文字乱码",
        [FlagCodes.PageUnreadable] = "页面无法解析",
        [FlagCodes.ContentSkipped] = "部分内容未读取",
        [FlagCodes.PartiallyRead] = "仅部分读取",
        [FlagCodes.TrackInferred] = "方向系推断",
        [FlagCodes.TrackUnknown] = "方向不明",
        [FlagCodes.TrackMismatch] = "方向与内容不符",
        [FlagCodes.MissingSection] = "缺少章节",
        [FlagCodes.InvalidCreditCode] = "信用代码校验不通过",
        ["eligibility-unconfirmed"] = "申报条件待核实",
        ["llm-disagreement"] = "模型意见与规则评分不一致",
    };

    /// <summary>
    /// Flags that question a submission's integrity, in the order a panel should read them; every report lists them
    /// before any ranking.
    /// </summary>
    public static readonly IReadOnlyList<string> IntegrityFlags =
        [FlagCodes.PromptInjection, "text-reuse", FlagCodes.NearDuplicate, FlagCodes.HiddenText];

    /// <summary>The Chinese name of a code; codes without one (none in the product, a test sees to it) read as a generic note.</summary>
    public static string Name(string code) => Names.TryGetValue(code, out var name) ? name : "其他提示";

    public static bool HasName(string code) => Names.ContainsKey(code);

    public static string ReasonName(string reason) => Name(reason);

    public static string FlagName(string code) => Name(code);

    public static string ErrorName(string code) => Name(code);

    /// <summary>The mark every report puts on an application whose eligibility is not yet confirmed.</summary>
    public const string Unconfirmed = "待核实";

    /// <summary>One check's outcome: 符合, 不符合 or 待核实.</summary>
    public static string CheckStatusName(string status) => status switch
    {
        "passed" => "符合",
        "failed" => "不符合",
        _ => Unconfirmed,
    };

    /// <summary>The mark before a check in the reports: ✓ 符合, ✗ 不符合 or ？ 待核实.</summary>
    public static string CheckMark(string status) => status switch
    {
        "passed" => "✓ 符合",
        "failed" => "✗ 不符合",
        _ => "？ " + Unconfirmed,
    };

    /// <summary>A check's reason, with what to add when it is not passed, as every report prints it.</summary>
    public static string CheckText(ResultsDocument.EligibilityItem check) =>
        check.Ask is { Length: > 0 } ask && check.IsUnconfirmed ? $"{check.Reason}。需补充：{ask}" : check.Reason;

    /// <summary>The submission's <c>eligible</c> in a table cell: 是, 否 or 待核实.</summary>
    public static string EligibleShort(bool? eligible) => eligible switch
    {
        true => "是",
        false => "否",
        null => Unconfirmed,
    };

    /// <summary>The submission's <c>eligible</c>: true, false, or null while a check awaits confirmation.</summary>
    public static string EligibleName(bool? eligible) => eligible switch
    {
        true => "符合申报条件",
        false => "不符合申报条件",
        null => "申报条件" + Unconfirmed,
    };


    public static string StatusName(string status) => status == "failed" ? "读取失败" : "已评分";

    /// <summary>Where a quote was read, as a panel member would look it up: file, then page (PDF only), then paragraph.</summary>
    public static string Location(string? file, int? page, int? paragraph)
    {
        var parts = new List<string>();
        if (!string.IsNullOrEmpty(file)) parts.Add(file);
        if (page is { } p) parts.Add(string.Create(CultureInfo.InvariantCulture, $"第{p}页"));
        if (paragraph is { } n) parts.Add(string.Create(CultureInfo.InvariantCulture, $"第{n}段"));
        return string.Join("，", parts);
    }

    public static string Location(ResultsDocument.Quote quote) => Location(quote.File, quote.Page, quote.Paragraph);

    public static string Score(double? score) =>
        score is { } s ? s.ToString("0.0", CultureInfo.InvariantCulture) : "—";

    public static string Percent(double? share) =>
        share is { } s ? (s * 100).ToString("0", CultureInfo.InvariantCulture) + "%" : "—";

    public static string OrDash(string? text) => string.IsNullOrWhiteSpace(text) ? "—" : text;

    /// <summary>The track's Chinese name from the run's rubrics, falling back to the id.</summary>
    public static string TrackName(ResultsDocument results, string? track) =>
        track is null ? "方向不明" : results.Rubrics.FirstOrDefault(r => r.Track == track)?.Name ?? track;

    /// <summary>Chinese ordinal headings for numbered sections: 一、二、… up to 九十九.</summary>
    public static string ChineseNumber(int n)
    {
        const string digits = "零一二三四五六七八九";
        if (n is < 1 or > 99) return n.ToString(CultureInfo.InvariantCulture);
        if (n < 10) return digits[n].ToString();
        var tens = n / 10;
        var ones = n % 10;
        return (tens == 1 ? "" : digits[tens].ToString()) + "十" + (ones == 0 ? "" : digits[ones].ToString());
    }

    /// <summary>Reads a <c>results.json</c> written by <c>evaluate</c>.</summary>
    public static ResultsDocument ReadResults(string json) =>
        JsonSerializer.Deserialize<ResultsDocument>(json, JsonOutput.Options)
        ?? throw new JsonException("results.json is empty");
}
