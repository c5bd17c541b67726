using System.Collections.Immutable;
using System.Globalization;
using Mediator;
using Microsoft.EntityFrameworkCore;
using PilotEval.Panel.Store;

namespace PilotEval.Panel;

/// <summary>
/// <c>piloteval panel import</c>: filled score sheets (.xlsx) and <c>scores.csv</c> files
/// (header <c>expert,source,criterion,score,comment</c>). Every rule is checked before anything is written: a score
/// out of 0…weight or missing, an unknown expert, criterion or application, an application not assigned to the expert
/// or one they are conflicted on, a duplicate row, a sheet of another expert or an edited locked cell — any of these
/// refuses the whole import, naming the file, the row or cell and the reason. An accepted import replaces the
/// expert's earlier score of the same cell (the audit keeps the previous value), in one transaction.
/// </summary>
public static class ImportScores
{
    public static readonly ImmutableArray<string> Columns = ["expert", "source", "criterion", "score", "comment"];

    /// <summary>
    /// Test seam for the crash test: after this many score rows are written (inside the open transaction) the
    /// process says so on stderr and waits to be killed. Unset in normal use.
    /// </summary>
    public const string HaltAfterRowsVariable = "PILOTEVAL_PANEL_HALT_AFTER_ROWS";

    private const int Batch = 50;

    /// <param name="Expert">When given, every sheet must be this expert's (the secretariat imports what one expert sent).</param>
    public sealed record Command(string Db, ImmutableArray<string> Files, string Who, string? Expert = null) : ICommand<Result>;

    public sealed record Result(int Written, int Changed, ImmutableArray<string> Experts);

    private sealed record Incoming(string Expert, string Source, string Criterion, double Value, string Comment, string Where);

    public sealed class Handler(TimeProvider clock) : ICommandHandler<Command, Result>
    {
        public async ValueTask<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            if (command.Files.IsEmpty) throw new PanelException("没有给出要导入的评分表或 scores.csv");
            var (context, _) = await PanelStore.OpenRoundAsync(command.Db, cancellationToken);
            await using var __ = context;
            var round = await RoundView.LoadAsync(context, cancellationToken);

            var refusals = new List<string>();
            var incoming = new List<Incoming>();
            foreach (var file in command.Files)
            {
                try
                {
                    incoming.AddRange(Path.GetExtension(file).Equals(".xlsx", StringComparison.OrdinalIgnoreCase)
                        ? FromSheet(file, round, command.Expert, refusals)
                        : FromCsv(file, round, refusals));
                }
                catch (PanelException ex)
                {
                    refusals.Add(ex.Message);
                }
            }
            foreach (var duplicate in incoming.GroupBy(i => (i.Expert, i.Source, i.Criterion)).Where(g => g.Count() > 1))
                refusals.Add($"{duplicate.Skip(1).First().Where}：重复的评分（{duplicate.Key.Expert} × {duplicate.Key.Source} × {duplicate.Key.Criterion}，已见于 {duplicate.First().Where}）");
            if (refusals.Count > 0) throw new PanelException("导入被拒绝，评审库未作任何改动：\n  " + string.Join("\n  ", refusals));

            var halt = int.TryParse(Environment.GetEnvironmentVariable(HaltAfterRowsVariable), out var h) ? h : (int?)null;
            var now = clock.GetUtcNow();
            return await context.WriteAsync(async () =>
            {
                var existing = (await context.Scores.ToListAsync(cancellationToken)).ToDictionary(s => (s.Expert, s.Source, s.Criterion));
                int written = 0, changed = 0;
                foreach (var item in incoming)
                {
                    var subject = $"{item.Expert} × {item.Source} × {item.Criterion}";
                    var current = $"{ImportExperts.Format(item.Value)}（{item.Where}）";
                    if (existing.TryGetValue((item.Expert, item.Source, item.Criterion), out var score))
                    {
                        if (score.Value != item.Value || score.Comment != item.Comment || score.Status != ScoreStatus.Submitted)
                        {
                            context.Record(command.Who, now, "score-change", subject, ImportExperts.Format(score.Value), current);
                            (score.Value, score.Comment, score.Status, score.Origin, score.UpdatedAt) = (item.Value, item.Comment, ScoreStatus.Submitted, item.Where, now);
                            changed++;
                        }
                    }
                    else
                    {
                        context.Scores.Add(new ScoreRow
                        {
                            Expert = item.Expert, Source = item.Source, Criterion = item.Criterion, Value = item.Value, Comment = item.Comment,
                            Status = ScoreStatus.Submitted, Origin = item.Where, UpdatedAt = now,
                        });
                        context.Record(command.Who, now, "score-import", subject, null, current);
                    }
                    if (++written % Batch == 0)
                    {
                        await context.SaveChangesAsync(cancellationToken);
                        if (halt is { } n && written >= n)
                        {
                            await Console.Error.WriteLineAsync($"halted after {written} rows written");
                            await Task.Delay(Timeout.Infinite, cancellationToken);
                        }
                    }
                }
                context.Record(command.Who, now, "import", string.Join(", ", command.Files.Select(Path.GetFileName)), null, $"{written} 条评分");
                return new Result(written, changed, [.. incoming.Select(i => i.Expert).Distinct().Order(StringComparer.Ordinal)]);
            }, cancellationToken);
        }
    }

    /// <summary>What the score rules need to know of the round; shared with the browser (<see cref="SaveScores"/>).</summary>
    internal sealed record RoundView(List<string> Experts, Dictionary<string, ApplicationRow> Applications, List<CriterionRow> Criteria,
        HashSet<(string Expert, string Source)> Assignments, Dictionary<(string Expert, string Source), string> Conflicts)
    {
        public static async Task<RoundView> LoadAsync(PanelDbContext context, CancellationToken cancellationToken) => new(
            await context.Experts.AsNoTracking().Select(e => e.Name).ToListAsync(cancellationToken),
            await context.Applications.AsNoTracking().ToDictionaryAsync(a => a.Source, StringComparer.Ordinal, cancellationToken),
            await context.Criteria.AsNoTracking().ToListAsync(cancellationToken),
            (await context.Assignments.AsNoTracking().ToListAsync(cancellationToken)).Select(a => (a.Expert, a.Source)).ToHashSet(),
            await context.Conflicts.AsNoTracking().ToDictionaryAsync(c => (c.Expert, c.Source), c => c.Reason, cancellationToken));
    }

    /// <summary>The rules every score must pass, whatever file or form it came from; null when it passes.</summary>
    internal static string? Check(RoundView round, string expert, string source, string criterion, string? score, out double value)
    {
        value = 0;
        if (!round.Experts.Contains(expert)) return $"专家「{expert}」不在评审库中";
        if (!round.Applications.TryGetValue(source, out var application)) return $"申报「{source}」不在本轮评审中";
        if (round.Conflicts.TryGetValue((expert, source), out var reason)) return $"专家「{expert}」与申报「{source}」存在利益冲突，其评分不予接受：{reason}";
        if (!round.Assignments.Contains((expert, source))) return $"申报「{source}」未分配给专家「{expert}」";
        var c = round.Criteria.FirstOrDefault(x => x.Track == application.Track && x.Id == criterion);
        if (c is null) return $"评分项「{criterion}」不是 {application.Track} 方向的评分项（应为 {string.Join("、", round.Criteria.Where(x => x.Track == application.Track).Select(x => x.Id))}）";
        if (score is null) return $"缺少「{c.Name}」的分数";
        if (!double.TryParse(score, NumberStyles.Float, CultureInfo.InvariantCulture, out value) || !double.IsFinite(value))
            return $"「{c.Name}」的分数「{score}」不是数字";
        if (value < 0 || value > c.Weight) return $"「{c.Name}」的分数 {score} 超出范围 0–{ImportExperts.Format(c.Weight)}";
        return null;
    }

    private static IEnumerable<Incoming> FromCsv(string path, RoundView round, List<string> refusals)
    {
        var file = Path.GetFileName(path);
        var result = new List<Incoming>();
        foreach (var row in PanelInput.ReadTable(path, Columns))
        {
            var score = row.Get("score");
            var problem = Check(round, row.Get("expert"), row.Get("source"), row.Get("criterion"), score.Length == 0 ? null : score, out var value);
            if (problem is not null) refusals.Add($"{file}:{row.Line}：{problem}");
            else result.Add(new Incoming(row.Get("expert"), row.Get("source"), row.Get("criterion"), value, row.Get("comment"), $"{file}:{row.Line}"));
        }
        return result;
    }

    private static IEnumerable<Incoming> FromSheet(string path, RoundView round, string? expectedExpert, List<string> refusals)
    {
        var file = Path.GetFileName(path);
        var content = ScoreSheet.Read(path);
        if (expectedExpert is not null && expectedExpert != content.Expert)
            throw new PanelException($"{file}：这是专家「{content.Expert}」的评分表，不是「{expectedExpert}」的");
        var prefix = Path.GetFileNameWithoutExtension(ScoreSheet.FileName(""));
        var stem = Path.GetFileNameWithoutExtension(path);
        if (stem.StartsWith(prefix, StringComparison.Ordinal) && stem.Length > prefix.Length && stem[prefix.Length..] != content.Expert)
            throw new PanelException($"{file}：文件名是专家「{stem[prefix.Length..]}」的评分表，内容却是专家「{content.Expert}」的");
        if (!round.Experts.Contains(content.Expert)) throw new PanelException($"{file}：评分表的专家「{content.Expert}」不在评审库中");
        refusals.AddRange(content.LockedEdits.Select(e => e + "（锁定单元格不得修改）"));
        foreach (var (sheet, track, criteria, sources, cells) in content.Sheets)
        {
            string C(int row, int column) => cells.GetValueOrDefault((row, column)) ?? "";
            var stored = round.Criteria.Where(c => c.Track == track).ToList();
            for (var i = 0; i < criteria.Count; i++)
            {
                var expected = stored.FirstOrDefault(c => c.Id == criteria[i]);
                if (expected is not null && C(2, ScoreSheet.FirstScoreColumn + i) != ScoreSheet.Header(expected))
                    refusals.Add($"{file}，工作表「{sheet}」，单元格 {XlsxCells.Reference(2, ScoreSheet.FirstScoreColumn + i)}：表头被改为「{C(2, ScoreSheet.FirstScoreColumn + i)}」（锁定单元格不得修改）");
            }
            for (var i = 0; i < sources.Count; i++)
            {
                if (!round.Applications.TryGetValue(sources[i], out var application)) continue;
                var row = ScoreSheet.FirstRow + i;
                if (C(row, 2) != (application.Enterprise ?? "") || C(row, 3) != (application.Project ?? ""))
                    refusals.Add($"{file}，工作表「{sheet}」，第 {row} 行：申报单位或项目名称被修改（锁定单元格不得修改）");
            }
        }
        var result = new List<Incoming>();
        var refusedPairs = new HashSet<(string, string)>();
        foreach (var entry in content.Entries)
        {
            var problem = Check(round, entry.Expert, entry.Source, entry.Criterion, entry.Score, out var value);
            if (problem is null)
            {
                result.Add(new Incoming(entry.Expert, entry.Source, entry.Criterion, value, entry.Comment, $"{file}，工作表「{entry.Sheet}」，单元格 {entry.Cell}"));
                continue;
            }
            // A conflict or a missing assignment concerns the whole row: say it once, at its first cell.
            var rowWide = round.Conflicts.ContainsKey((entry.Expert, entry.Source)) || !round.Assignments.Contains((entry.Expert, entry.Source))
                || !round.Applications.ContainsKey(entry.Source);
            if (rowWide && !refusedPairs.Add((entry.Expert, entry.Source))) continue;
            refusals.Add($"{file}，工作表「{entry.Sheet}」，单元格 {entry.Cell}：{problem}");
        }
        return result;
    }
}
