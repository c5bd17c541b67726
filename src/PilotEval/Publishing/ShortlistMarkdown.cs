using System.Globalization;
using System.Text;
using PilotEval.Documents;
using PilotEval.Pipeline;
using PilotEval.Ranking;

namespace PilotEval.Publishing;

/// <summary>
/// <c>shortlist.md</c>: first what the integrity screen found (the panel must see it before any ranking), then each
/// track's ranking with score, coverage and flags, then every exclusion with its reason.
/// </summary>
public static class ShortlistMarkdown
{
    /// <summary>Flags that question the integrity of a submission, in the order the panel should read them.</summary>
    private static readonly string[] IntegrityFlags = [FlagCodes.PromptInjection, FlagCodes.NearDuplicate, FlagCodes.HiddenText];

    public static string Render(EvaluationRun run)
    {
        var md = new StringBuilder();
        md.AppendLine("# 数据安全管理和应用试点示范 · 入围名单（评审用）").AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"共 {run.Assessments.Length} 份申报，入围 {run.Shortlists.Sum(s => s.Entries.Length)} 份，未入围 {run.Exclusions.Length} 份。分数由规则计算，每项得分均可在 results.json 中追溯到原文引文。同分时依次按证据覆盖率、经核实的证据条数、文件名排序。").AppendLine();

        RenderIntegrity(md, run);
        RenderUnconfirmed(md, run);

        foreach (var shortlist in run.Shortlists)
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"## {shortlist.TrackName}（{shortlist.Track}）").AppendLine();
            if (shortlist.Entries.IsEmpty)
            {
                md.AppendLine("本方向无入围申报。").AppendLine();
                continue;
            }
            md.AppendLine("| 排名 | 申报单位 | 项目名称 | 得分 | 证据覆盖 | 核实证据 | 标记 | 文件 |");
            md.AppendLine("|---:|---|---|---:|---:|---:|---|---|");
            foreach (var entry in shortlist.Entries)
            {
                var a = run.Assessments.First(x => x.Source == entry.Source);
                md.AppendLine(CultureInfo.InvariantCulture,
                    $"| {entry.Rank} | {Cell(a.Cover.Enterprise)} | {Cell(a.Cover.Project)} | {entry.Score:0.0} | {entry.Coverage * 100:0}% | {entry.EvidenceCount} | {Cell(Marks(entry.Flags))} | {Cell(entry.Source)} |");
            }
            md.AppendLine();
        }

        md.AppendLine("## 未入围及原因").AppendLine();
        if (run.Exclusions.IsEmpty)
        {
            md.AppendLine("无。");
            return md.ToString();
        }
        md.AppendLine("| 文件 | 方向 | 原因 | 说明 | 得分 | 标记 |");
        md.AppendLine("|---|---|---|---|---:|---|");
        foreach (var exclusion in run.Exclusions)
        {
            md.AppendLine(CultureInfo.InvariantCulture,
                $"| {Cell(exclusion.Source)} | {Cell(exclusion.Track)} | {ReportText.ReasonName(exclusion.Reason)} | {Cell(exclusion.Detail)} | {(exclusion.Score is { } s ? s.ToString("0.0", CultureInfo.InvariantCulture) : "—")} | {Cell(Marks(exclusion.Flags))} |");
        }
        return md.ToString();
    }

    /// <summary>Injected instructions, near-duplicates and hidden text, each with where to look; ranked or not, every submission is here.</summary>
    private static void RenderIntegrity(StringBuilder md, EvaluationRun run)
    {
        md.AppendLine("## 诚信审查（请先于排名阅读）").AppendLine();
        var findings = run.Assessments
            .OrderBy(a => a.Source, StringComparer.Ordinal)
            .SelectMany(a => a.Flags.Where(f => IntegrityFlags.Contains(f.Code)).Select(f => (a.Source, Flag: f)))
            .OrderBy(x => x.Source, StringComparer.Ordinal)
            .ThenBy(x => Array.IndexOf(IntegrityFlags, x.Flag.Code))
            .ToList();
        if (findings.Count == 0)
        {
            md.AppendLine("未发现注入指令、雷同申报或不可见文字。").AppendLine();
            return;
        }
        md.AppendLine("标记不会自动取消资格，也不会自动扣分：含注入指令的句子和不可见文字不计入评分证据；是否处理由评审组决定。").AppendLine();
        md.AppendLine("| 文件 | 标记 | 说明 | 位置 |");
        md.AppendLine("|---|---|---|---|");
        foreach (var (source, flag) in findings)
        {
            md.AppendLine(CultureInfo.InvariantCulture,
                $"| {Cell(source)} | {FlagName(flag.Code)} | {Cell(flag.Detail)} | {Cell(Where(flag.Location))} |");
        }
        md.AppendLine();
    }

    private static string Marks(IEnumerable<string> flags) =>
        string.Join(", ", flags.Select(f => IntegrityFlags.Contains(f) ? $"⚠ {f}"
            : f == FlagCodes.EligibilityUnconfirmed ? $"{ReportText.Unconfirmed}（{f}）" : f));

    /// <summary>Applications kept in the ranking although a check awaits confirmation: what is missing, per check.</summary>
    private static void RenderUnconfirmed(StringBuilder md, EvaluationRun run)
    {
        var open = run.Assessments.OrderBy(a => a.Source, StringComparer.Ordinal)
            .SelectMany(a => a.Eligibility.Where(e => e.Status == Scoring.EligibilityStatus.Unconfirmed).Select(e => (a.Source, Check: e)))
            .ToList();
        if (open.Count == 0) return;
        md.AppendLine($"## 申报条件{ReportText.Unconfirmed}").AppendLine();
        md.AppendLine($"以下申报未写明某项申报条件，既未判为不符合，也不能视为符合：照常排名并标注“{ReportText.Unconfirmed}”，核实并用 `piloteval confirm` 记录后方可公示。").AppendLine();
        md.AppendLine("| 文件 | 申报条件 | 缺少的说明 |");
        md.AppendLine("|---|---|---|");
        foreach (var (source, check) in open)
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"| {Cell(source)} | {Cell(check.Name)} | {Cell(check.Reason)} |");
        }
        md.AppendLine();
    }

    private static string FlagName(string code) => code switch
    {
        FlagCodes.PromptInjection => "⚠ 注入指令（prompt-injection）",
        FlagCodes.NearDuplicate => "⚠ 雷同申报（near-duplicate）",
        FlagCodes.HiddenText => "⚠ 不可见文字（hidden-text）",
        _ => code,
    };

    private static string? Where(SourceLocation? location) => location is null ? null
        : location.Page is { } page
            ? string.Create(CultureInfo.InvariantCulture, $"{location.File} 第 {page} 页第 {location.Paragraph} 段")
            : string.Create(CultureInfo.InvariantCulture, $"{location.File} 第 {location.Paragraph} 段");


    private static string Cell(string? text) =>
        string.IsNullOrEmpty(text) ? "—" : text.Replace("|", "\\|").Replace("\r", " ").Replace("\n", " ");
}
