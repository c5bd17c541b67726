using System.Globalization;
using System.Text;
using PilotEval.Pipeline;

namespace PilotEval.Publishing;

/// <summary><c>shortlist.md</c>: each track's ranking for the panel, then every exclusion with its reason.</summary>
public static class ShortlistMarkdown
{
    public static string Render(EvaluationRun run)
    {
        var md = new StringBuilder();
        md.AppendLine("# 数据安全管理和应用试点示范 · 入围名单（评审用）").AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"共 {run.Assessments.Length} 份申报，入围 {run.Shortlists.Sum(s => s.Entries.Length)} 份，未入围 {run.Exclusions.Length} 份。分数由规则计算，每项得分均可在 results.json 中追溯到原文引文。").AppendLine();

        foreach (var shortlist in run.Shortlists)
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"## {shortlist.TrackName}（{shortlist.Track}）").AppendLine();
            if (shortlist.Entries.IsEmpty)
            {
                md.AppendLine("本方向无入围申报。").AppendLine();
                continue;
            }
            md.AppendLine("| 排名 | 申报单位 | 项目名称 | 得分 | 证据覆盖 | 标记 | 文件 |");
            md.AppendLine("|---:|---|---|---:|---:|---|---|");
            foreach (var entry in shortlist.Entries)
            {
                var a = run.Assessments.First(x => x.Source == entry.Source);
                md.AppendLine(CultureInfo.InvariantCulture,
                    $"| {entry.Rank} | {Cell(a.Cover.Enterprise)} | {Cell(a.Cover.Project)} | {entry.Score:0.0} | {entry.Coverage:P0} | {Cell(string.Join(", ", entry.Flags))} | {Cell(entry.Source)} |");
            }
            md.AppendLine();
        }

        md.AppendLine("## 未入围及原因").AppendLine();
        if (run.Exclusions.IsEmpty)
        {
            md.AppendLine("无。");
            return md.ToString();
        }
        md.AppendLine("| 文件 | 方向 | 原因 | 说明 |");
        md.AppendLine("|---|---|---|---|");
        foreach (var exclusion in run.Exclusions)
        {
            md.AppendLine(CultureInfo.InvariantCulture,
                $"| {Cell(exclusion.Source)} | {Cell(exclusion.Track)} | {ReasonName(exclusion.Reason)} | {Cell(exclusion.Detail)} |");
        }
        return md.ToString();
    }

    private static string ReasonName(string reason) => reason switch
    {
        "unreadable" => "无法读取",
        "track-unknown" => "方向不明",
        "ineligible" => "不符合申报条件",
        "below-minimum" => "低于最低分",
        "over-quota" => "超出名额",
        _ => reason,
    };

    private static string Cell(string? text) =>
        string.IsNullOrEmpty(text) ? "—" : text.Replace("|", "\\|").Replace("\r", " ").Replace("\n", " ");
}
