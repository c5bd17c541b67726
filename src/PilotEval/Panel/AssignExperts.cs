using System.Collections.Immutable;
using System.Globalization;
using Mediator;
using Microsoft.EntityFrameworkCore;
using PilotEval.Panel.Store;

namespace PilotEval.Panel;

/// <summary>
/// <c>piloteval panel assign</c>: every application gets <c>k</c> experts of its track (default: every
/// non-conflicted expert of the track panel), load balanced and deterministic: applications with the fewest
/// eligible experts first, then by source; each takes the least-loaded eligible experts, ties by name. Assignments
/// that already carry scores are kept. An application that cannot get k is reported with the reason.
/// </summary>
public static class AssignExperts
{
    public sealed record Command(string Db, string Who, int? PerApplication = null) : ICommand<Result>;

    public sealed record Gap(string Source, string Track, int Assigned, int Wanted, string Reason);

    public sealed record Result(ImmutableArray<AssignmentRow> Assignments, ImmutableDictionary<string, int> Load, ImmutableArray<Gap> Gaps);

    public sealed class Handler(TimeProvider clock) : ICommandHandler<Command, Result>
    {
        public async ValueTask<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            if (command.PerApplication is < 1) throw new PanelException("-k 须为正整数");
            var (context, round) = await PanelStore.OpenRoundAsync(command.Db, cancellationToken);
            await using var _ = context;
            var now = clock.GetUtcNow();
            return await context.WriteAsync(async () =>
            {
                var experts = await context.Experts.ToListAsync(cancellationToken);
                if (experts.Count == 0) throw new PanelException("评审库中还没有专家（先运行 piloteval panel experts）");
                var applications = await context.Applications.ToListAsync(cancellationToken);
                var conflicts = (await context.Conflicts.ToListAsync(cancellationToken)).Select(c => (c.Expert, c.Source)).ToHashSet();
                var scored = (await context.Scores.Select(s => new { s.Expert, s.Source }).Distinct().ToListAsync(cancellationToken))
                    .Select(s => (s.Expert, s.Source)).ToHashSet();
                var existing = await context.Assignments.ToListAsync(cancellationToken);

                var plan = Plan(experts, applications, conflicts, scored, command.PerApplication);
                foreach (var old in existing.Where(o => !plan.Assignments.Any(p => p.Expert == o.Expert && p.Source == o.Source)))
                {
                    context.Assignments.Remove(old);
                    context.Record(command.Who, now, "assignment-remove", $"{old.Expert} × {old.Source}", old.Reason, null);
                }
                foreach (var assignment in plan.Assignments)
                {
                    var old = existing.FirstOrDefault(o => o.Expert == assignment.Expert && o.Source == assignment.Source);
                    if (old is null)
                    {
                        context.Assignments.Add(assignment);
                        context.Record(command.Who, now, "assignment-add", $"{assignment.Expert} × {assignment.Source}", null, assignment.Reason);
                    }
                    else old.Reason = assignment.Reason;
                }
                var stored = await context.Rounds.SingleAsync(cancellationToken);
                if (stored.ExpertsPerApplication != command.PerApplication)
                {
                    context.Record(command.Who, now, "round-k", "k", stored.ExpertsPerApplication?.ToString(CultureInfo.InvariantCulture) ?? "全部",
                        command.PerApplication?.ToString(CultureInfo.InvariantCulture) ?? "全部");
                    stored.ExpertsPerApplication = command.PerApplication;
                }
                return plan;
            }, cancellationToken);
        }
    }

    /// <summary>The assignment as a pure function of experts, applications, conflicts and what is already scored.</summary>
    public static Result Plan(IReadOnlyList<ExpertRow> experts, IReadOnlyList<ApplicationRow> applications,
        IReadOnlySet<(string Expert, string Source)> conflicts, IReadOnlySet<(string Expert, string Source)> scored, int? perApplication)
    {
        var load = experts.ToDictionary(e => e.Name, _ => 0, StringComparer.Ordinal);
        var assignments = new List<AssignmentRow>();
        var gaps = new List<Gap>();
        List<ExpertRow> Panel(ApplicationRow a) =>
            [.. experts.Where(e => Conflicts.Split(e.Tracks).Contains(a.Track))];
        List<ExpertRow> Eligible(ApplicationRow a) => [.. Panel(a).Where(e => !conflicts.Contains((e.Name, a.Source)))];

        // Scored pairs stay: an expert's work is never thrown away by a re-run.
        foreach (var (expert, source) in scored.Where(p => !conflicts.Contains(p)).Sorted())
        {
            if (!load.ContainsKey(expert) || applications.All(a => a.Source != source)) continue;
            assignments.Add(new AssignmentRow { Expert = expert, Source = source, Reason = "已有评分，保留" });
            load[expert]++;
        }
        var order = applications.OrderBy(a => Eligible(a).Count).ThenBy(a => a.Source, StringComparer.Ordinal);
        foreach (var application in order)
        {
            var eligible = Eligible(application);
            var wanted = perApplication ?? eligible.Count;
            var have = assignments.Count(a => a.Source == application.Source);
            var candidates = eligible.Where(e => !assignments.Any(a => a.Expert == e.Name && a.Source == application.Source))
                .OrderBy(e => load[e.Name]).ThenBy(e => e.Name, StringComparer.Ordinal).Take(Math.Max(0, wanted - have)).ToList();
            foreach (var expert in candidates)
            {
                var reason = perApplication is null
                    ? $"{application.Track} 方向专家，无利益冲突"
                    : $"{application.Track} 方向专家，无利益冲突，分配时负载最低（已分配 {load[expert.Name]} 份）";
                assignments.Add(new AssignmentRow { Expert = expert.Name, Source = application.Source, Reason = reason });
                load[expert.Name]++;
            }
            var total = have + candidates.Count;
            if (total < wanted || total == 0)
            {
                var panelSize = Panel(application).Count;
                var reason = panelSize == 0
                    ? $"没有评审 {application.Track} 方向的专家"
                    : $"{application.Track} 方向共 {panelSize} 名专家，其中 {panelSize - eligible.Count} 名与该申报存在利益冲突，只有 {eligible.Count} 名可分配";
                gaps.Add(new Gap(application.Source, application.Track, total, Math.Max(wanted, 1), reason));
            }
        }
        return new Result([.. assignments], load.ToImmutableDictionary(StringComparer.Ordinal), [.. gaps]);
    }

    private static IEnumerable<(string, string)> Sorted(this IEnumerable<(string Expert, string Source)> pairs) =>
        pairs.OrderBy(p => p.Expert, StringComparer.Ordinal).ThenBy(p => p.Source, StringComparer.Ordinal);
}
