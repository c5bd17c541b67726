using System.Globalization;
using PilotEval.Documents;
using System.Text;

namespace PilotEval.Publishing;

/// <summary>
/// <c>shortlist.md</c>, rendered from the results document like every other report: first what the integrity screen
/// found (the panel must see it before any ranking), then files that could not be read (attachments of scored folder
/// submissions included), then each track's ranking, then every exclusion by company and project with its reason.
/// </summary>
public static class ShortlistMarkdown
{
    public static string Render(ResultsDocument results)
    {
        var md = new StringBuilder();
        md.AppendLine(CultureInfo.InvariantCulture, $"# {ReportText.Programme} · 入围名单（评审用）").AppendLine();
        if (results.Run is { } record) md.AppendLine(ReportText.RunLine(record)).AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"共 {results.Submissions.Length} 份申报，入围 {results.Shortlists.Sum(s => s.Entries.Length)} 份，未入围 {results.Exclusions.Length} 份。分数由规则计算，每项得分均可在 results.json 中追溯到原文引文。同分时依次按证据覆盖率、经核实的证据条数、文件名排序。").AppendLine();

        RenderIntegrity(md, results);
        RenderUnconfirmed(md, results);
        RenderUnreadFiles(md, results);

        foreach (var shortlist in results.Shortlists)
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"## {shortlist.Name}").AppendLine();
            if (shortlist.Entries.IsEmpty)
            {
                md.AppendLine("本方向无入围申报。").AppendLine();
                continue;
            }
            md.AppendLine("| 排名 | 申报单位 | 项目名称 | 得分 | 证据覆盖 | 核实证据 | 标记 | 文件 |");
            md.AppendLine("|---:|---|---|---:|---:|---:|---|---|");
            foreach (var entry in shortlist.Entries)
            {
                var s = Find(results, entry.Source);
                md.AppendLine(CultureInfo.InvariantCulture,
                    $"| {entry.Rank} | {Cell(s?.Enterprise)} | {Cell(s?.Project)} | {ReportText.Score(entry.Score)} | {ReportText.Percent(entry.Coverage)} | {entry.VerifiedEvidence} | {Cell(Marks(entry.Flags))} | {Cell(entry.Source)} |");
            }
            md.AppendLine();
        }

        md.AppendLine("## 未入围及原因").AppendLine();
        if (results.Exclusions.IsEmpty)
        {
            md.AppendLine("无。");
            return md.ToString();
        }
        md.AppendLine("| 申报单位 | 项目名称 | 方向 | 原因 | 说明 | 得分 | 标记 | 文件 |");
        md.AppendLine("|---|---|---|---|---|---:|---|---|");
        foreach (var exclusion in results.Exclusions)
        {
            var s = Find(results, exclusion.Source);
            md.AppendLine(CultureInfo.InvariantCulture,
                $"| {Cell(s?.Enterprise)} | {Cell(s?.Project)} | {Cell(exclusion.Track is null ? null : ReportText.TrackName(results, exclusion.Track))} | {ReportText.ReasonName(exclusion.Reason)} | {Cell(exclusion.Detail)} | {ReportText.Score(exclusion.Score)} | {Cell(Marks(exclusion.Flags))} | {Cell(exclusion.Source)} |");
        }
        return md.ToString();
    }

    /// <summary>Injected instructions, reused text, near-duplicates and hidden text, each with where to look; ranked or not, every submission is here.</summary>
    private static void RenderIntegrity(StringBuilder md, ResultsDocument results)
    {
        md.AppendLine("## 诚信审查（请先于排名阅读）").AppendLine();
        var findings = results.Submissions.Brief
            .SelectMany(s => s.Flags.Where(f => ReportText.IntegrityFlags.Contains(f.Code)).Select(f => (Submission: s, Flag: f)))
            .OrderBy(x => x.Submission.Source, StringComparer.Ordinal)
            .ThenBy(x => ReportText.IntegrityFlags.ToList().IndexOf(x.Flag.Code))
            .ToList();
        if (findings.Count == 0)
        {
            md.AppendLine(CultureInfo.InvariantCulture,
                $"未发现{string.Join("、", ReportText.IntegrityFlags.Select(ReportText.FlagName))}。").AppendLine();
            return;
        }
        md.AppendLine("标记不会自动取消资格，也不会自动扣分：含注入指令的句子和隐藏文字不计入评分证据；是否处理由评审组决定。").AppendLine();
        md.AppendLine("| 申报单位 | 项目名称 | 标记 | 说明 | 位置 |");
        md.AppendLine("|---|---|---|---|---|");
        foreach (var (s, flag) in findings)
        {
            md.AppendLine(CultureInfo.InvariantCulture,
                $"| {Cell(s.Enterprise ?? s.Source)} | {Cell(s.Project)} | ⚠ {ReportText.FlagName(flag.Code)} | {Cell(flag.Detail)} | {Cell(ReportText.Location(flag.File ?? s.Source, flag.Page, flag.Paragraph))} |");
        }
        md.AppendLine();
    }

    /// <summary>
    /// Every file that could not be read, also when its submission was scored from its other files (an unreadable
    /// attachment of a folder submission would otherwise be invisible here).
    /// </summary>
    private static void RenderUnreadFiles(StringBuilder md, ResultsDocument results)
    {
        var unread = results.Submissions.Brief.SelectMany(s => s.Errors.Select(e => (Submission: s, Error: e))).ToList();
        if (unread.Count == 0) return;
        md.AppendLine("## 未能读取的文件").AppendLine();
        md.AppendLine("| 申报单位 | 项目名称 | 文件 | 问题 | 说明 | 申报是否已评分 |");
        md.AppendLine("|---|---|---|---|---|---|");
        foreach (var (s, error) in unread)
        {
            md.AppendLine(CultureInfo.InvariantCulture,
                $"| {Cell(s.Enterprise)} | {Cell(s.Project)} | {Cell(error.File)} | {ReportText.ErrorName(error.Code)} | {Cell(error.Message)} | {(s.Status == "scored" ? "是（按其余文件评分）" : "否")} |");
        }
        md.AppendLine();
    }

    private static string Marks(IEnumerable<string> flags) =>
        string.Join("、", flags.Select(f => ReportText.IntegrityFlags.Contains(f) ? $"⚠ {ReportText.FlagName(f)}"
            : f == FlagCodes.EligibilityUnconfirmed ? ReportText.Unconfirmed : ReportText.FlagName(f)));

    /// <summary>Applications kept in the ranking although a check awaits confirmation: what is missing, per check.</summary>
    private static void RenderUnconfirmed(StringBuilder md, ResultsDocument results)
    {
        var open = results.Submissions.Brief.OrderBy(s => s.Source, StringComparer.Ordinal)
            .SelectMany(s => s.Eligibility.Where(e => e.IsUnconfirmed).Select(e => (Submission: s, Check: e)))
            .ToList();
        if (open.Count == 0) return;
        md.AppendLine($"## 申报条件{ReportText.Unconfirmed}").AppendLine();
        md.AppendLine($"以下申报未写明某项申报条件，既未判为不符合，也不能视为符合：照常排名并标注“{ReportText.Unconfirmed}”，核实并用 `piloteval confirm` 记录后方可公示。").AppendLine();
        md.AppendLine("| 申报单位 | 项目名称 | 申报条件 | 缺少的说明 | 文件 |");
        md.AppendLine("|---|---|---|---|---|");
        foreach (var (s, check) in open)
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"| {Cell(s.Enterprise)} | {Cell(s.Project)} | {Cell(check.Name)} | {Cell(ReportText.CheckText(check))} | {Cell(s.Source)} |");
        }
        md.AppendLine();
    }

    private static ResultsDocument.SubmissionResult? Find(ResultsDocument results, string source) =>
        results.Submissions.Find(source);

    private static string Cell(string? text) =>
        string.IsNullOrEmpty(text) ? "—" : text.Replace("|", "\\|").Replace("\r", " ").Replace("\n", " ");
}
