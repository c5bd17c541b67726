using System.Collections.Immutable;
using System.Text;

namespace PilotEval.Publishing;

/// <summary>
/// Which applications go into the public notice and the casebook: the panel's own list of sources, or the top N
/// of each track's shortlist. Anything that cannot be published — a source not in the run, a file that could not
/// be read, an application without a track or one that fails an eligibility check — is refused with the reason,
/// and nothing is written: a notice with a silently dropped name is worse than no notice.
/// </summary>
public static class NoticeSelection
{
    public sealed record Selection(ImmutableArray<ResultsDocument.SubmissionResult> Chosen, ImmutableArray<string> Refusals)
    {
        /// <summary>What the secretariat must fill in by hand before the notice goes out: names the cover did not yield.</summary>
        public ImmutableArray<string> Warnings =>
        [
            .. Chosen.Where(s => string.IsNullOrWhiteSpace(s.Project)).Select(s => $"{s.Source}：封面未读到项目名称，名单中显示为「—」，请人工补充"),
            .. Chosen.Where(s => string.IsNullOrWhiteSpace(s.Enterprise)).Select(s => $"{s.Source}：封面未读到申报单位，名单中显示为「—」，请人工补充"),
        ];
    }

    /// <summary>The order the programme lists its tracks in (domain.md); tracks it does not know follow by id.</summary>
    public static readonly ImmutableArray<string> TrackOrder =
        ["talent", "risk-assessment", "incident-handling", "technology-application", "data-element-flow"];

    public static Selection BySources(ResultsDocument results, IEnumerable<string> sources)
    {
        var chosen = new List<ResultsDocument.SubmissionResult>();
        var refusals = new List<string>();
        foreach (var source in sources.Select(s => s.Trim()).Where(s => s.Length > 0).Distinct(StringComparer.Ordinal))
        {
            var s = results.Submissions.FirstOrDefault(x => x.Source == source);
            if (s is null)
            {
                refusals.Add($"{source}：不在本次评审结果中（未知的申报）");
            }
            else if (s.Status == "failed")
            {
                refusals.Add($"{source}：申报材料无法读取，不能入选");
            }
            else if (s.Eligible == false)
            {
                var failed = s.Eligibility.Where(e => e.Status == Scoring.EligibilityStatuses.Failed).Select(e => $"{e.Name}（{e.Reason}）");
                refusals.Add($"{source}：不符合申报条件，不能入选：{string.Join("；", failed)}");
            }
            else if (s.Eligible is null)
            {
                // An unconfirmed check is a question, not an answer: it is settled by a person before anything is made public.
                var open = s.Eligibility.Where(e => e.IsUnconfirmed).Select(e => $"{e.Name}（{e.Reason}）");
                refusals.Add($"{source}：申报条件{ReportText.Unconfirmed}，确认前不能公示：{string.Join("；", open)}。请核实后用 piloteval confirm 记录确认");
            }
            else if (s.Track is null)
            {
                refusals.Add($"{source}：申报方向不明，不能列入名单");
            }
            else
            {
                chosen.Add(s);
            }
        }
        if (chosen.Count == 0 && refusals.Count == 0) refusals.Add("未选择任何申报");
        return new Selection(Ordered(chosen), [.. refusals]);
    }

    /// <summary>
    /// The panel's decision from its store: its selected sources, refused like any list, except that eligibility
    /// checks a person confirmed in <c>panel decide</c> (待核实 → confirmed) count as passed.
    /// </summary>
    public static Selection FromPanel(ResultsDocument results, IEnumerable<string> sources, IReadOnlySet<(string Source, string Check)> confirmed)
    {
        var withConfirmations = results with
        {
            Submissions = [.. results.Submissions.Select(s =>
            {
                if (!s.Eligibility.Any(e => confirmed.Contains((s.Source, e.Check)))) return s;
                var eligibility = s.Eligibility.Select(e => confirmed.Contains((s.Source, e.Check)) ? e with { Passed = true, Status = Scoring.EligibilityStatuses.Passed } : e).ToImmutableArray();
                return s with { Eligibility = eligibility, Eligible = s.Status != "failed" && eligibility.All(e => e.Passed) };
            })],
        };
        return BySources(withConfirmations, sources);
    }

    public static Selection TopPerTrack(ResultsDocument results, int count)
    {
        if (count < 1) return new Selection([], ["--top 须为正整数"]);
        var sources = results.Shortlists.SelectMany(s => s.Entries.OrderBy(e => e.Rank).Take(count)).Select(e => e.Source);
        var selection = BySources(results, sources);
        return selection.Chosen.IsEmpty && selection.Refusals is [var only] && only == "未选择任何申报"
            ? selection with { Refusals = ["本次评审结果中没有入围的申报"] }
            : selection;
    }

    /// <summary>
    /// Reads sources from a CSV the secretariat keeps (first column, a header row such as 「source」 or 「文件」 skipped,
    /// Excel's BOM tolerated), or, when the argument is not a file, from a comma-separated list.
    /// </summary>
    public static ImmutableArray<string> ParseSources(string argument)
    {
        if (!File.Exists(argument)) return [.. argument.Split([',', '，'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
        var lines = File.ReadAllLines(argument, Encoding.UTF8);
        var sources = new List<string>();
        for (var i = 0; i < lines.Length; i++)
        {
            var first = FirstField(lines[i].TrimStart('\uFEFF'));
            if (first.Length == 0 || first.StartsWith('#')) continue;
            if (i == 0 && first.ToLowerInvariant() is "source" or "文件" or "申报文件" or "sources") continue;
            sources.Add(first);
        }
        return [.. sources];
    }

    private static string FirstField(string line)
    {
        line = line.Trim();
        if (!line.StartsWith('"')) return (line.Split(',')[0]).Trim();
        var field = new StringBuilder();
        for (var i = 1; i < line.Length; i++)
        {
            if (line[i] == '"')
            {
                if (i + 1 < line.Length && line[i + 1] == '"') { field.Append('"'); i++; }
                else break;
            }
            else field.Append(line[i]);
        }
        return field.ToString().Trim();
    }

    /// <summary>Grouped by track in programme order, then by rank, then score, then source, whatever order they were chosen in.</summary>
    private static ImmutableArray<ResultsDocument.SubmissionResult> Ordered(IEnumerable<ResultsDocument.SubmissionResult> chosen) =>
    [
        .. chosen
            .OrderBy(s => TrackOrder.IndexOf(s.Track!) is var i and >= 0 ? i : TrackOrder.Length)
            .ThenBy(s => s.Track, StringComparer.Ordinal)
            .ThenBy(s => s.Rank ?? int.MaxValue)
            .ThenByDescending(s => s.Score ?? -1)
            .ThenBy(s => s.Source, StringComparer.Ordinal),
    ];
}
