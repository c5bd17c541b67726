using Microsoft.EntityFrameworkCore;

namespace PilotEval.Store;

/// <summary>
/// The content-addressed store beside a run's output (SQLite through EF Core, the product's one data-access
/// approach). It is a cache: every row can be recomputed from the files, so a schema change is met by a new
/// <see cref="SchemaVersion"/> and an empty store, never by a migration of cached data.
/// </summary>
internal sealed class StoreContext(DbContextOptions<StoreContext> options) : DbContext(options)
{
    /// <summary>Raised when the shape of a row changes; a store of another version is emptied, not read.</summary>
    public const int SchemaVersion = 3;

    public DbSet<ReadRecord> Reads => Set<ReadRecord>();

    public DbSet<SubmissionRecord> Submissions => Set<SubmissionRecord>();

    public DbSet<StoreInfo> Info => Set<StoreInfo>();

    public DbSet<PairRecord> Pairs => Set<PairRecord>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<ReadRecord>(e =>
        {
            e.ToTable("reads");
            e.HasKey(r => new { r.Sha256, r.Reader });
        });
        modelBuilder.Entity<SubmissionRecord>(e =>
        {
            e.ToTable("submissions");
            e.HasKey(r => r.Key);
        });
        modelBuilder.Entity<PairRecord>(e =>
        {
            e.ToTable("pairs");
            e.HasKey(r => r.Key);
        });
        modelBuilder.Entity<StoreInfo>(e =>
        {
            e.ToTable("store");
            e.HasKey(i => i.Key);
        });
    }
}

/// <summary>What one reader made of one file's bytes: the <c>DocumentText</c>, compressed JSON, under the name it was read as.</summary>
/// <param name="Sha256">Hex SHA-256 of the file's bytes: the same content under any name or folder is the same row.</param>
/// <param name="Reader">The reader's version and limits (<see cref="RunStore.ReaderKey"/>): another reader reads again.</param>
internal sealed record ReadRecord(string Sha256, string Reader, string Name, byte[] Document, DateTimeOffset ReadAt);

/// <summary>
/// What the per-submission stages made of one submission (evidence, eligibility, score, summary, integrity screen,
/// cover), compressed JSON of a <see cref="SubmissionSnapshot"/>. Kept once every stage finished, so a killed run
/// loses only the submissions in flight, and an unchanged submission is neither read nor scored again.
/// </summary>
/// <param name="Key">
/// <see cref="SubmissionKey"/>: the submission's name and the SHA-256 of each of its files, the hashes of the rules
/// directory, the settings that shape a result and PilotEval's build. Any change of these is another key.
/// </param>
internal sealed record SubmissionRecord(string Key, string Source, byte[] Assessment, DateTimeOffset SavedAt);

/// <summary>
/// What the text-reuse check found when it compared two submissions' text exactly (compressed JSON of a
/// <c>TextReusePair</c>), so a re-run compares again only the pairs with a member that changed.
/// </summary>
/// <param name="Key">The two submissions' <see cref="SubmissionKey"/>s hashed together: either one changing is another key.</param>
internal sealed record PairRecord(string Key, byte[] Outcome);

/// <summary>A key/value about the store itself, such as its schema version.</summary>
internal sealed record StoreInfo(string Key, string Value);
