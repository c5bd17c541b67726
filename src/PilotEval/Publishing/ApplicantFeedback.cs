using System.Globalization;
using System.Text;

namespace PilotEval.Publishing;

/// <summary>
/// <c>feedback/&lt;source&gt;.md</c>: a letter to one applicant saying, criterion by criterion, what evidence the
/// review found in their application and what it looked for and did not find, so the enterprise knows what
/// to improve. It carries no rank and no other applicant's name.
/// </summary>
public static class ApplicantFeedback
{
    /// <summary>The file name for a source: the source itself plus <c>.md</c>, with path separators replaced, so x.docx and x.pdf never collide.</summary>
    public static string FileName(string source) =>
        new string([.. source.Select(ch => ch is '/' or '\\' || Path.GetInvalidFileNameChars().Contains(ch) ? '_' : ch)]) + ".md";

    public static string Render(ResultsDocument results, ResultsDocument.SubmissionResult s)
    {
        var md = new StringBuilder();
        md.AppendLine(CultureInfo.InvariantCulture, $"# {ReportText.Programme} · 申报材料评审反馈").AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"- 项目名称：{ReportText.OrDash(s.Project)}");
        md.AppendLine(CultureInfo.InvariantCulture, $"- 申报单位：{ReportText.OrDash(s.Enterprise)}");
        md.AppendLine(CultureInfo.InvariantCulture, $"- 申报方向：{ReportText.TrackName(results, s.Track)}");
        md.AppendLine(CultureInfo.InvariantCulture, $"- 申报文件：{string.Join("、", s.Files)}").AppendLine();
        md.AppendLine("本反馈根据申报材料中能够找到的内容逐项说明：找到了哪些证据、还缺少哪些内容。引文后括号内为其所在文件、页码和段落，便于核对。反馈不代表最终评审结论。").AppendLine();
        if (results.Run is { } run) md.AppendLine(ReportText.RunLine(run) + "（如有异议，请注明此编号）").AppendLine();

        if (s.Status == "failed")
        {
            md.AppendLine("## 材料无法读取").AppendLine();
            md.AppendLine("申报材料未能读取，因此没有进行评分。请检查以下问题后重新提交：").AppendLine();
            foreach (var error in s.Errors)
            {
                md.AppendLine(CultureInfo.InvariantCulture, $"- {error.File}：{ReportText.ErrorName(error.Code)}。{error.Message}");
            }
            return md.ToString();
        }

        md.AppendLine("## 申报条件").AppendLine();
        foreach (var check in s.Eligibility)
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"- {ReportText.CheckMark(check.Status)}：{check.Name}。{check.Reason}");
        }
        var open = s.Eligibility.Where(e => e.IsUnconfirmed).ToList();
        if (open.Count > 0)
        {
            // Silence is not failure: the letter names the statement to add, so the enterprise can settle it.
            md.AppendLine().AppendLine(CultureInfo.InvariantCulture, $"以下申报条件在申报材料中未找到明确说明，目前为“{ReportText.Unconfirmed}”，需核实后方能入选。请补充相应说明：");
            foreach (var check in open) md.AppendLine(CultureInfo.InvariantCulture, $"- {check.Name}：{check.Ask ?? check.Reason}");
        }
        if (s.Eligible == false)
        {
            md.AppendLine().AppendLine("有申报条件未满足，本次申报不能入选。如认为判断有误，请在申报材料中明确写出相应情况（如注册地、验收投运时间、近三年无较大及以上数据安全事件的承诺）。");
        }
        md.AppendLine();

        if (s.Track is null)
        {
            md.AppendLine("## 申报方向").AppendLine();
            md.AppendLine("未能从封面或正文确定申报方向，因此没有按评分细则评分。请在封面“申报方向”一栏填写所申报的方向。").AppendLine();
        }

        if (!s.Errors.IsEmpty)
        {
            md.AppendLine("## 部分文件无法读取").AppendLine();
            foreach (var error in s.Errors) md.AppendLine(CultureInfo.InvariantCulture, $"- {error.File}：{ReportText.ErrorName(error.Code)}。{error.Message}");
            md.AppendLine();
        }

        if (!s.Flags.IsEmpty)
        {
            md.AppendLine("## 需要说明的问题").AppendLine();
            foreach (var flag in s.Flags)
            {
                var where = ReportText.Location(flag.File, flag.Page, flag.Paragraph);
                md.AppendLine(CultureInfo.InvariantCulture, $"- {ReportText.FlagName(flag.Code)}：{flag.Detail}{(where.Length > 0 ? $"（{where}）" : "")}");
            }
            md.AppendLine();
        }

        if (!s.Criteria.IsEmpty)
        {
            md.AppendLine("## 逐项反馈").AppendLine();
            foreach (var c in s.Criteria)
            {
                md.AppendLine(CultureInfo.InvariantCulture, $"### {c.Name}（满分 {ReportText.Score(c.Weight)}，得 {ReportText.Score(c.Score)}，{c.Level} 级）").AppendLine();
                if (c.Evidence.IsEmpty)
                {
                    md.AppendLine("未在申报材料中找到与本项相关的内容。").AppendLine();
                }
                else
                {
                    md.AppendLine("已找到的证据：").AppendLine();
                    // One sentence may satisfy several signals; the applicant needs to read it once.
                    foreach (var q in c.Evidence.DistinctBy(q => (q.Quote_, q.File, q.Page, q.Paragraph)))
                    {
                        md.AppendLine(CultureInfo.InvariantCulture, $"- 「{q.Quote_}」（{ReportText.Location(q)}）");
                    }
                    md.AppendLine();
                }
                if (c.Lacking.IsEmpty)
                {
                    md.AppendLine("本项要求的要点均已找到。").AppendLine();
                }
                else
                {
                    md.AppendLine("尚缺少的内容（补充后可提高本项得分）：").AppendLine();
                    foreach (var lacking in c.Lacking) md.AppendLine(CultureInfo.InvariantCulture, $"- {lacking}");
                    md.AppendLine();
                }
            }
        }
        return md.ToString();
    }
}
