using System.Collections.Immutable;
using Mediator;
using Microsoft.EntityFrameworkCore;
using PilotEval.Panel.Store;

namespace PilotEval.Panel;

/// <summary>
/// <c>piloteval panel experts</c>: experts from CSV or XLSX (header <c>name,organisation,tracks,former_employers,relations</c>,
/// optionally <c>credit_code</c>), added or updated by name; then every conflict of interest is recomputed. An
/// assignment that a new conflict forbids is withdrawn with the expert's scores of that application, each in the
/// audit log: a conflicted expert must not count, whenever the conflict came to light.
/// </summary>
public static class ImportExperts
{
    public static readonly ImmutableArray<string> Columns = ["name", "organisation", "tracks", "former_employers", "relations"];

    public sealed record Command(string Db, string File, string Who) : ICommand<Result>;

    public sealed record Result(int Added, int Updated, ImmutableArray<ConflictRow> Conflicts, ImmutableArray<string> Withdrawn);

    public sealed class Handler(TimeProvider clock) : ICommandHandler<Command, Result>
    {
        public async ValueTask<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            var experts = Parse(command.File);
            var (context, round) = await PanelStore.OpenRoundAsync(command.Db, cancellationToken);
            await using var _ = context;
            var tracks = await context.Rubrics.Select(r => r.Track).ToListAsync(cancellationToken);
            var file = Path.GetFileName(command.File);
            foreach (var (line, expert) in experts)
            {
                var unknown = Conflicts.Split(expert.Tracks).Where(t => !tracks.Contains(t)).ToList();
                if (unknown.Count > 0)
                    throw new PanelException($"{file}:{line}：专家「{expert.Name}」的方向 {string.Join("、", unknown)} 不是本次评审的方向（方向 id：{string.Join("、", tracks.Order())}）");
            }

            var now = clock.GetUtcNow();
            return await context.WriteAsync(async () =>
            {
                int added = 0, updated = 0;
                foreach (var (_, expert) in experts)
                {
                    var existing = await context.Experts.FindAsync([expert.Name], cancellationToken);
                    if (existing is null)
                    {
                        context.Experts.Add(expert);
                        context.Record(command.Who, now, "expert-add", expert.Name, null, Describe(expert));
                        added++;
                    }
                    else if (Describe(existing) != Describe(expert))
                    {
                        var previous = Describe(existing);
                        (existing.Organisation, existing.CreditCode, existing.Tracks, existing.FormerEmployers, existing.Relations) =
                            (expert.Organisation, expert.CreditCode, expert.Tracks, expert.FormerEmployers, expert.Relations);
                        context.Record(command.Who, now, "expert-update", expert.Name, previous, Describe(expert));
                        updated++;
                    }
                }
                await context.SaveChangesAsync(cancellationToken);
                var (conflicts, withdrawn) = await Recompute(context, round, command.Who, now, cancellationToken);
                return new Result(added, updated, conflicts, withdrawn);
            }, cancellationToken);
        }
    }

    /// <summary>Recomputes every conflict; withdraws assignments and scores a conflict now forbids.</summary>
    internal static async Task<(ImmutableArray<ConflictRow>, ImmutableArray<string>)> Recompute(PanelDbContext context, RoundRow round, string who,
        DateTimeOffset now, CancellationToken cancellationToken)
    {
        var experts = await context.Experts.ToListAsync(cancellationToken);
        var applications = await context.Applications.ToListAsync(cancellationToken);
        var found = experts.SelectMany(e => applications.SelectMany(a => Conflicts.Find(e, a, round.OpenedOn)))
            .OrderBy(c => c.Expert, StringComparer.Ordinal).ThenBy(c => c.Source, StringComparer.Ordinal).ToImmutableArray();
        var old = await context.Conflicts.ToListAsync(cancellationToken);
        foreach (var gone in old.Where(o => !found.Any(f => f.Expert == o.Expert && f.Source == o.Source)))
        {
            context.Conflicts.Remove(gone);
            context.Record(who, now, "conflict-remove", $"{gone.Expert} × {gone.Source}", gone.Reason, null);
        }
        foreach (var conflict in found)
        {
            var before = old.FirstOrDefault(o => o.Expert == conflict.Expert && o.Source == conflict.Source);
            if (before is null)
            {
                context.Conflicts.Add(conflict);
                context.Record(who, now, "conflict-add", $"{conflict.Expert} × {conflict.Source}", null, conflict.Reason);
            }
            else if (before.Reason != conflict.Reason)
            {
                context.Record(who, now, "conflict-update", $"{conflict.Expert} × {conflict.Source}", before.Reason, conflict.Reason);
                before.Reason = conflict.Reason;
            }
        }
        var withdrawn = new List<string>();
        var assignments = await context.Assignments.ToListAsync(cancellationToken);
        foreach (var assignment in assignments.Where(a => found.Any(f => f.Expert == a.Expert && f.Source == a.Source)))
        {
            context.Assignments.Remove(assignment);
            context.Record(who, now, "assignment-withdraw", $"{assignment.Expert} × {assignment.Source}", assignment.Reason, "利益冲突");
            var scores = await context.Scores.Where(s => s.Expert == assignment.Expert && s.Source == assignment.Source).ToListAsync(cancellationToken);
            foreach (var score in scores)
            {
                context.Scores.Remove(score);
                context.Record(who, now, "score-withdraw", $"{score.Expert} × {score.Source} × {score.Criterion}", Format(score.Value), "利益冲突");
            }
            withdrawn.Add($"{assignment.Expert} × {assignment.Source}");
        }
        await context.SaveChangesAsync(cancellationToken);
        return (found, [.. withdrawn]);
    }

    internal static string Format(double value) => value.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture);

    private static string Describe(ExpertRow e) =>
        $"单位={e.Organisation}; 信用代码={e.CreditCode}; 方向={e.Tracks}; 曾任职={e.FormerEmployers}; 关联={e.Relations}";

    /// <summary>Reads and checks the experts file; a bad row stops the import with its line and reason.</summary>
    public static List<(int Line, ExpertRow Expert)> Parse(string path)
    {
        var file = Path.GetFileName(path);
        var rows = PanelInput.ReadTable(path, Columns);
        var experts = new List<(int, ExpertRow)>();
        foreach (var row in rows)
        {
            var name = row.Get("name");
            if (name.Length == 0) throw new PanelException($"{file}:{row.Line}：姓名（name）为空");
            if (experts.Any(e => e.Item2.Name == name)) throw new PanelException($"{file}:{row.Line}：专家「{name}」重复出现");
            if (row.Get("organisation").Length == 0) throw new PanelException($"{file}:{row.Line}：专家「{name}」的工作单位（organisation）为空");
            if (!Conflicts.Split(row.Get("tracks")).Any()) throw new PanelException($"{file}:{row.Line}：专家「{name}」没有填写评审方向（tracks）");
            foreach (var item in Conflicts.Split(row.Get("former_employers")))
            {
                if (!Conflicts.FormerEmployers(item).Any())
                    throw new PanelException($"{file}:{row.Line}：专家「{name}」的曾任职单位「{item}」应写成「单位:YYYY-MM-DD」（离职日期）");
            }
            experts.Add((row.Line, new ExpertRow
            {
                Name = name, Organisation = row.Get("organisation"), CreditCode = row.Get("credit_code") is { Length: > 0 } code ? code : null,
                Tracks = string.Join(";", Conflicts.Split(row.Get("tracks"))),
                FormerEmployers = string.Join(";", Conflicts.Split(row.Get("former_employers"))),
                Relations = string.Join(";", Conflicts.Split(row.Get("relations"))),
            }));
        }
        if (experts.Count == 0) throw new PanelException($"{file}：没有专家");
        return experts;
    }
}
