using System.Collections.Immutable;
using PilotEval.Panel.Store;

namespace PilotEval.Panel;

/// <summary>How results are aggregated and ranked; from <c>appsettings.json</c> section <c>Panel</c>, flags win.</summary>
/// <param name="DiscussionSpread">An application whose expert totals differ by more than this many points goes to discussion.</param>
/// <param name="RankBy"><c>trimmed</c> (the rules' trimmed mean, default) or <c>calibrated</c>.</param>
/// <param name="Slots">Final places per track; the Q&amp;A list is about <see cref="QaFactor"/> times that.</param>
public sealed record PanelOptions(double DiscussionSpread = 15, string RankBy = "trimmed", int Slots = 3, double QaFactor = 2.5)
{
    public const string Section = "Panel";

    public PanelOptions() : this(15) { }

    public int QaSize => (int)Math.Round(Slots * QaFactor, MidpointRounding.AwayFromZero);
}

/// <summary>
/// <c>panel-results.json</c> (the contract of issue 12, with extras): per track the entries with raw totals,
/// trimmed mean, spread, discussion mark, calibrated score and rank; Spearman ρ between the machine and the panel;
/// the Q&amp;A list; each expert's severity; every conflict with its reason. Reports render from this one model.
/// </summary>
public sealed record PanelResults(
    ImmutableArray<PanelResults.TrackResult> Tracks,
    ImmutableArray<PanelResults.ExpertResult> Experts,
    ImmutableArray<PanelResults.ConflictResult> Conflicts)
{
    public string RankBy { get; init; } = "trimmed";
    public double DiscussionSpread { get; init; }
    public ImmutableArray<RubricResult> Rubrics { get; init; } = [];

    public sealed record RubricResult(string Track, string Name, string Sha256);

    public sealed record ScoreResult(string Expert, double Total);

    public sealed record EntryResult(string Source, double? MachineScore, ImmutableArray<ScoreResult> Scores, double? TrimmedMean, double? Spread,
        bool Discussion, double? Calibrated, int? Rank)
    {
        public string? Enterprise { get; init; }
        public string? Project { get; init; }
        public int? MachineRank { get; init; }
        /// <summary>Experts assigned who have not yet scored every criterion.</summary>
        public ImmutableArray<string> Pending { get; init; } = [];
        public bool Qa { get; init; }
        /// <summary>待核实 eligibility checks not yet confirmed by a person.</summary>
        public ImmutableArray<string> Unconfirmed { get; init; } = [];
        /// <summary>The panel's decision: true selected, false not, null undecided.</summary>
        public bool? Selected { get; init; }
        public string? DecisionReason { get; init; }
    }

    public sealed record DisagreementResult(string Source, int MachineRank, int PanelRank);

    public sealed record TrackResult(string Track, ImmutableArray<EntryResult> Entries)
    {
        public string Name { get; init; } = "";
        /// <summary>Spearman ρ between the machine score and the panel's trimmed mean; null with fewer than three scored.</summary>
        public double? Spearman { get; init; }
        /// <summary>Why no calibrated scores are shown for this track, or null when they are.</summary>
        public string? CalibrationNote { get; init; }
        public ImmutableArray<string> Qa { get; init; } = [];
        public ImmutableArray<DisagreementResult> Disagreements { get; init; } = [];
    }

    public sealed record ExpertResult(string Name, double? Severity, int Scored)
    {
        public string Organisation { get; init; } = "";
        public int Assigned { get; init; }
    }

    public sealed record ConflictResult(string Expert, string Source, string Reason);

    /// <summary>Everything the results are computed from, as read from the store.</summary>
    public sealed record Snapshot(IReadOnlyList<ApplicationRow> Applications, IReadOnlyList<CriterionRow> Criteria, IReadOnlyList<ExpertRow> Experts,
        IReadOnlyList<AssignmentRow> Assignments, IReadOnlyList<ScoreRow> Scores, IReadOnlyList<ConflictRow> Conflicts,
        IReadOnlyList<RubricRow> Rubrics, IReadOnlyList<DecisionRow> Decisions, IReadOnlyList<ConfirmationRow> Confirmations);

    /// <summary>An expert's total for an application counts once every criterion of its track has a submitted score.</summary>
    public static List<(string Expert, string Source, double Total)> Totals(Snapshot s)
    {
        var criteria = s.Criteria.GroupBy(c => c.Track).ToDictionary(g => g.Key, g => g.Select(c => c.Id).ToHashSet(StringComparer.Ordinal));
        var tracks = s.Applications.ToDictionary(a => a.Source, a => a.Track, StringComparer.Ordinal);
        var conflicted = s.Conflicts.Select(c => (c.Expert, c.Source)).ToHashSet();
        return [.. s.Scores.Where(x => x.Status == ScoreStatus.Submitted && !conflicted.Contains((x.Expert, x.Source)) && tracks.ContainsKey(x.Source))
            .GroupBy(x => (x.Expert, x.Source))
            .Where(g => criteria.TryGetValue(tracks[g.Key.Source], out var ids) && ids.SetEquals(g.Select(x => x.Criterion)))
            .Select(g => (g.Key.Expert, g.Key.Source, Math.Round(g.Sum(x => x.Value), 6)))
            .OrderBy(t => t.Item2, StringComparer.Ordinal).ThenBy(t => t.Item1, StringComparer.Ordinal)];
    }

    public static PanelResults Compute(Snapshot s, PanelOptions options)
    {
        var totals = Totals(s);
        var fit = Calibration.Solve([.. totals.Select(t => (t.Expert, t.Source, t.Total))]);
        var tracks = new List<TrackResult>();
        foreach (var track in s.Applications.Select(a => a.Track).Distinct().Order(StringComparer.Ordinal))
        {
            var apps = s.Applications.Where(a => a.Track == track).ToList();
            var scoredApps = apps.Where(a => totals.Any(t => t.Source == a.Source)).ToList();
            var components = scoredApps.Select(a => fit.ComponentOfApplication[a.Source]).Distinct().Count();
            string? note = scoredApps.Count == 0 ? "尚无完整评分"
                : components > 1 ? $"专家与申报的评分关系分为 {components} 个互不相连的部分，严格度无法统一估计，不给出校准分" : null;
            var entries = apps.Select(a =>
            {
                var mine = totals.Where(t => t.Source == a.Source).Select(t => new ScoreResult(t.Expert, t.Total)).ToImmutableArray();
                var values = mine.Select(m => m.Total).ToList();
                var spread = Aggregation.Spread(values);
                var confirmed = s.Confirmations.Where(c => c.Source == a.Source).Select(c => c.Check).ToHashSet(StringComparer.Ordinal);
                var decision = s.Decisions.FirstOrDefault(d => d.Source == a.Source);
                return new EntryResult(a.Source, a.MachineScore, mine, Round(Aggregation.TrimmedMean(values)), Round(spread),
                    spread > options.DiscussionSpread, note is null && mine.Length > 0 ? Round(fit.Quality[a.Source]) : null, null)
                {
                    Enterprise = a.Enterprise, Project = a.Project, MachineRank = a.MachineRank,
                    Pending = [.. s.Assignments.Where(x => x.Source == a.Source && !mine.Any(m => m.Expert == x.Expert)).Select(x => x.Expert).Order(StringComparer.Ordinal)],
                    Unconfirmed = [.. Panel.Conflicts.Split(a.UnconfirmedChecks).Where(c => !confirmed.Contains(c))],
                    Selected = decision?.Selected, DecisionReason = decision is { Reason.Length: > 0 } ? decision.Reason : null,
                };
            }).ToList();
            var byCalibrated = options.RankBy == "calibrated" && note is null;
            var ranked = entries.Where(e => (byCalibrated ? e.Calibrated : e.TrimmedMean) is not null)
                .OrderByDescending(e => byCalibrated ? e.Calibrated : e.TrimmedMean).ThenByDescending(e => e.TrimmedMean)
                .ThenBy(e => e.Source, StringComparer.Ordinal)
                .Select((e, i) => e with { Rank = i + 1, Qa = i < options.QaSize }).ToList();
            var unranked = entries.Where(e => !ranked.Any(r => r.Source == e.Source)).OrderBy(e => e.Source, StringComparer.Ordinal);
            var all = ranked.Concat(unranked).ToImmutableArray();

            var paired = ranked.Where(e => e.MachineScore is not null).ToList();
            var machineRanks = Aggregation.Ranks([.. paired.Select(e => e.MachineScore!.Value)]);
            var disagreements = paired.Select((e, i) => new DisagreementResult(e.Source, (int)Math.Round(machineRanks[i]), e.Rank!.Value))
                .Where(d => d.MachineRank != d.PanelRank)
                .OrderByDescending(d => Math.Abs(d.MachineRank - d.PanelRank)).ThenBy(d => d.Source, StringComparer.Ordinal).Take(5);
            tracks.Add(new TrackResult(track, all)
            {
                Name = s.Rubrics.FirstOrDefault(r => r.Track == track)?.Name ?? track,
                Spearman = Round(Aggregation.Spearman([.. paired.Select(e => (e.MachineScore!.Value, e.TrimmedMean!.Value))])),
                CalibrationNote = note,
                Qa = [.. ranked.Where(e => e.Qa).Select(e => e.Source)],
                Disagreements = [.. disagreements],
            });
        }
        var experts = s.Experts.OrderBy(e => e.Name, StringComparer.Ordinal).Select(e => new ExpertResult(e.Name,
                fit.Severity.TryGetValue(e.Name, out var b) ? Round(b) : null, totals.Count(t => t.Expert == e.Name))
            { Organisation = e.Organisation, Assigned = s.Assignments.Count(a => a.Expert == e.Name) });
        return new PanelResults([.. tracks], [.. experts],
            [.. s.Conflicts.OrderBy(c => c.Expert, StringComparer.Ordinal).ThenBy(c => c.Source, StringComparer.Ordinal).Select(c => new ConflictResult(c.Expert, c.Source, c.Reason))])
        {
            RankBy = options.RankBy, DiscussionSpread = options.DiscussionSpread,
            Rubrics = [.. s.Rubrics.OrderBy(r => r.Track, StringComparer.Ordinal).Select(r => new RubricResult(r.Track, r.Name, r.Sha256))],
        };
    }

    private static double? Round(double? value) => value is { } v ? Math.Round(v, 2) : null;
}
