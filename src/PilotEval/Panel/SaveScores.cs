using System.Collections.Immutable;
using Mediator;
using Microsoft.EntityFrameworkCore;
using PilotEval.Panel.Store;

namespace PilotEval.Panel;

/// <summary>
/// An expert's scores of one application from the browser: saved as a draft (blank criteria allowed, not counted in
/// the results) or submitted (every criterion scored; then locked until the chair reopens them). Each score passes the
/// same rules as a sheet or CSV import (<see cref="ImportScores.Check"/>): assigned, not conflicted, 0…weight. An
/// application not assigned to the expert, or one they are conflicted on, is <see cref="Outcome.NotFound"/>: to the
/// expert it does not exist. Every changed cell is audited with its previous value, in the write's transaction.
/// </summary>
public static class SaveScores
{
    public sealed record Entry(string Criterion, string? Score, string Comment);

    public sealed record Command(string Db, string Expert, string Source, ImmutableArray<Entry> Entries, bool Submit, string Who) : ICommand<Result>;

    public enum Outcome { Saved, Submitted, NotFound, Locked, Refused }

    /// <param name="Problems">Per criterion id, why its score was refused; nothing was written when any.</param>
    public sealed record Result(Outcome Outcome, ImmutableDictionary<string, string> Problems);

    public const int MaxCommentLength = 2000;

    /// <summary>Where a score typed in the browser came from, in <see cref="ScoreRow.Origin"/>.</summary>
    public const string Origin = "浏览器";

    public sealed class Handler(TimeProvider clock) : ICommandHandler<Command, Result>
    {
        public async ValueTask<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            var (context, _) = await PanelStore.OpenRoundAsync(command.Db, cancellationToken);
            await using var __ = context;
            var now = clock.GetUtcNow();
            return await context.WriteAsync(async () =>
            {
                // Read inside the write transaction, so a concurrent reopen or conflict cannot slip between check and write.
                var round = await ImportScores.RoundView.LoadAsync(context, cancellationToken);
                if (!Review.MayScore(round, command.Expert, command.Source)) return new Result(Outcome.NotFound, ImmutableDictionary<string, string>.Empty);
                var existing = await context.Scores.Where(s => s.Expert == command.Expert && s.Source == command.Source).ToListAsync(cancellationToken);
                if (existing.Any(s => s.Status == ScoreStatus.Submitted)) return new Result(Outcome.Locked, ImmutableDictionary<string, string>.Empty);

                var track = round.Applications[command.Source].Track;
                var problems = new Dictionary<string, string>(StringComparer.Ordinal);
                var values = new List<(CriterionRow Criterion, double? Value, string Comment)>();
                foreach (var criterion in round.Criteria.Where(c => c.Track == track).OrderBy(c => c.Position))
                {
                    var entry = command.Entries.FirstOrDefault(e => e.Criterion == criterion.Id);
                    var text = entry?.Score?.Trim();
                    var comment = (entry?.Comment ?? "").Trim();
                    if (comment.Length > MaxCommentLength) { problems[criterion.Id] = $"「{criterion.Name}」的评语超过 {MaxCommentLength} 字"; continue; }
                    if (string.IsNullOrEmpty(text) && !command.Submit) { values.Add((criterion, null, comment)); continue; }
                    var problem = ImportScores.Check(round, command.Expert, command.Source, criterion.Id, string.IsNullOrEmpty(text) ? null : text, out var value);
                    if (problem is not null) problems[criterion.Id] = problem;
                    else values.Add((criterion, value, comment));
                }
                if (problems.Count > 0) return new Result(Outcome.Refused, problems.ToImmutableDictionary(StringComparer.Ordinal));

                var status = command.Submit ? ScoreStatus.Submitted : ScoreStatus.Draft;
                var action = command.Submit ? "score-submit" : "score-draft";
                foreach (var (criterion, value, comment) in values)
                {
                    var subject = $"{command.Expert} × {command.Source} × {criterion.Id}";
                    var row = existing.FirstOrDefault(s => s.Criterion == criterion.Id);
                    if (value is not { } v)
                    {
                        if (row is null) continue;
                        context.Scores.Remove(row);
                        context.Record(command.Who, now, action, subject, Describe(row.Value, row.Comment), null);
                        continue;
                    }
                    if (row is null)
                    {
                        context.Scores.Add(new ScoreRow
                        {
                            Expert = command.Expert, Source = command.Source, Criterion = criterion.Id, Value = v, Comment = comment,
                            Status = status, Origin = Origin, UpdatedAt = now,
                        });
                        context.Record(command.Who, now, action, subject, null, Describe(v, comment));
                    }
                    else if (row.Value != v || row.Comment != comment || row.Status != status)
                    {
                        context.Record(command.Who, now, action, subject, Describe(row.Value, row.Comment), Describe(v, comment));
                        (row.Value, row.Comment, row.Status, row.Origin, row.UpdatedAt) = (v, comment, status, Origin, now);
                    }
                }
                if (command.Submit) context.Record(command.Who, now, "submit", $"{command.Expert} × {command.Source}", "草稿", "已提交");
                return new Result(command.Submit ? Outcome.Submitted : Outcome.Saved, ImmutableDictionary<string, string>.Empty);
            }, cancellationToken);
        }
    }

    internal static string Describe(double value, string comment) =>
        ImportExperts.Format(value) + (comment.Length > 0 ? "；" + comment : "");
}

/// <summary>
/// The chair sends an expert's submitted scores of one application back to draft, with a reason (audited), so the
/// expert can change them; they count again once resubmitted.
/// </summary>
public static class ReopenScores
{
    public sealed record Command(string Db, string Expert, string Source, string Reason, string Who) : ICommand<Result>;

    public sealed record Result(int Reopened);

    public sealed class Handler(TimeProvider clock) : ICommandHandler<Command, Result>
    {
        public async ValueTask<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            var reason = command.Reason.Trim();
            if (reason.Length == 0) throw new PanelException("退回评分须说明理由");
            var (context, _) = await PanelStore.OpenRoundAsync(command.Db, cancellationToken);
            await using var __ = context;
            var now = clock.GetUtcNow();
            return await context.WriteAsync(async () =>
            {
                var rows = await context.Scores.Where(s => s.Expert == command.Expert && s.Source == command.Source && s.Status == ScoreStatus.Submitted)
                    .ToListAsync(cancellationToken);
                if (rows.Count == 0) throw new PanelException($"专家「{command.Expert}」对「{command.Source}」没有已提交的评分");
                foreach (var row in rows) (row.Status, row.UpdatedAt) = (ScoreStatus.Draft, now);
                context.Record(command.Who, now, "reopen", $"{command.Expert} × {command.Source}", "已提交", "退回修改：" + reason);
                return new Result(rows.Count);
            }, cancellationToken);
        }
    }
}

/// <summary>
/// The chair's switch: whether an expert who has submitted an application may see the other experts' submitted scores
/// of it (never before submitting, never a draft).
/// </summary>
public static class ShareScores
{
    public sealed record Command(string Db, bool Shared, string Who) : ICommand<Result>;

    public sealed record Result(bool Shared);

    public sealed class Handler(TimeProvider clock) : ICommandHandler<Command, Result>
    {
        public async ValueTask<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            var (context, _) = await PanelStore.OpenRoundAsync(command.Db, cancellationToken);
            await using var __ = context;
            var now = clock.GetUtcNow();
            return await context.WriteAsync(async () =>
            {
                var round = await context.Rounds.SingleAsync(cancellationToken);
                if (round.ScoresShared != command.Shared)
                {
                    context.Record(command.Who, now, "share-scores", "本轮评审", Describe(round.ScoresShared), Describe(command.Shared));
                    round.ScoresShared = command.Shared;
                }
                return new Result(command.Shared);
            }, cancellationToken);
        }
    }

    private static string Describe(bool shared) => shared ? "提交后可见他人评分" : "他人评分不可见";
}
