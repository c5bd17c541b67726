using System.Globalization;
using System.Net;
using System.Text;
using PilotEval.Documents;

namespace PilotEval.Publishing;

/// <summary>
/// <c>report.html</c>: the panel's on-screen report in one self-contained file (inline CSS and script, no
/// external fonts, images or scripts, so it opens offline and can be mailed). Each track's shortlist is a
/// table that sorts on a header click and filters as one types; every application has its score, levels,
/// quotes with file/page/paragraph, flags, eligibility with reasons and summary; exclusions list their reason.
/// Printing drops the controls and starts each application on a new page.
/// </summary>
public static class HtmlReport
{
    /// <summary>
    /// Writes the report into <paramref name="output"/> a section at a time: the report of 1,000 applications is
    /// 10 MB of text, and it never needs to be one string (nor its UTF-8 bytes one array).
    /// </summary>
    public static void Write(ResultsDocument results, TextWriter output)
    {
        var ids = results.Submissions.Brief.Select((s, i) => (s.Source, Id: "app-" + (i + 1).ToString(CultureInfo.InvariantCulture)))
            .ToDictionary(x => x.Source, x => x.Id, StringComparer.Ordinal);
        var html = new StringBuilder();
        var scored = results.Submissions.Brief.Count(s => s.Status == "scored");
        var ranked = results.Shortlists.Sum(s => s.Entries.Length);

        html.Append("<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<title>").Append(E(ReportText.Programme)).Append(" · 评审报告</title>\n<style>").Append(Css).Append("</style>\n</head>\n<body>\n");

        html.Append("<header>\n<h1>").Append(E(ReportText.Programme)).Append(" · 评审报告</h1>\n");
        html.Append(CultureInfo.InvariantCulture, $"<p class=\"meta\">共收到申报 {results.Submissions.Length} 份，可读取并评分 {scored} 份，入围 {ranked} 份，未入围 {results.Exclusions.Length} 份。分数由评分规则自动计算，仅供专家参考；每项得分均附原文引文及其位置。</p>\n");
        if (results.Run is { } run) html.Append("<p class=\"meta\">").Append(E(ReportText.RunLine(run))).Append("</p>\n");
        html.Append("<nav><ul><li><a href=\"#integrity\">诚信审查</a></li>");
        foreach (var shortlist in results.Shortlists)
        {
            html.Append("<li><a href=\"#track-").Append(E(shortlist.Track)).Append("\">").Append(E(shortlist.Name)).Append("</a></li>");
        }
        html.Append("<li><a href=\"#exclusions\">未入围及原因</a></li><li><a href=\"#details\">申报详情</a></li></ul></nav>\n</header>\n<main>\n");

        // The integrity findings come first, before any ranking, as in shortlist.md: the panel must see them first.
        Integrity(html, results, ids);
        foreach (var shortlist in results.Shortlists) Track(html, results, shortlist, ids);
        Exclusions(html, results, ids);

        html.Append("<section id=\"details\">\n<h2>申报详情</h2>\n");
        foreach (var submission in results.Submissions)
        {
            Details(html, results, submission, ids[submission.Source]);
            if (html.Length < 1 << 16) continue;
            output.Write(html);
            html.Clear();
        }
        html.Append("</section>\n");

        html.Append("<section id=\"rubrics\">\n<h2>评分细则版本</h2>\n<ul>");
        foreach (var rubric in results.Rubrics)
        {
            html.Append("<li>").Append(E(rubric.Name)).Append("（").Append(E(rubric.File)).Append("）<code>SHA-256 ").Append(E(rubric.Sha256)).Append("</code></li>");
        }
        html.Append("</ul>\n</section>\n</main>\n<script>").Append(Script).Append("</script>\n</body>\n</html>\n");
        output.Write(html);
    }

    private static void Track(StringBuilder html, ResultsDocument results, ResultsDocument.ShortlistResult shortlist, Dictionary<string, string> ids)
    {
        var tableId = "table-" + shortlist.Track;
        html.Append("<section class=\"track\" id=\"track-").Append(E(shortlist.Track)).Append("\">\n<h2>").Append(E(shortlist.Name)).Append("</h2>\n");
        if (shortlist.Entries.IsEmpty)
        {
            html.Append("<p>本方向无入围申报。</p>\n</section>\n");
            return;
        }
        var members = shortlist.Entries.Select(e => (Entry: e, Submission: PanelReport.Find(results, e.Source))).ToList();
        var criteria = members.SelectMany(m => m.Submission?.Criteria ?? []).Select(c => (c.Id, c.Name)).Distinct().ToList();

        html.Append("<input type=\"search\" class=\"filter\" data-table=\"").Append(E(tableId)).Append("\" placeholder=\"筛选：单位、项目、等级或标记\" aria-label=\"筛选").Append(E(shortlist.Name)).Append("\">\n");
        html.Append("<table class=\"sortable\" id=\"").Append(E(tableId)).Append("\">\n<thead><tr>")
            .Append("<th data-type=\"number\" aria-sort=\"ascending\">排名</th><th>项目名称</th><th>申报单位</th><th data-type=\"number\">得分</th>");
        foreach (var c in criteria) html.Append("<th title=\"等级\">").Append(E(c.Name)).Append("</th>");
        html.Append("<th data-type=\"number\">证据覆盖</th><th>标记</th></tr></thead>\n<tbody>\n");
        foreach (var (entry, s) in members)
        {
            html.Append("<tr><td data-value=\"").Append(entry.Rank.ToString(CultureInfo.InvariantCulture)).Append("\">").Append(entry.Rank.ToString(CultureInfo.InvariantCulture)).Append("</td>");
            html.Append("<td><a href=\"#").Append(ids[entry.Source]).Append("\">").Append(E(ReportText.OrDash(s?.Project ?? entry.Source))).Append("</a></td>");
            html.Append("<td>").Append(E(ReportText.OrDash(s?.Enterprise))).Append("</td>");
            html.Append("<td class=\"num\" data-value=\"").Append(entry.Score.ToString("R", CultureInfo.InvariantCulture)).Append("\">").Append(ReportText.Score(entry.Score)).Append("</td>");
            foreach (var c in criteria)
            {
                var item = s?.Criteria.FirstOrDefault(x => x.Id == c.Id);
                html.Append("<td class=\"level level-").Append(E(item?.Level ?? "none")).Append("\">").Append(E(item?.Level ?? "—")).Append("</td>");
            }
            html.Append("<td class=\"num\" data-value=\"").Append(entry.Coverage.ToString("R", CultureInfo.InvariantCulture)).Append("\">").Append(ReportText.Percent(entry.Coverage)).Append("</td>");
            html.Append("<td>").Append(E(entry.Flags.IsEmpty ? "" : string.Join("、", entry.Flags.Select(ReportText.FlagName)))).Append("</td></tr>\n");
        }
        html.Append("</tbody>\n</table>\n</section>\n");
    }

    /// <summary>
    /// Every integrity flag of every submission, ranked or not, with where to look; near-duplicates as their groups
    /// (one row per connected group, not per pair or per member), since a call built on a few templates has hundreds.
    /// </summary>
    private static void Integrity(StringBuilder html, ResultsDocument results, Dictionary<string, string> ids)
    {
        html.Append("<section id=\"integrity\">\n<h2>诚信审查</h2>\n");
        var grouped = !results.NearDuplicateClusters.IsEmpty;
        var findings = results.Submissions.Brief
            .SelectMany(s => s.Flags.Where(f => ReportText.IntegrityFlags.Contains(f.Code) && !(grouped && f.Code == FlagCodes.NearDuplicate))
                .Select(f => (Submission: s, Flag: f)))
            .OrderBy(x => x.Submission.Source, StringComparer.Ordinal)
            .ThenBy(x => ReportText.IntegrityFlags.ToList().IndexOf(x.Flag.Code))
            .ToList();
        if (findings.Count == 0 && !grouped)
        {
            html.Append("<p>未发现").Append(E(string.Join("、", ReportText.IntegrityFlags.Select(ReportText.FlagName)))).Append("。</p>\n</section>\n");
            return;
        }
        html.Append("<p>标记不会自动取消资格，也不会自动扣分：含注入指令的句子和隐藏文字不计入评分证据；是否处理由评审组决定。</p>\n");
        DuplicateClusters(html, results, ids);
        if (findings.Count == 0)
        {
            html.Append("</section>\n");
            return;
        }
        html.Append("<table class=\"sortable\" id=\"table-integrity\">\n<thead><tr><th>项目名称</th><th>申报单位</th><th>标记</th><th>说明</th><th>位置</th></tr></thead>\n<tbody>\n");
        foreach (var (s, flag) in findings)
        {
            html.Append("<tr><td><a href=\"#").Append(ids[s.Source]).Append("\">").Append(E(s.Project ?? s.Source)).Append("</a></td>")
                .Append("<td>").Append(E(ReportText.OrDash(s.Enterprise))).Append("</td>")
                .Append("<td><span class=\"flag\">⚠ ").Append(E(ReportText.FlagName(flag.Code))).Append("</span></td>")
                .Append("<td>").Append(E(flag.Detail)).Append("</td>")
                .Append("<td class=\"where\">").Append(E(ReportText.Location(flag.File ?? s.Source, flag.Page, flag.Paragraph))).Append("</td></tr>\n");
        }
        html.Append("</tbody>\n</table>\n");
        SharedPassages(html, results, ids);
        html.Append("</section>\n");
    }

    /// <summary>The near-duplicate groups: how many applications, how many pairs, how similar, and each member linked to its details.</summary>
    private static void DuplicateClusters(StringBuilder html, ResultsDocument results, Dictionary<string, string> ids)
    {
        if (results.NearDuplicateClusters.IsEmpty) return;
                html.Append("<h3>").Append(E(ReportText.FlagName(FlagCodes.NearDuplicate))).Append("的申报组</h3>\n")
            .Append("<p>相互内容高度相似（直接或经由组内其他申报）的申报归为一组；每份申报的标记中列出与其最相似的几份。</p>\n");
        html.Append("<table class=\"sortable\" id=\"table-duplicates\">\n<thead><tr><th data-type=\"number\">组</th><th data-type=\"number\">申报数</th><th data-type=\"number\">相似对数</th><th>估计相似度</th><th>申报</th></tr></thead>\n<tbody>\n");
        var number = 0;
        foreach (var cluster in results.NearDuplicateClusters)
        {
            number++;
            html.Append(CultureInfo.InvariantCulture, $"<tr><td data-value=\"{number}\">{number}</td><td class=\"num\" data-value=\"{cluster.Members.Length}\">{cluster.Members.Length}</td>")
                .Append(CultureInfo.InvariantCulture, $"<td class=\"num\" data-value=\"{cluster.Pairs}\">{cluster.Pairs}</td>")
                .Append("<td>").Append(E(cluster.Lowest == cluster.Highest ? ReportText.Percent(cluster.Highest)
                    : $"{ReportText.Percent(cluster.Lowest)}–{ReportText.Percent(cluster.Highest)}")).Append("</td><td>");
            var first = true;
            foreach (var member in cluster.Members)
            {
                if (!first) html.Append("、");
                first = false;
                var s = results.Submissions.Find(member);
                html.Append("<a href=\"#").Append(ids.GetValueOrDefault(member, "details")).Append("\" title=\"").Append(E(member)).Append("\">")
                    .Append(E(s?.Project ?? member)).Append("</a>");
            }
            html.Append("</td></tr>\n");
        }
        html.Append("</tbody>\n</table>\n");
    }

    /// <summary>For each text-reuse pair, the shared passages: the other's wording beside this one's, with where each stands.</summary>
    private static void SharedPassages(StringBuilder html, ResultsDocument results, Dictionary<string, string> ids)
    {
        foreach (var s in results.Submissions.Brief.Where(s => !s.TextReuse.IsEmpty))
        {
            foreach (var reuse in s.TextReuse.Where(r => r.OtherFoundHere >= r.ThisFoundThere && !r.Passages.IsEmpty))
            {
                var other = PanelReport.Find(results, reuse.Other);
                html.Append("<details class=\"reuse\" open><summary>").Append(E(s.Project ?? s.Source)).Append(" 与 ")
                    .Append(E(other?.Project ?? reuse.Other)).Append("：重合段落对照</summary>\n<table class=\"reuse\"><thead><tr><th>")
                    .Append(E(other?.Enterprise ?? reuse.Other)).Append("（原文）</th><th>").Append(E(s.Enterprise ?? s.Source)).Append("</th></tr></thead><tbody>\n");
                foreach (var p in reuse.Passages)
                {
                    html.Append("<tr><td>").Append(E(p.Other.Quote_)).Append(" <span class=\"where\">").Append(E(ReportText.Location(p.Other))).Append("</span></td>")
                        .Append("<td>").Append(E(p.Here.Quote_)).Append(" <span class=\"where\">").Append(E(ReportText.Location(p.Here))).Append("</span></td></tr>\n");
                }
                html.Append("</tbody></table></details>\n");
            }
        }
    }

    private static void Exclusions(StringBuilder html, ResultsDocument results, Dictionary<string, string> ids)
    {
        html.Append("<section id=\"exclusions\">\n<h2>未入围及原因</h2>\n");
        if (results.Exclusions.IsEmpty)
        {
            html.Append("<p>无。</p>\n</section>\n");
            return;
        }
        html.Append("<input type=\"search\" class=\"filter\" data-table=\"table-exclusions\" placeholder=\"筛选：单位、项目、方向或原因\" aria-label=\"筛选未入围申报\">\n");
        html.Append("<table class=\"sortable\" id=\"table-exclusions\">\n<thead><tr><th>项目名称</th><th>申报单位</th><th>方向</th><th>原因</th><th>说明</th></tr></thead>\n<tbody>\n");
        foreach (var e in results.Exclusions)
        {
            var s = PanelReport.Find(results, e.Source);
            html.Append("<tr><td><a href=\"#").Append(ids.GetValueOrDefault(e.Source, "details")).Append("\">").Append(E(s?.Project ?? e.Source)).Append("</a></td>")
                .Append("<td>").Append(E(ReportText.OrDash(s?.Enterprise))).Append("</td>")
                .Append("<td>").Append(E(ReportText.TrackName(results, e.Track))).Append("</td>")
                .Append("<td>").Append(E(ReportText.ReasonName(e.Reason))).Append("</td>")
                .Append("<td>").Append(E(e.Detail)).Append("</td></tr>\n");
        }
        html.Append("</tbody>\n</table>\n</section>\n");
    }

    private static void Details(StringBuilder html, ResultsDocument results, ResultsDocument.SubmissionResult s, string id)
    {
        html.Append("<article class=\"application\" id=\"").Append(id).Append("\">\n<h3>").Append(E(s.Project ?? s.Source)).Append("</h3>\n<dl>");
        Field(html, "申报单位", ReportText.OrDash(s.Enterprise));
        if (!string.IsNullOrEmpty(s.Partners)) Field(html, "联合申报单位", s.Partners);
        Field(html, "方向", ReportText.TrackName(results, s.Track) + (s.TrackSource == "inferred" ? "（由正文推断）" : ""));
        Field(html, "文件", string.Join("；", s.Files));
        Field(html, "状态", ReportText.StatusName(s.Status) + "，" + ReportText.EligibleName(s.Eligible));
        Field(html, "得分", ReportText.Score(s.Score) + (s.Rank is { } r ? $"（本方向第 {r} 名）" : "（未入围）")
            + (s.Coverage is { } coverage ? $"，证据覆盖 {ReportText.Percent(coverage)}" : ""));
        html.Append("</dl>\n");

        if (!s.Errors.IsEmpty)
        {
            html.Append("<h4>读取错误</h4>\n<ul class=\"errors\">");
            foreach (var error in s.Errors)
            {
                html.Append("<li>").Append(E($"{ReportText.ErrorName(error.Code)}：{error.Message}")).Append(" <span class=\"where\">").Append(E(error.File)).Append("</span></li>");
            }
            html.Append("</ul>\n");
        }

        if (!s.Eligibility.IsEmpty)
        {
            html.Append("<h4>申报条件</h4>\n<ul class=\"eligibility\">");
            foreach (var check in s.Eligibility)
            {
                html.Append("<li class=\"").Append(check.Status switch { "passed" => "pass", "failed" => "fail", _ => "unconfirmed" })
                    .Append("\"><span class=\"mark\">").Append(E(ReportText.CheckMark(check.Status))).Append("</span> ")
                    .Append(E(check.Name)).Append("：").Append(E(ReportText.CheckText(check)));
                if (check.Evidence is { } ev) html.Append(" <span class=\"where\">").Append(E(ReportText.Location(ev))).Append("</span>");
                html.Append("</li>");
            }
            html.Append("</ul>\n");
        }

        if (!s.Flags.IsEmpty)
        {
            html.Append("<h4>需要专家注意</h4>\n<ul class=\"flags\">");
            foreach (var flag in s.Flags)
            {
                html.Append("<li><span class=\"flag\">").Append(E(ReportText.FlagName(flag.Code))).Append("</span> ").Append(E(flag.Detail));
                var where = ReportText.Location(flag.File, flag.Page, flag.Paragraph);
                if (where.Length > 0) html.Append(" <span class=\"where\">").Append(E(where)).Append("</span>");
                html.Append("</li>");
            }
            html.Append("</ul>\n");
        }

        if (!s.Criteria.IsEmpty)
        {
            html.Append("<h4>评分</h4>\n<table class=\"criteria\"><thead><tr><th>评分项</th><th>权重</th><th>等级</th><th>得分</th><th>依据</th></tr></thead><tbody>\n");
            foreach (var c in s.Criteria)
            {
                html.Append("<tr><td>").Append(E(c.Name)).Append("</td><td class=\"num\">").Append(ReportText.Score(c.Weight))
                    .Append("</td><td class=\"level level-").Append(E(c.Level)).Append("\">").Append(E(c.Level))
                    .Append("</td><td class=\"num\">").Append(ReportText.Score(c.Score)).Append("</td><td>").Append(E(c.Rule)).Append("</td></tr>\n");
            }
            html.Append("</tbody></table>\n");
            foreach (var c in s.Criteria)
            {
                html.Append("<div class=\"criterion\"><h5>").Append(E(c.Name)).Append("（").Append(E(c.Level)).Append(" 级）</h5>");
                if (!c.Evidence.IsEmpty)
                {
                    html.Append("<ul class=\"quotes\">");
                    foreach (var q in c.Evidence)
                    {
                        html.Append("<li><q>").Append(E(q.Quote_)).Append("</q> <span class=\"where\">").Append(E(ReportText.Location(q))).Append("</span></li>");
                    }
                    html.Append("</ul>");
                }
                if (!c.Lacking.IsEmpty)
                {
                    html.Append("<ul class=\"lacking\">");
                    foreach (var l in c.Lacking) html.Append("<li>缺：").Append(E(l)).Append("</li>");
                    html.Append("</ul>");
                }
                if (c.Evidence.IsEmpty && c.Lacking.IsEmpty) html.Append("<p>未找到相关证据。</p>");
                html.Append("</div>\n");
            }
        }

        if (s.Summary is { } summary)
        {
            html.Append("<h4>").Append(summary.Method == "llm" ? "摘要（模型生成，引文已核对）" : "摘要（原文摘录）").Append("</h4>\n<p class=\"summary\">").Append(E(summary.Text)).Append("</p>\n");
            if (summary.FallbackReason is { } why) html.Append("<p class=\"where\">未使用模型的原因：").Append(E(why)).Append("</p>\n");
        }
        html.Append("</article>\n");
    }

    private static void Field(StringBuilder html, string label, string value) =>
        html.Append("<dt>").Append(E(label)).Append("</dt><dd>").Append(E(value)).Append("</dd>");

    private static string E(string? text) => WebUtility.HtmlEncode(text ?? "");

    // System fonts only: the file must not fetch anything. The list covers Windows, macOS, WPS on Linux and the Noto CJK fonts.
    private const string Css = """

:root { --ink: #1f2328; --muted: #59636e; --line: #d0d7de; --head: #eef2f8; --accent: #0b5cad; }
* { box-sizing: border-box; }
table.reuse td { width: 50%; vertical-align: top; }
details.reuse { margin: .8em 0; }
body { margin: 0 auto; max-width: 1200px; padding: 0 24px 48px; color: var(--ink); line-height: 1.6;
  font-family: "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "微软雅黑", "Source Han Sans SC", "Noto Sans CJK SC", "WenQuanYi Micro Hei", "SimSun", "宋体", sans-serif; }
h1 { font-size: 1.6em; margin: 24px 0 8px; }
h2 { font-size: 1.3em; border-bottom: 2px solid var(--accent); padding-bottom: 4px; margin-top: 36px; }
h3 { font-size: 1.15em; margin: 0 0 8px; }
h4 { font-size: 1em; margin: 16px 0 6px; }
h5 { font-size: .95em; margin: 10px 0 4px; }
.meta, .where { color: var(--muted); }
.where { font-size: .85em; white-space: nowrap; }
nav ul { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: 6px 18px; }
nav a, td a { color: var(--accent); text-decoration: none; }
table { border-collapse: collapse; width: 100%; margin: 8px 0 16px; font-size: .95em; }
th, td { border: 1px solid var(--line); padding: 4px 8px; vertical-align: top; text-align: left; }
th { background: var(--head); white-space: nowrap; }
table.sortable th { cursor: pointer; user-select: none; }
table.sortable th::after { content: " ⇅"; color: var(--muted); font-size: .8em; }
table.sortable th[aria-sort="ascending"]::after { content: " ▲"; color: var(--accent); }
table.sortable th[aria-sort="descending"]::after { content: " ▼"; color: var(--accent); }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
td.level { text-align: center; font-weight: bold; }
.level-A { color: #1a7f37; } .level-B { color: #0b5cad; } .level-C { color: #9a6700; } .level-D { color: #cf222e; }
input.filter { width: 100%; max-width: 420px; padding: 6px 10px; border: 1px solid var(--line); border-radius: 4px; font: inherit; }
.application { border: 1px solid var(--line); border-radius: 6px; padding: 16px 20px; margin: 16px 0; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: 2px 12px; margin: 0; }
dt { color: var(--muted); } dd { margin: 0; }
ul.eligibility li.fail .mark, ul.flags .flag, ul.errors li { color: #cf222e; font-weight: bold; }
ul.eligibility li.pass .mark { color: #1a7f37; font-weight: bold; }
ul.eligibility li.unconfirmed .mark { color: #9a6700; font-weight: bold; }
ul.lacking { color: var(--muted); }
q { quotes: "「" "」"; }
code { font-size: .8em; color: var(--muted); }
@media print {
  body { max-width: none; padding: 0; font-size: 10.5pt; }
  nav, input.filter { display: none; }
  table.sortable th::after { content: ""; }
  thead { display: table-header-group; }
  tr, li { break-inside: avoid; }
  a, td a { color: inherit; }
  h2, h3, h4, h5 { break-after: avoid; }
  .application { border: none; padding: 0; break-before: page; }
  #details > h2 { break-before: page; }
  #details > .application:first-of-type { break-before: avoid; }
}

""";

    // Sorting compares data-value when a cell has one (numbers), else the text with a Chinese collator;
    // empty cells sort last either way. Filtering hides rows whose text does not contain the query.
    private const string Script = """

(function () {
  var collator = new Intl.Collator('zh-Hans-CN', { numeric: true });
  function key(cell, numeric) {
    var raw = cell.hasAttribute('data-value') ? cell.getAttribute('data-value') : cell.textContent.trim();
    if (!numeric) return raw;
    var n = parseFloat(raw);
    return isNaN(n) ? null : n;
  }
  function sortTable(table, column, th) {
    var ascending = th.getAttribute('aria-sort') !== 'ascending';
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (h) { h.removeAttribute('aria-sort'); });
    th.setAttribute('aria-sort', ascending ? 'ascending' : 'descending');
    var numeric = th.getAttribute('data-type') === 'number';
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (a, b) {
      var x = key(a.cells[column], numeric), y = key(b.cells[column], numeric);
      if (x === null || x === '') return (y === null || y === '') ? 0 : 1;
      if (y === null || y === '') return -1;
      var d = numeric ? x - y : collator.compare(x, y);
      return ascending ? d : -d;
    });
    rows.forEach(function (r) { body.appendChild(r); });
  }
  Array.prototype.forEach.call(document.querySelectorAll('table.sortable'), function (table) {
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, column) {
      th.tabIndex = 0;
      th.addEventListener('click', function () { sortTable(table, column, th); });
      th.addEventListener('keydown', function (e) { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); sortTable(table, column, th); } });
    });
  });
  Array.prototype.forEach.call(document.querySelectorAll('input.filter'), function (input) {
    input.addEventListener('input', function () {
      var query = input.value.trim().toLowerCase();
      var table = document.getElementById(input.getAttribute('data-table'));
      Array.prototype.forEach.call(table.tBodies[0].rows, function (row) {
        row.hidden = query !== '' && row.textContent.toLowerCase().indexOf(query) < 0;
      });
    });
  });
})();

""";
}
