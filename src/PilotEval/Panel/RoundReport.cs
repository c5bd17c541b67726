using System.Globalization;
using System.Net;
using System.Text;
using PilotEval.Publishing;

namespace PilotEval.Panel;

/// <summary>
/// The round's reports for the secretariat and the chair, rendered from <see cref="PanelResults"/> only:
/// progress (who has scored what), the discussion list, the calibrated versus the trimmed-mean ranking, and each
/// expert's severity — as <c>panel-round.xlsx</c> and as one self-contained <c>panel-round.html</c>.
/// </summary>
public static class RoundReport
{
    public static byte[] Workbook(PanelResults results) => ScoreSheet.BuildTables(
    [
        new("进度", ["方向", "申报文件", "申报单位", "已完成评分的专家", "尚未完成的专家"],
            [.. Entries(results).Select(x => Row(x.Track.Name, x.Entry.Source, x.Entry.Enterprise,
                string.Join("、", x.Entry.Scores.Select(s => s.Expert)), string.Join("、", x.Entry.Pending)))]),
        new("专家进度", ["专家", "单位", "分配", "已完成", "严格度（分）"],
            [.. results.Experts.Select(e => Row(e.Name, e.Organisation, e.Assigned, e.Scored, e.Severity))]),
        new("待讨论", ["方向", "申报文件", "申报单位", "最高分与最低分之差", "各专家总分"],
            [.. Entries(results).Where(x => x.Entry.Discussion).Select(x => Row(x.Track.Name, x.Entry.Source, x.Entry.Enterprise, x.Entry.Spread, Totals(x.Entry)))]),
        new("排名", ["方向", "排名", "申报文件", "申报单位", "去极值平均分", "校准分", "极差", "机器评分", "机器排名", "进入答辩", "决定"],
            [.. Entries(results).Select(x => Row(x.Track.Name, x.Entry.Rank, x.Entry.Source, x.Entry.Enterprise, x.Entry.TrimmedMean, x.Entry.Calibrated,
                x.Entry.Spread, x.Entry.MachineScore, x.Entry.MachineRank, x.Entry.Qa ? "是" : "", Decision(x.Entry)))]),
        new("利益冲突", ["专家", "申报文件", "原因"], [.. results.Conflicts.Select(c => Row(c.Expert, c.Source, c.Reason))]),
    ]);

    public static string Html(PanelResults results)
    {
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n<title>").Append(E(ReportText.Programme)).Append(" · 专家评审</title>\n<style>")
            .Append(Css).Append("</style>\n</head>\n<body>\n<h1>").Append(E(ReportText.Programme)).Append(" · 专家评审</h1>\n");
        html.Append(CultureInfo.InvariantCulture, $"<p class=\"meta\">排名依据：{(results.RankBy == "calibrated" ? "校准分" : "去极值平均分（5 位及以上专家评分时去掉一个最高分和一个最低分）")}；专家总分之差超过 {ReportText.Score(results.DiscussionSpread)} 分的申报列入待讨论。校准分按专家严格度（加性偏差，最小二乘拟合，平均偏差为零）修正，仅供参考。</p>\n");

        foreach (var track in results.Tracks)
        {
            html.Append("<section>\n<h2>").Append(E(track.Name)).Append("</h2>\n");
            html.Append(CultureInfo.InvariantCulture, $"<p class=\"meta\">机器评分与专家评分的 Spearman 相关系数 ρ = {(track.Spearman is { } r ? r.ToString("0.00", CultureInfo.InvariantCulture) : "—（评分不足三份）")}；进入答辩 {track.Qa.Length} 份。{E(track.CalibrationNote ?? "")}</p>\n");
            html.Append("<table>\n<thead><tr><th>排名</th><th>申报文件</th><th>申报单位</th><th>去极值平均分</th><th>校准分</th><th>极差</th><th>机器评分（排名）</th><th>专家总分</th><th>尚未评分</th><th>答辩</th><th>决定</th></tr></thead>\n<tbody>\n");
            foreach (var e in track.Entries)
            {
                html.Append(e.Discussion ? "<tr class=\"discuss\">" : "<tr>")
                    .Append("<td>").Append(e.Rank?.ToString(CultureInfo.InvariantCulture) ?? "—").Append("</td><td>").Append(E(e.Source))
                    .Append("</td><td>").Append(E(ReportText.OrDash(e.Enterprise))).Append("</td><td class=\"n\">").Append(ReportText.Score(e.TrimmedMean))
                    .Append("</td><td class=\"n\">").Append(ReportText.Score(e.Calibrated)).Append("</td><td class=\"n\">").Append(ReportText.Score(e.Spread))
                    .Append(e.Discussion ? "（待讨论）" : "").Append("</td><td class=\"n\">").Append(ReportText.Score(e.MachineScore))
                    .Append(e.MachineRank is { } mr ? $"（{mr.ToString(CultureInfo.InvariantCulture)}）" : "").Append("</td><td>").Append(E(Totals(e)))
                    .Append("</td><td>").Append(E(string.Join("、", e.Pending))).Append("</td><td>").Append(e.Qa ? "是" : "")
                    .Append("</td><td>").Append(E(Decision(e))).Append("</td></tr>\n");
            }
            html.Append("</tbody>\n</table>\n");
            if (!track.Disagreements.IsEmpty)
            {
                html.Append("<p>机器与专家分歧最大：").Append(E(string.Join("；", track.Disagreements.Select(d =>
                    $"{d.Source}（机器第 {d.MachineRank} 名，专家第 {d.PanelRank} 名）")))).Append("</p>\n");
            }
            html.Append("</section>\n");
        }

        html.Append("<section>\n<h2>待讨论</h2>\n<ul>");
        foreach (var x in Entries(results).Where(x => x.Entry.Discussion))
            html.Append("<li>").Append(E($"{x.Track.Name}：{x.Entry.Source}，极差 {ReportText.Score(x.Entry.Spread)} 分（{Totals(x.Entry)}）")).Append("</li>");
        html.Append("</ul>\n</section>\n<section>\n<h2>专家严格度与进度</h2>\n<table>\n<thead><tr><th>专家</th><th>单位</th><th>分配</th><th>已完成</th><th>严格度（分，正数表示打分偏高）</th></tr></thead>\n<tbody>\n");
        foreach (var e in results.Experts)
        {
            html.Append("<tr><td>").Append(E(e.Name)).Append("</td><td>").Append(E(e.Organisation)).Append("</td><td class=\"n\">")
                .Append(e.Assigned.ToString(CultureInfo.InvariantCulture)).Append("</td><td class=\"n\">").Append(e.Scored.ToString(CultureInfo.InvariantCulture))
                .Append("</td><td class=\"n\">").Append(e.Severity is { } s ? s.ToString("+0.0;-0.0;0.0", CultureInfo.InvariantCulture) : "—").Append("</td></tr>\n");
        }
        html.Append("</tbody>\n</table>\n</section>\n<section>\n<h2>利益冲突（回避）</h2>\n<ul>");
        foreach (var c in results.Conflicts) html.Append("<li>").Append(E($"{c.Expert} 回避 {c.Source}：{c.Reason}")).Append("</li>");
        html.Append("</ul>\n</section>\n</body>\n</html>\n");
        return html.ToString();
    }

    private static IEnumerable<(PanelResults.TrackResult Track, PanelResults.EntryResult Entry)> Entries(PanelResults results) =>
        results.Tracks.SelectMany(t => t.Entries.Select(e => (t, e)));

    private static string Totals(PanelResults.EntryResult e) => string.Join("，", e.Scores.Select(s => $"{s.Expert} {ReportText.Score(s.Total)}"));

    private static string Decision(PanelResults.EntryResult e) => e.Selected switch
    {
        true => "入选" + (e.DecisionReason is { } r ? "：" + r : ""),
        false => "未入选" + (e.DecisionReason is { } r ? "：" + r : ""),
        null => "",
    };

    private static IReadOnlyList<object?> Row(params object?[] values) => values;

    private static string E(string text) => WebUtility.HtmlEncode(text);

    private const string Css = """
        body{font-family:"Noto Sans CJK SC","Source Han Sans SC","Microsoft YaHei",sans-serif;margin:2rem;color:#222;line-height:1.5}
        table{border-collapse:collapse;width:100%;margin:.5rem 0 1rem}th,td{border:1px solid #ccc;padding:.3rem .5rem;text-align:left;vertical-align:top}
        th{background:#d9e2f3}td.n{text-align:right;white-space:nowrap}tr.discuss{background:#fff2cc}.meta{color:#555}
        @media print{section{page-break-inside:avoid}}
        """;
}
