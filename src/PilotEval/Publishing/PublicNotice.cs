using System.Collections.Immutable;
using System.Globalization;
using DocumentFormat.OpenXml.Wordprocessing;

namespace PilotEval.Publishing;

/// <summary>What the notice says about who issues it and when; everything else comes from the selection.</summary>
/// <param name="Issuer">The body that publishes the notice and receives objections.</param>
/// <param name="Date">The date the notice is issued; the objection period starts on it (or the next working day).</param>
/// <param name="Year">The programme year in the title (「2024年度」).</param>
/// <param name="Contact">How to reach the issuer with an objection (phone and address): required by publish.</param>
public sealed record NoticeOptions(string Issuer, DateOnly Date, int Year, string? Contact)
{
    public const string DefaultIssuer = "北京市通信管理局";

    /// <summary>The objection period, in working days of the official holiday schedules.</summary>
    public const int ObjectionWorkingDays = 5;

    /// <summary>Working days as the State Council's schedules define them; weekends only when none is loaded.</summary>
    public WorkingCalendar Calendar { get; init; } = WorkingCalendar.WeekendsOnly;

    /// <summary>The lexicon of the rubrics folder: the casebook finds the form's sections and units with it.</summary>
    public Language.EvidenceLexicon Lexicon { get; init; } = Language.EvidenceLexicon.Default;

    public (DateOnly Start, DateOnly End) ObjectionPeriod() => Calendar.Period(Date, ObjectionWorkingDays);
}

/// <summary>
/// <c>notice.docx</c>: the 公示 of the proposed list, in the form comparable programmes publish it (domain.md):
/// the title, the objection period and how to object, the issuer and date, then the list grouped by track with
/// 序号 | 项目名称 | 申报单位（牵头） | 联合申报单位 | 方向. It never shows a score or a rank.
/// </summary>
public static class PublicNotice
{
    public static string Title(NoticeOptions options) =>
        string.Create(CultureInfo.InvariantCulture, $"关于{options.Year}年度北京地区电信和互联网行业{ReportText.Programme}拟入选名单的公示");

    public static WordDocument Build(ResultsDocument results, ImmutableArray<ResultsDocument.SubmissionResult> chosen, NoticeOptions options)
    {
        var (start, end) = options.ObjectionPeriod();
        var doc = new WordDocument();
        doc.Title(Title(options));
        doc.Paragraph(string.Create(CultureInfo.InvariantCulture,
            $"按照{options.Year}年度北京地区电信和互联网行业{ReportText.Programme}工作安排，经申报、形式审查、专业预审和专家评审，现将拟入选项目名单予以公示（见附件）。"),
            indentFirstLine: true);
        doc.Paragraph($"公示时间：{Chinese(start)}至{Chinese(end)}（{NoticeOptions.ObjectionWorkingDays}个工作日）。", indentFirstLine: true);
        doc.Paragraph($"公示期间，任何单位或个人对拟入选项目有异议的，可以书面形式向{options.Issuer}提出，并提供必要的证明材料。" +
            "单位提出异议的，须在书面材料上加盖本单位公章并注明联系人和联系电话；个人提出异议的，须在书面材料上签署真实姓名并注明联系电话。" +
            "匿名异议不予受理。", indentFirstLine: true);
        if (!string.IsNullOrWhiteSpace(options.Contact)) doc.Paragraph("联系方式：" + options.Contact, indentFirstLine: true);
        doc.Paragraph("附件：拟入选项目名单", indentFirstLine: true);
        doc.Paragraph("");
        doc.Paragraph(options.Issuer, JustificationValues.Right);
        doc.Paragraph(Chinese(options.Date), JustificationValues.Right);

        doc.Heading(1, "附件", pageBreakBefore: true);
        doc.Title($"{options.Year}年度{ReportText.Programme}拟入选项目名单");
        var groups = chosen.GroupBy(s => s.Track).ToList();
        var number = 0;
        foreach (var group in groups)
        {
            var track = ReportText.TrackName(results, group.Key);
            doc.Heading(2, $"{ReportText.ChineseNumber(++number)}、{track}方向");
            doc.Table(["序号", "项目名称", "申报单位（牵头）", "联合申报单位", "方向"],
                // Ordered by project name, as 「排名不分先后」 promises: the order must not leak the ranking.
                group.OrderBy(s => s.Project ?? s.Source, PinyinOrder).ThenBy(s => s.Source, StringComparer.Ordinal).Select((s, i) => (IReadOnlyList<string>)
                [
                    (i + 1).ToString(CultureInfo.InvariantCulture), ReportText.OrDash(s.Project), ReportText.OrDash(s.Enterprise),
                    ReportText.OrDash(s.Partners), track,
                ]),
                [9, 32, 24, 21, 14]);
        }
        doc.Paragraph(string.Create(CultureInfo.InvariantCulture, $"以上共 {chosen.Length} 个项目，排名不分先后。"));
        return doc;
    }

    private static readonly StringComparer PinyinOrder = StringComparer.Create(CultureInfo.GetCultureInfo("zh-CN"), ignoreCase: false);

    public static string Chinese(DateOnly date) =>
        string.Create(CultureInfo.InvariantCulture, $"{date.Year}年{date.Month}月{date.Day}日");
}
