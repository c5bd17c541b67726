using Mediator;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using PilotEval.Panel.Store;

namespace PilotEval.Panel;

/// <summary>
/// <c>piloteval panel backup</c>: a consistent copy of the store as a SQLite file. From SQLite, the online backup API
/// (pages copied under a read lock, so a write in flight is either wholly in or wholly out); from PostgreSQL, every
/// table read in one repeatable-read transaction and written into a fresh SQLite store, which any command opens
/// with <c>--db</c>.
/// </summary>
public static class BackupStore
{
    public sealed record Command(string Db, string Target) : ICommand<Result>;

    public sealed record Result(string Target, long Bytes);

    public sealed class Handler : ICommandHandler<Command, Result>
    {
        public async ValueTask<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            var target = Path.GetFullPath(command.Target);
            if (File.Exists(target)) throw new PanelException($"{command.Target}：文件已存在，备份不会覆盖它（换一个文件名）");
            var (context, _) = await PanelStore.OpenRoundAsync(command.Db, cancellationToken);
            await using var __ = context;
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            if (context.Database.GetDbConnection() is SqliteConnection source)
            {
                await using var destination = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = target, Pooling = false }.ToString());
                await destination.OpenAsync(cancellationToken);
                source.BackupDatabase(destination);
            }
            else
            {
                await CopyAsync(context, target, cancellationToken);
            }
            return new Result(target, new FileInfo(target).Length);
        }
    }

    private static async Task CopyAsync(PanelDbContext from, string target, CancellationToken cancellationToken)
    {
        await using var read = await from.Database.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, cancellationToken);
        await using var to = await PanelStore.OpenAsync(target, create: true, cancellationToken);
        await to.WriteAsync(async () =>
        {
            to.Rounds.AddRange(await from.Rounds.AsNoTracking().ToListAsync(cancellationToken));
            to.Rubrics.AddRange(await from.Rubrics.AsNoTracking().ToListAsync(cancellationToken));
            to.Criteria.AddRange(await from.Criteria.AsNoTracking().ToListAsync(cancellationToken));
            to.Applications.AddRange(await from.Applications.AsNoTracking().ToListAsync(cancellationToken));
            to.Experts.AddRange(await from.Experts.AsNoTracking().ToListAsync(cancellationToken));
            to.Conflicts.AddRange(await from.Conflicts.AsNoTracking().ToListAsync(cancellationToken));
            to.Assignments.AddRange(await from.Assignments.AsNoTracking().ToListAsync(cancellationToken));
            to.Scores.AddRange(await from.Scores.AsNoTracking().ToListAsync(cancellationToken));
            to.Decisions.AddRange(await from.Decisions.AsNoTracking().ToListAsync(cancellationToken));
            to.Confirmations.AddRange(await from.Confirmations.AsNoTracking().ToListAsync(cancellationToken));
            to.Accounts.AddRange(await from.Accounts.AsNoTracking().ToListAsync(cancellationToken));
            to.Audit.AddRange(await from.Audit.AsNoTracking().OrderBy(a => a.Id).ToListAsync(cancellationToken));
            return 0;
        }, cancellationToken);
    }
}
