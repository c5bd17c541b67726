using System.Collections.Immutable;
using System.Text.Json.Nodes;
using Mediator;
using Microsoft.EntityFrameworkCore;
using PilotEval.Panel.Store;
using PilotEval.Publishing;

namespace PilotEval.Panel;

/// <summary>
/// What one expert may see of the round. The rule HotCRP and OpenReview taught reviewers to expect: an application
/// not assigned to me, or one I am conflicted on, does not exist for me (no title, no count, a 404); other experts'
/// scores appear only once I have submitted mine, only their submitted ones, and only when the chair shares them.
/// </summary>
public static class Review
{
    internal static bool MayScore(ImportScores.RoundView round, string expert, string source) =>
        round.Applications.ContainsKey(source) && round.Assignments.Contains((expert, source)) && !round.Conflicts.ContainsKey((expert, source));

    /// <summary>未开始 / 草稿 / 已提交 for one expert's rows of one application.</summary>
    public static string State(IReadOnlyCollection<ScoreRow> mine) =>
        mine.Count == 0 ? "未开始" : mine.Any(s => s.Status == ScoreStatus.Submitted) ? "已提交" : "草稿";
}

/// <summary>An expert's applications, with how far they have got on each.</summary>
public static class ReviewQueue
{
    public sealed record Query(string Db, string Expert) : IQuery<Result>;

    public sealed record Item(string Source, string Track, string TrackName, string? Enterprise, string? Project, int Scored, int Criteria, string State);

    public sealed record Result(ImmutableArray<Item> Items)
    {
        public int Submitted => Items.Count(i => i.State == "已提交");
    }

    public sealed class Handler : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            var (context, _) = await PanelStore.OpenRoundAsync(query.Db, cancellationToken);
            await using var __ = context;
            var round = await ImportScores.RoundView.LoadAsync(context, cancellationToken);
            var names = await context.Rubrics.AsNoTracking().ToDictionaryAsync(r => r.Track, r => r.Name, StringComparer.Ordinal, cancellationToken);
            var scores = (await context.Scores.AsNoTracking().Where(s => s.Expert == query.Expert).ToListAsync(cancellationToken))
                .ToLookup(s => s.Source, StringComparer.Ordinal);
            var items = round.Assignments.Where(a => a.Expert == query.Expert && Review.MayScore(round, a.Expert, a.Source))
                .Select(a => round.Applications[a.Source])
                .OrderBy(a => a.Track, StringComparer.Ordinal).ThenBy(a => a.Source, StringComparer.Ordinal)
                .Select(a =>
                {
                    var mine = scores[a.Source].ToList();
                    return new Item(a.Source, a.Track, names.GetValueOrDefault(a.Track) ?? a.Track, a.Enterprise, a.Project, mine.Count,
                        round.Criteria.Count(c => c.Track == a.Track), Review.State(mine));
                });
            return new Result([.. items]);
        }
    }
}

/// <summary>One application as an expert scores it: the criteria, the machine's reading beside each, my scores.</summary>
public static class ReviewApplication
{
    public sealed record Query(string Db, string Expert, string Source) : IQuery<Result?>;

    /// <param name="Machine">The machine's reading of this criterion (level, score, quotes), when the run has it.</param>
    public sealed record CriterionView(CriterionRow Criterion, ScoreRow? Mine, ResultsDocument.CriterionItem? Machine);

    public sealed record OtherScore(string Expert, string Criterion, double Value, string Comment);

    /// <param name="Submission">The application in the run's results.json as the round stored it.</param>
    /// <param name="SubmissionsDirectory">Where the run read the files (results.json <c>run.submissionsDirectory</c>), when recorded.</param>
    /// <param name="FileHashes">SHA-256 of each file as the run read it, by its path relative to the submissions directory.</param>
    /// <param name="Others">Other experts' submitted scores; empty unless I have submitted and the chair shares them.</param>
    public sealed record Result(ApplicationRow Application, string TrackName, ImmutableArray<CriterionView> Criteria, string State,
        ResultsDocument.SubmissionResult? Submission, string? SubmissionsDirectory, ImmutableDictionary<string, string> FileHashes,
        bool ScoresShared, ImmutableArray<OtherScore> Others)
    {
        /// <summary>The SHA-256 of the rubric file the run scored this track with: the site shows its level descriptors only from that file.</summary>
        public string? RubricSha256 { get; init; }

        public bool Submitted => State == "已提交";
    }

    public sealed class Handler : IQueryHandler<Query, Result?>
    {
        public async ValueTask<Result?> Handle(Query query, CancellationToken cancellationToken)
        {
            var (context, round) = await PanelStore.OpenRoundAsync(query.Db, cancellationToken);
            await using var __ = context;
            var view = await ImportScores.RoundView.LoadAsync(context, cancellationToken);
            if (!Review.MayScore(view, query.Expert, query.Source)) return null;
            var application = view.Applications[query.Source];
            var rubric = await context.Rubrics.AsNoTracking().SingleOrDefaultAsync(r => r.Track == application.Track, cancellationToken);
            var scores = await context.Scores.AsNoTracking().Where(s => s.Source == query.Source).ToListAsync(cancellationToken);
            var mine = scores.Where(s => s.Expert == query.Expert).ToList();
            var state = Review.State(mine);

            var (submission, directory, hashes) = FromRun(round.ResultsJson, query.Source);
            var criteria = view.Criteria.Where(c => c.Track == application.Track).OrderBy(c => c.Position)
                .Select(c => new CriterionView(c, mine.FirstOrDefault(s => s.Criterion == c.Id), submission?.Criteria.FirstOrDefault(m => m.Id == c.Id)));
            var others = state == "已提交" && round.ScoresShared
                ? scores.Where(s => s.Expert != query.Expert && s.Status == ScoreStatus.Submitted && !view.Conflicts.ContainsKey((s.Expert, s.Source)))
                    .OrderBy(s => s.Expert, StringComparer.Ordinal).Select(s => new OtherScore(s.Expert, s.Criterion, s.Value, s.Comment))
                : [];
            return new Result(application, rubric?.Name ?? application.Track, [.. criteria], state, submission, directory, hashes, round.ScoresShared, [.. others])
            {
                RubricSha256 = rubric?.Sha256,
            };
        }
    }

    /// <summary>The application's entry in the stored run, the folder its files were read from and their hashes.</summary>
    internal static (ResultsDocument.SubmissionResult?, string?, ImmutableDictionary<string, string>) FromRun(string resultsJson, string source)
    {
        var results = ReportText.ReadResults(resultsJson);
        var run = JsonNode.Parse(resultsJson)?["run"];
        var hashes = (run?["submissions"] as JsonArray ?? []).OfType<JsonObject>()
            .Select(f => ((string?)f["file"], (string?)f["sha256"])).Where(f => f.Item1 is not null && f.Item2 is not null)
            .GroupBy(f => f.Item1!, StringComparer.Ordinal).ToImmutableDictionary(g => g.Key, g => g.First().Item2!, StringComparer.Ordinal);
        return (results.Submissions.FirstOrDefault(s => s.Source == source), (string?)run?["submissionsDirectory"], hashes);
    }
}
