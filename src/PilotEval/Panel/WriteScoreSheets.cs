using System.Collections.Immutable;
using Mediator;
using Microsoft.EntityFrameworkCore;
using PilotEval.Panel.Store;

namespace PilotEval.Panel;

/// <summary><c>piloteval panel sheets</c>: one score sheet per assigned expert, with that expert's applications only.</summary>
public static class WriteScoreSheets
{
    public sealed record Command(string Db, string OutputDirectory) : ICommand<Result>;

    public sealed record Result(ImmutableArray<string> Files);

    public sealed class Handler : ICommandHandler<Command, Result>
    {
        public async ValueTask<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            var (context, _) = await PanelStore.OpenRoundAsync(command.Db, cancellationToken);
            await using var __ = context;
            var assignments = await context.Assignments.AsNoTracking().ToListAsync(cancellationToken);
            if (assignments.Count == 0) throw new PanelException("还没有分配评审任务（先运行 piloteval panel assign）");
            var applications = await context.Applications.AsNoTracking().ToDictionaryAsync(a => a.Source, StringComparer.Ordinal, cancellationToken);
            var criteria = await context.Criteria.AsNoTracking().ToListAsync(cancellationToken);
            var rubrics = await context.Rubrics.AsNoTracking().ToDictionaryAsync(r => r.Track, r => r.Name, StringComparer.Ordinal, cancellationToken);
            Directory.CreateDirectory(command.OutputDirectory);
            var files = new List<string>();
            foreach (var expert in assignments.GroupBy(a => a.Expert).OrderBy(g => g.Key, StringComparer.Ordinal))
            {
                var tracks = expert.Select(a => applications[a.Source]).GroupBy(a => a.Track).OrderBy(g => g.Key, StringComparer.Ordinal)
                    .Select(g => new ScoreSheet.Track(g.Key, rubrics.GetValueOrDefault(g.Key) ?? g.Key,
                        [.. criteria.Where(c => c.Track == g.Key).OrderBy(c => c.Position)],
                        [.. g.OrderBy(a => a.Source, StringComparer.Ordinal)]))
                    .ToList();
                var path = Path.Combine(command.OutputDirectory, ScoreSheet.FileName(expert.Key));
                await File.WriteAllBytesAsync(path + ".tmp", ScoreSheet.Build(expert.Key, tracks), cancellationToken);
                File.Move(path + ".tmp", path, overwrite: true);
                files.Add(path);
            }
            return new Result([.. files]);
        }
    }
}
