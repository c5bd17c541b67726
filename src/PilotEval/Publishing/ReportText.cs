using System.Globalization;
using System.Text.Json;

using PilotEval.Ranking;

namespace PilotEval.Publishing;

/// <summary>
/// The Chinese wording every report shares (reasons, flags, statuses, source locations), so the HTML page,
/// the Word and Excel files and the feedback letters never describe the same fact in different words.
/// </summary>
public static class ReportText
{
    public const string Programme = "数据安全管理和应用试点示范";

    public static string ReasonName(string reason) => reason switch
    {
        ExclusionReasons.Unreadable => "无法读取",
        ExclusionReasons.TrackUnknown => "方向不明",
        ExclusionReasons.Ineligible => "不符合申报条件",
        ExclusionReasons.BelowMinimum => "低于最低分",
        ExclusionReasons.OverQuota => "超出名额",
        _ => reason,
    };

    public static string FlagName(string code) => code switch
    {
        "prompt-injection" => "疑似提示注入",
        "hidden-text" => "隐藏文字",
        "near-duplicate" => "内容高度相似",
        "needs-ocr" => "需文字识别",
        "garbled-text" => "文字乱码",
        "track-inferred" => "方向系推断",
        "track-unknown" => "方向不明",
        "missing-section" => "缺少章节",
        "eligibility-unconfirmed" => "资格待核实",
        "partially-read" => "部分页面未读取",
        _ => code,
    };

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

    public static string ErrorName(string code) => code switch
    {
        "encrypted" => "文件加密",
        "corrupt" => "文件损坏",
        "empty" => "文件为空",
        "unsupported-format" => "格式不支持",
        "too-large" => "文件过大",
        "timeout" => "读取超时",
        _ => code,
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
