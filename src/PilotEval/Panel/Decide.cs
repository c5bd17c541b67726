using System.Collections.Immutable;
using Mediator;
using Microsoft.EntityFrameworkCore;
using PilotEval.Panel.Store;

namespace PilotEval.Panel;

/// <summary>
/// <c>piloteval panel decide</c>: the panel's final selection per track, and people's confirmations of the
/// eligibility checks the machine left 待核实. Selecting N applications of a track departs from the ranking for
/// every selected one ranked below N and every unselected one ranked within N; each departure needs a reason.
/// A 待核实 application cannot be selected until each of its open checks is confirmed. The decision replaces the
/// previous one (the audit keeps what it was); <c>publish --db</c> then takes it from the store.
/// </summary>
public static class Decide
{
    public sealed record Confirmation(string Source, string Check, string Note);

    /// <param name="Selected">The selected sources; empty to record only confirmations.</param>
    /// <param name="Reasons">Why, per source, the decision departs from the ranking.</param>
    public sealed record Command(string Db, string Who, ImmutableArray<string> Selected, ImmutableDictionary<string, string> Reasons,
        ImmutableArray<Confirmation> Confirmations, PanelOptions Options) : ICommand<Result>;

    public sealed record Departure(string Source, string Track, int? Rank, bool Selected, string Reason);

    public sealed record Result(ImmutableArray<string> Selected, ImmutableArray<Departure> Departures, int Confirmed);

    public sealed class Handler(TimeProvider clock) : ICommandHandler<Command, Result>
    {
        public async ValueTask<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            var (context, _) = await PanelStore.OpenRoundAsync(command.Db, cancellationToken);
            await using var __ = context;
            var snapshot = await ComputeResults.LoadAsync(context, cancellationToken);
            var results = PanelResults.Compute(snapshot, command.Options);
            var applications = snapshot.Applications.ToDictionary(a => a.Source, StringComparer.Ordinal);
            var refusals = new List<string>();

            foreach (var c in command.Confirmations)
            {
                if (!applications.TryGetValue(c.Source, out var a)) refusals.Add($"确认 {c.Source}：申报不在本轮评审中");
                else if (!Conflicts.Split(a.UnconfirmedChecks).Contains(c.Check))
                    refusals.Add($"确认 {c.Source}：「{c.Check}」不是该申报待核实的条件（待核实：{(a.UnconfirmedChecks.Length == 0 ? "无" : a.UnconfirmedChecks)}）");
            }
            var confirmed = snapshot.Confirmations.Select(c => (c.Source, c.Check)).Concat(command.Confirmations.Select(c => (c.Source, c.Check))).ToHashSet();
            var selected = command.Selected.Distinct(StringComparer.Ordinal).ToList();
            foreach (var source in selected)
            {
                if (!applications.TryGetValue(source, out var a)) { refusals.Add($"{source}：不在本轮评审中"); continue; }
                var open = Conflicts.Split(a.UnconfirmedChecks).Where(c => !confirmed.Contains((source, c))).ToList();
                if (open.Count > 0) refusals.Add($"{source}：申报条件 {string.Join("、", open)} 待核实，须先确认（--confirm {source}={open[0]}）才能入选");
            }

            var departures = new List<Departure>();
            foreach (var track in results.Tracks.Where(t => t.Entries.Any(e => selected.Contains(e.Source))))
            {
                var n = track.Entries.Count(e => selected.Contains(e.Source));
                foreach (var e in track.Entries)
                {
                    var isSelected = selected.Contains(e.Source);
                    var departs = isSelected ? e.Rank is null || e.Rank > n : e.Rank is { } r && r <= n;
                    if (!departs) continue;
                    if (command.Reasons.TryGetValue(e.Source, out var reason) && reason.Trim().Length > 0)
                        departures.Add(new Departure(e.Source, track.Track, e.Rank, isSelected, reason.Trim()));
                    else
                        refusals.Add(isSelected
                            ? $"{e.Source}：排名第 {e.Rank?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "—（尚无完整评分）"}，在 {track.Name} 入选 {n} 项之外，入选须说明理由（--reason {e.Source}=…）"
                            : $"{e.Source}：排名第 {e.Rank} 名，在 {track.Name} 入选 {n} 项之内却未入选，须说明理由（--reason {e.Source}=…）");
                }
            }
            if (refusals.Count > 0) throw new PanelException("决定未记录，评审库未作任何改动：\n  " + string.Join("\n  ", refusals));

            var now = clock.GetUtcNow();
            await context.WriteAsync(async () =>
            {
                foreach (var c in command.Confirmations)
                {
                    var existing = await context.Confirmations.FindAsync([c.Source, c.Check], cancellationToken);
                    if (existing is null)
                    {
                        context.Confirmations.Add(new ConfirmationRow { Source = c.Source, Check = c.Check, Note = c.Note, ConfirmedAt = now, ConfirmedBy = command.Who });
                        context.Record(command.Who, now, "confirm", $"{c.Source} × {c.Check}", "待核实", "已确认：" + c.Note);
                    }
                    else if (existing.Note != c.Note)
                    {
                        context.Record(command.Who, now, "confirm", $"{c.Source} × {c.Check}", "已确认：" + existing.Note, "已确认：" + c.Note);
                        (existing.Note, existing.ConfirmedAt, existing.ConfirmedBy) = (c.Note, now, command.Who);
                    }
                }
                if (selected.Count == 0) return 0;
                var previous = await context.Decisions.ToListAsync(cancellationToken);
                context.Decisions.RemoveRange(previous);
                var decided = results.Tracks.Where(t => t.Entries.Any(e => selected.Contains(e.Source))).SelectMany(t => t.Entries.Select(e => (t.Track, e)));
                foreach (var (track, e) in decided)
                {
                    var isSelected = selected.Contains(e.Source);
                    var reason = departures.FirstOrDefault(d => d.Source == e.Source)?.Reason ?? "";
                    var before = previous.FirstOrDefault(p => p.Source == e.Source);
                    var now_ = Describe(isSelected, reason);
                    if (before is null || Describe(before.Selected, before.Reason) != now_)
                        context.Record(command.Who, now, "decide", e.Source, before is null ? null : Describe(before.Selected, before.Reason), now_);
                    context.Decisions.Add(new DecisionRow { Source = e.Source, Track = track, Selected = isSelected, Rank = e.Rank, Reason = reason, DecidedAt = now, DecidedBy = command.Who });
                }
                foreach (var gone in previous.Where(p => !decided.Any(d => d.e.Source == p.Source)))
                    context.Record(command.Who, now, "decide", gone.Source, Describe(gone.Selected, gone.Reason), null);
                return 0;
            }, cancellationToken);
            return new Result([.. selected], [.. departures], command.Confirmations.Length);
        }
    }

    private static string Describe(bool selected, string reason) => (selected ? "入选" : "未入选") + (reason.Length > 0 ? "：" + reason : "");

    /// <summary>The decision as <c>publish</c> needs it: the stored run, the selected sources, the confirmed 待核实 checks.</summary>
    public sealed record Stored(string ResultsJson, ImmutableArray<string> Selected, ImmutableHashSet<(string Source, string Check)> Confirmed);

    public static async Task<Stored> ReadAsync(string db, CancellationToken cancellationToken)
    {
        var (context, round) = await PanelStore.OpenRoundAsync(db, cancellationToken);
        await using var _ = context;
        var selected = await context.Decisions.AsNoTracking().Where(d => d.Selected).Select(d => d.Source).ToListAsync(cancellationToken);
        if (selected.Count == 0) throw new PanelException($"评审库 {PanelStore.Describe(db)} 中还没有入选决定（先运行 piloteval panel decide）");
        var confirmed = (await context.Confirmations.AsNoTracking().ToListAsync(cancellationToken)).Select(c => (c.Source, c.Check)).ToImmutableHashSet();
        return new Stored(round.ResultsJson, [.. selected.Order(StringComparer.Ordinal)], confirmed);
    }
}
