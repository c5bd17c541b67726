using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace PilotEval.Panel.Store;

/// <summary>
/// Opens the panel store named by <c>--db</c>: a SQLite file path (the embedded default) or a PostgreSQL connection
/// string (<c>Host=…;Database=…</c>), applying the checked-in migrations. Every write goes through
/// <see cref="WriteAsync"/>: one transaction, the audit lines inside it, so a crash loses at most the write in flight
/// and never leaves half an import behind.
/// </summary>
public static class PanelStore
{
    /// <summary>A PostgreSQL connection string has key=value pairs; a SQLite store is a path.</summary>
    public static bool IsPostgres(string db) =>
        db.Contains('=') && db.Split(';').Any(part => part.Split('=')[0].Trim().ToLowerInvariant() is "host" or "server");

    /// <summary>What the user should see for the store: the path, or the connection string without its password.</summary>
    public static string Describe(string db)
    {
        if (!IsPostgres(db)) return db;
        return string.Join(";", db.Split(';', StringSplitOptions.RemoveEmptyEntries)
            .Where(p => !p.Split('=')[0].Trim().Equals("password", StringComparison.OrdinalIgnoreCase)));
    }

    /// <summary>Opens (creating when <paramref name="create"/>) and migrates the store.</summary>
    /// <exception cref="PanelException">There is no store at a SQLite path and <paramref name="create"/> is false.</exception>
    public static async Task<PanelDbContext> OpenAsync(string db, bool create, CancellationToken cancellationToken)
    {
        PanelDbContext context;
        if (IsPostgres(db))
        {
            context = new PostgresPanelDbContext(new DbContextOptionsBuilder<PostgresPanelDbContext>().UseNpgsql(db).Options);
        }
        else
        {
            var full = Path.GetFullPath(db);
            if (!create && !File.Exists(full))
                throw new PanelException($"没有找到评审库 {db}（先运行 piloteval panel open）");
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            // No pooling: the file is closed when the command ends, so a backup or a test can move it at once.
            var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = full, Pooling = false, DefaultTimeout = 30 }.ToString());
            await connection.OpenAsync(cancellationToken);
            await using (var pragma = connection.CreateCommand())
            {
                // WAL lets readers (the reports, the browser) go on while an import writes; synchronous=FULL makes a
                // committed transaction survive a power cut, not only a crash of the process.
                pragma.CommandText = "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;";
                await pragma.ExecuteNonQueryAsync(cancellationToken);
            }
            context = new SqlitePanelDbContext(new DbContextOptionsBuilder<SqlitePanelDbContext>()
                .UseSqlite(connection, o => o.CommandTimeout(60)).Options);
            context.Database.SetDbConnection(connection, contextOwnsConnection: true);
        }
        // On SQLite, MigrateAsync takes EF's migration lock by writing a lock table, even with nothing to apply; the
        // browser opens the store on every request, so ask first (one read) and migrate only when something is pending.
        if (context is not SqlitePanelDbContext || (await context.Database.GetPendingMigrationsAsync(cancellationToken)).Any())
            await context.Database.MigrateAsync(cancellationToken);
        return context;
    }

    /// <summary>Opens a store that must already hold a round.</summary>
    public static async Task<(PanelDbContext Context, RoundRow Round)> OpenRoundAsync(string db, CancellationToken cancellationToken)
    {
        var context = await OpenAsync(db, create: false, cancellationToken);
        var round = await context.Rounds.AsNoTracking().SingleOrDefaultAsync(cancellationToken);
        if (round is null)
        {
            await context.DisposeAsync();
            throw new PanelException($"评审库 {Describe(db)} 中还没有评审轮次（先运行 piloteval panel open）");
        }
        return (context, round);
    }

    /// <summary>
    /// Runs <paramref name="write"/> in one transaction and commits it with everything it added, audit lines included.
    /// On any exception nothing of it is kept.
    /// </summary>
    public static async Task<T> WriteAsync<T>(this PanelDbContext context, Func<Task<T>> write, CancellationToken cancellationToken)
    {
        await using var transaction = await context.Database.BeginTransactionAsync(cancellationToken);
        var result = await write();
        await context.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return result;
    }

    /// <summary>Adds an audit line to the current unit of work.</summary>
    public static void Record(this PanelDbContext context, string who, DateTimeOffset at, string action, string subject, string? previous, string? current) =>
        context.Audit.Add(new AuditRow { Who = who, At = at, Action = action, Subject = subject, Previous = previous, Current = current });
}

/// <summary>
/// A panel operation refused for a reason the user can act on (no store, a conflicted expert's score, a sheet cell
/// out of range…): the command exits 2 with the message, and the store is unchanged.
/// </summary>
public sealed class PanelException(string message) : Exception(message);
