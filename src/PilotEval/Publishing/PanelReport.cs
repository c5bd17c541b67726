using System.Globalization;
using DocumentFormat.OpenXml.Wordprocessing;

namespace PilotEval.Publishing;

/// <summary>
/// <c>panel-report.docx</c>: what the expert panel prints and annotates. A cover, each track's ranked table,
/// the exclusions with reasons, then one section per application with every quote that earned its score.
/// </summary>
public static class PanelReport
{
    /// <summary>Writes the report into <paramref name="path"/> as it is built (see <see cref="WordDocument.SaveAsync(string, Action{WordDocument}, CancellationToken)"/>).</summary>
    public static Task SaveAsync(ResultsDocument results, string path, CancellationToken cancellationToken) =>
        WordDocument.SaveAsync(path, doc => Build(doc, results), cancellationToken);

    private static void Build(WordDocument doc, ResultsDocument results)
    {
        var scored = results.Submissions.Brief.Count(s => s.Status == "scored");
        var ranked = results.Shortlists.Sum(s => s.Entries.Length);

        doc.Paragraph("评审专用 · 请勿外传", JustificationValues.Right);
        doc.Title(ReportText.Programme);
        doc.Title("专家评审材料");
        doc.Paragraph(string.Create(CultureInfo.InvariantCulture,
            $"本次共收到申报 {results.Submissions.Length} 份，可读取并评分 {scored} 份，入围 {ranked} 份，未入围 {results.Exclusions.Length} 份。"),
            JustificationValues.Center);
        if (results.Run is { } run) doc.Paragraph(ReportText.RunLine(run), JustificationValues.Center);
        doc.Paragraph("分数由评分规则自动计算，仅供专家参考；每一项得分均附原文引文及其所在文件、页码和段落，请专家核对原文后独立评分。", indentFirstLine: true);
        doc.Paragraph("评分细则版本：", bold: true);
        foreach (var rubric in results.Rubrics)
        {
            doc.Bullet($"{rubric.Name}（{rubric.File}）", "SHA-256 " + rubric.Sha256[..Math.Min(12, rubric.Sha256.Length)]);
        }

        doc.Heading(1, "一、各方向入围名单", pageBreakBefore: true);
        var trackNumber = 0;
        foreach (var shortlist in results.Shortlists)
        {
            doc.Heading(2, $"（{ReportText.ChineseNumber(++trackNumber)}）{shortlist.Name}");
            if (shortlist.Entries.IsEmpty)
            {
                doc.Paragraph("本方向无入围申报。");
                continue;
            }
            doc.Table(["排名", "项目名称", "申报单位", "得分", "证据覆盖", "标记"],
                shortlist.Entries.Select(e =>
                {
                    var s = Find(results, e.Source);
                    return (IReadOnlyList<string>)
                    [
                        e.Rank.ToString(CultureInfo.InvariantCulture), ReportText.OrDash(s?.Project), ReportText.OrDash(s?.Enterprise),
                        ReportText.Score(e.Score), ReportText.Percent(e.Coverage),
                        e.Flags.IsEmpty ? "—" : string.Join("、", e.Flags.Select(ReportText.FlagName)),
                    ];
                }),
                [8, 29, 25, 9, 11, 18]);
        }

        doc.Heading(1, "二、未入围申报及原因");
        if (results.Exclusions.IsEmpty)
        {
            doc.Paragraph("无。");
        }
        else
        {
            // By company and project, as the panel knows the applications; the file name only where nothing else was read.
            doc.Table(["申报单位", "项目名称", "方向", "原因", "说明"],
                results.Exclusions.Select(e => (Exclusion: e, Submission: Find(results, e.Source))).Select(x => (IReadOnlyList<string>)
                    [x.Submission?.Enterprise ?? x.Exclusion.Source, ReportText.OrDash(x.Submission?.Project), ReportText.TrackName(results, x.Exclusion.Track),
                     ReportText.ReasonName(x.Exclusion.Reason), x.Exclusion.Detail]),
                [18, 20, 12, 12, 38]);
        }

        doc.Heading(1, "三、申报详情");
        var number = 0;
        foreach (var submission in results.Submissions)
        {
            Details(doc, results, submission, ++number);
        }
    }

    private static void Details(WordDocument doc, ResultsDocument results, ResultsDocument.SubmissionResult s, int number)
    {
        doc.Heading(2, $"{number}. {s.Project ?? s.Source}", pageBreakBefore: true);
        doc.Labelled("申报单位：", ReportText.OrDash(s.Enterprise));
        if (!string.IsNullOrEmpty(s.Partners)) doc.Labelled("联合申报单位：", s.Partners);
        doc.Labelled("方向：", ReportText.TrackName(results, s.Track) + (s.TrackSource == "inferred" ? "（由正文推断）" : ""));
        doc.Labelled("文件：", string.Join("；", s.Files));
        doc.Labelled("状态：", ReportText.StatusName(s.Status) + "，" + ReportText.EligibleName(s.Eligible));
        doc.Labelled("得分：", ReportText.Score(s.Score) + (s.Rank is { } r ? $"（本方向第 {r} 名）" : "（未入围）")
            + (s.Coverage is { } c ? $"，证据覆盖 {ReportText.Percent(c)}" : ""));

        foreach (var error in s.Errors)
        {
            doc.Bullet($"读取错误：{ReportText.ErrorName(error.Code)}：{error.Message}", error.File);
        }

        doc.Heading(3, "申报条件");
        if (s.Eligibility.IsEmpty)
        {
            doc.Paragraph("未检查（文件无法读取）。");
        }
        foreach (var check in s.Eligibility)
        {
            doc.Bullet($"{ReportText.CheckStatusName(check.Status)} · {check.Name}：{ReportText.CheckText(check)}",
                check.Evidence is { } e ? ReportText.Location(e) : null);
        }

        if (!s.Flags.IsEmpty)
        {
            doc.Heading(3, "需要专家注意");
            foreach (var flag in s.Flags)
            {
                doc.Bullet($"{ReportText.FlagName(flag.Code)}：{flag.Detail}",
                    ReportText.Location(flag.File, flag.Page, flag.Paragraph) is { Length: > 0 } where ? where : null);
            }
        }

        if (!s.Criteria.IsEmpty)
        {
            doc.Heading(3, "评分");
            doc.Table(["评分项", "权重", "等级", "得分", "依据"],
                s.Criteria.Select(c => (IReadOnlyList<string>)
                    [c.Name, ReportText.Score(c.Weight), c.Level, ReportText.Score(c.Score), c.Rule]),
                [26, 10, 10, 10, 44]);
            foreach (var criterion in s.Criteria)
            {
                doc.Paragraph($"{criterion.Name}（{criterion.Level} 级）", bold: true);
                foreach (var quote in criterion.Evidence)
                {
                    doc.Bullet($"「{quote.Quote_}」", ReportText.Location(quote));
                }
                foreach (var lacking in criterion.Lacking)
                {
                    doc.Bullet("缺：" + lacking);
                }
                if (criterion.Evidence.IsEmpty && criterion.Lacking.IsEmpty) doc.Paragraph("未找到相关证据。");
            }
        }

        if (s.Summary is { } summary)
        {
            doc.Heading(3, summary.Method == "llm" ? "摘要（模型生成，引文已核对）" : "摘要（原文摘录）");
            doc.Paragraph(summary.Text, indentFirstLine: true);
            if (summary.FallbackReason is { } why) doc.Paragraph("未使用模型的原因：" + why);
        }
    }

    internal static ResultsDocument.SubmissionResult? Find(ResultsDocument results, string source) =>
        results.Submissions.Find(source);
}
