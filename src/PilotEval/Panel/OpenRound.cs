using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Nodes;
using Mediator;
using Microsoft.EntityFrameworkCore;
using PilotEval.Panel.Store;
using PilotEval.Publishing;

namespace PilotEval.Panel;

/// <summary>
/// <c>piloteval panel open</c>: a round from a run's results.json. Only the shortlisted applications and those
/// whose eligibility is 待核实 (no check failed, some unconfirmed) enter; the run's rubric hashes, each track's
/// criteria with their weights and the results themselves are recorded, so the round never depends on a file that
/// may change or move.
/// </summary>
public static class OpenRound
{
    /// <param name="AsOf">The reference day for former employers (default: today).</param>
    public sealed record Command(string Db, string ResultsPath, string Who, DateOnly? AsOf = null) : ICommand<Result>;

    public sealed record Result(int Shortlisted, int Unconfirmed, ImmutableArray<string> Tracks);

    public sealed class Handler(TimeProvider clock) : ICommandHandler<Command, Result>
    {
        public async ValueTask<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            if (!File.Exists(command.ResultsPath)) throw new PanelException($"{command.ResultsPath}：文件不存在（先运行 piloteval evaluate）");
            var json = await File.ReadAllTextAsync(command.ResultsPath, cancellationToken);
            ResultsDocument results;
            JsonNode raw;
            try
            {
                results = ReportText.ReadResults(json);
                raw = JsonNode.Parse(json)!;
            }
            catch (JsonException ex)
            {
                throw new PanelException($"{command.ResultsPath}：不是 piloteval evaluate 写出的 results.json（{ex.Message}）");
            }

            var applications = Entrants(results, raw).ToList();
            if (applications.Count == 0) throw new PanelException($"{command.ResultsPath}：没有入围或待核实的申报，无法开启评审");

            await using var context = await PanelStore.OpenAsync(command.Db, create: true, cancellationToken);
            if (await context.Rounds.AnyAsync(cancellationToken))
                throw new PanelException($"评审库 {PanelStore.Describe(command.Db)} 已有评审轮次；每个评审库只保存一轮评审（换一个 --db）");

            var now = clock.GetUtcNow();
            var tracks = applications.Select(a => a.Track).Distinct().Order(StringComparer.Ordinal).ToImmutableArray();
            await context.WriteAsync(async () =>
            {
                context.Rounds.Add(new RoundRow
                {
                    Id = 1, ResultsPath = Path.GetFullPath(command.ResultsPath), ResultsJson = json,
                    OpenedOn = command.AsOf ?? DateOnly.FromDateTime(now.UtcDateTime), OpenedAt = now, OpenedBy = command.Who,
                });
                context.Rubrics.AddRange(results.Rubrics.Select(r => new RubricRow { Track = r.Track, Name = r.Name, Sha256 = r.Sha256 }));
                foreach (var track in tracks)
                {
                    var criteria = results.Submissions.Where(s => s.Track == track).SelectMany(s => s.Criteria)
                        .Select(c => (c.Id, c.Name, c.Weight)).Distinct().ToList();
                    context.Criteria.AddRange(criteria.Select((c, i) => new CriterionRow { Track = track, Id = c.Id, Name = c.Name, Weight = c.Weight, Position = i }));
                }
                context.Applications.AddRange(applications);
                context.Record(command.Who, now, "open", Path.GetFileName(command.ResultsPath), null,
                    $"{applications.Count} 份申报（入围 {applications.Count(a => a.Entry == "shortlisted")}，待核实 {applications.Count(a => a.Entry == "unconfirmed")}）");
                await Task.CompletedTask;
                return 0;
            }, cancellationToken);
            return new Result(applications.Count(a => a.Entry == "shortlisted"), applications.Count(a => a.Entry == "unconfirmed"), tracks);
        }
    }

    /// <summary>Shortlisted applications, then readable applications of a known track with 待核实 checks and none failed.</summary>
    internal static IEnumerable<ApplicationRow> Entrants(ResultsDocument results, JsonNode raw)
    {
        var ranks = results.Shortlists.SelectMany(s => s.Entries).ToDictionary(e => e.Source, e => e.Rank, StringComparer.Ordinal);
        var rawSubmissions = (raw["submissions"] as JsonArray ?? []).OfType<JsonObject>()
            .ToDictionary(s => (string?)s["source"] ?? "", StringComparer.Ordinal);
        foreach (var s in results.Submissions)
        {
            if (s.Status == "failed" || s.Track is null) continue;
            var unconfirmed = UnconfirmedChecks(s, rawSubmissions.GetValueOrDefault(s.Source));
            var failed = s.Eligibility.Any(e => !e.Passed && !unconfirmed.Contains(e.Check));
            var shortlisted = ranks.ContainsKey(s.Source);
            if (!shortlisted && (failed || unconfirmed.Count == 0)) continue;
            yield return new ApplicationRow
            {
                Source = s.Source, Track = s.Track, Enterprise = s.Enterprise, Project = s.Project, Partners = s.Partners,
                CreditCode = s.Cover?.CreditCode, MachineScore = s.Score, MachineRank = ranks.TryGetValue(s.Source, out var r) ? r : null,
                Entry = shortlisted ? "shortlisted" : "unconfirmed", UnconfirmedChecks = string.Join(";", unconfirmed),
            };
        }
    }

    /// <summary>
    /// The checks left 待核实: <c>eligibility[].status == "unconfirmed"</c> where the run writes statuses, else the
    /// checks an <c>eligibility-unconfirmed</c> flag names.
    /// </summary>
    private static List<string> UnconfirmedChecks(ResultsDocument.SubmissionResult s, JsonObject? raw)
    {
        var byStatus = (raw?["eligibility"] as JsonArray ?? []).OfType<JsonObject>()
            .Where(e => (string?)e["status"] == "unconfirmed").Select(e => (string?)e["check"] ?? "").Where(c => c.Length > 0).ToList();
        if (byStatus.Count > 0) return byStatus;
        var details = string.Join(" ", s.Flags.Where(f => f.Code == "eligibility-unconfirmed").Select(f => f.Detail));
        return details.Length == 0 ? [] : [.. s.Eligibility.Select(e => e.Check).Where(c => details.Contains(c, StringComparison.Ordinal))];
    }
}
