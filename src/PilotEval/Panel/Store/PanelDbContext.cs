using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace PilotEval.Panel.Store;

/// <summary>
/// The panel store. One model, two providers: SQLite (the embedded default, a file beside the run) and PostgreSQL
/// (a connection string). Each provider has its own subclass only so that each keeps its own checked-in migrations;
/// the model is the same.
/// </summary>
public abstract class PanelDbContext(DbContextOptions options) : DbContext(options)
{
    public DbSet<RoundRow> Rounds => Set<RoundRow>();
    public DbSet<RubricRow> Rubrics => Set<RubricRow>();
    public DbSet<CriterionRow> Criteria => Set<CriterionRow>();
    public DbSet<ApplicationRow> Applications => Set<ApplicationRow>();
    public DbSet<ExpertRow> Experts => Set<ExpertRow>();
    public DbSet<ConflictRow> Conflicts => Set<ConflictRow>();
    public DbSet<AssignmentRow> Assignments => Set<AssignmentRow>();
    public DbSet<ScoreRow> Scores => Set<ScoreRow>();
    public DbSet<DecisionRow> Decisions => Set<DecisionRow>();
    public DbSet<ConfirmationRow> Confirmations => Set<ConfirmationRow>();
    public DbSet<AuditRow> Audit => Set<AuditRow>();
    public DbSet<AccountRow> Accounts => Set<AccountRow>();

    protected override void OnModelCreating(ModelBuilder model)
    {
        model.Entity<RoundRow>(e => { e.ToTable("rounds"); e.HasKey(x => x.Id); e.Property(x => x.Id).ValueGeneratedNever(); });
        model.Entity<RubricRow>(e => { e.ToTable("rubrics"); e.HasKey(x => x.Track); });
        model.Entity<CriterionRow>(e => { e.ToTable("criteria"); e.HasKey(x => new { x.Track, x.Id }); });
        model.Entity<ApplicationRow>(e => { e.ToTable("applications"); e.HasKey(x => x.Source); e.HasIndex(x => x.Track); });
        model.Entity<ExpertRow>(e => { e.ToTable("experts"); e.HasKey(x => x.Name); });
        model.Entity<ConflictRow>(e => { e.ToTable("conflicts"); e.HasKey(x => new { x.Expert, x.Source }); });
        model.Entity<AssignmentRow>(e => { e.ToTable("assignments"); e.HasKey(x => new { x.Expert, x.Source }); e.HasIndex(x => x.Source); });
        model.Entity<ScoreRow>(e => { e.ToTable("scores"); e.HasKey(x => new { x.Expert, x.Source, x.Criterion }); e.HasIndex(x => x.Source); });
        model.Entity<DecisionRow>(e => { e.ToTable("decisions"); e.HasKey(x => x.Source); });
        model.Entity<ConfirmationRow>(e => { e.ToTable("confirmations"); e.HasKey(x => new { x.Source, x.Check }); });
        model.Entity<AuditRow>(e => { e.ToTable("audit"); e.HasKey(x => x.Id); e.Property(x => x.Id).ValueGeneratedOnAdd(); });
        model.Entity<AccountRow>(e => { e.ToTable("accounts"); e.HasKey(x => x.Name); e.HasIndex(x => x.Expert); });
    }
}

public sealed class SqlitePanelDbContext(DbContextOptions<SqlitePanelDbContext> options) : PanelDbContext(options);

public sealed class PostgresPanelDbContext(DbContextOptions<PostgresPanelDbContext> options) : PanelDbContext(options);

/// <summary>For <c>dotnet ef migrations add … --context SqlitePanelDbContext</c>; never used at run time.</summary>
public sealed class SqlitePanelDbContextFactory : IDesignTimeDbContextFactory<SqlitePanelDbContext>
{
    public SqlitePanelDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqlitePanelDbContext>().UseSqlite("Data Source=design-time.db").Options);
}

/// <summary>For <c>dotnet ef migrations add … --context PostgresPanelDbContext</c>; no server is contacted.</summary>
public sealed class PostgresPanelDbContextFactory : IDesignTimeDbContextFactory<PostgresPanelDbContext>
{
    public PostgresPanelDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresPanelDbContext>().UseNpgsql("Host=localhost;Database=piloteval_design").Options);
}
