using System.Collections.Immutable;
using System.Text.Json;
using Mediator;
using Microsoft.EntityFrameworkCore;
using PilotEval.Panel.Store;
using PilotEval.Publishing;

namespace PilotEval.Panel;

/// <summary>
/// <c>piloteval panel results</c>: computes the round's results from the store and writes
/// <c>panel-results.json</c>, <c>panel-round.xlsx</c> and <c>panel-round.html</c> (progress, discussion list,
/// calibrated versus raw ranking, expert severity). Reads only; the store is not changed.
/// </summary>
public static class ComputeResults
{
    public sealed record Command(string Db, string? OutputDirectory, PanelOptions Options) : ICommand<Result>;

    public sealed record Result(PanelResults Results, ImmutableArray<string> Files);

    public sealed class Handler : ICommandHandler<Command, Result>
    {
        public async ValueTask<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            if (command.Options.RankBy is not ("trimmed" or "calibrated")) throw new PanelException($"排名依据「{command.Options.RankBy}」应为 trimmed 或 calibrated");
            var (context, _) = await PanelStore.OpenRoundAsync(command.Db, cancellationToken);
            await using var __ = context;
            var results = PanelResults.Compute(await LoadAsync(context, cancellationToken), command.Options);
            if (command.OutputDirectory is null) return new Result(results, []);

            var json = Path.Combine(command.OutputDirectory, "panel-results.json");
            var xlsx = Path.Combine(command.OutputDirectory, "panel-round.xlsx");
            var html = Path.Combine(command.OutputDirectory, "panel-round.html");
            await JsonOutput.WriteAtomicallyAsync(json, JsonSerializer.Serialize(results, JsonOutput.Options), cancellationToken);
            await File.WriteAllBytesAsync(xlsx + ".tmp", RoundReport.Workbook(results), cancellationToken);
            File.Move(xlsx + ".tmp", xlsx, overwrite: true);
            await JsonOutput.WriteAtomicallyAsync(html, RoundReport.Html(results), cancellationToken);
            return new Result(results, [json, xlsx, html]);
        }
    }

    /// <summary>Reads everything the results depend on, in one read transaction so the figures are of one moment.</summary>
    public static async Task<PanelResults.Snapshot> LoadAsync(PanelDbContext context, CancellationToken cancellationToken)
    {
        await using var transaction = await context.Database.BeginTransactionAsync(System.Data.IsolationLevel.Serializable, cancellationToken);
        return new PanelResults.Snapshot(
            await context.Applications.AsNoTracking().ToListAsync(cancellationToken),
            await context.Criteria.AsNoTracking().OrderBy(c => c.Track).ThenBy(c => c.Position).ToListAsync(cancellationToken),
            await context.Experts.AsNoTracking().ToListAsync(cancellationToken),
            await context.Assignments.AsNoTracking().ToListAsync(cancellationToken),
            await context.Scores.AsNoTracking().ToListAsync(cancellationToken),
            await context.Conflicts.AsNoTracking().ToListAsync(cancellationToken),
            await context.Rubrics.AsNoTracking().ToListAsync(cancellationToken),
            await context.Decisions.AsNoTracking().ToListAsync(cancellationToken),
            await context.Confirmations.AsNoTracking().ToListAsync(cancellationToken));
    }
}
