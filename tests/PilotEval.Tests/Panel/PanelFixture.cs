using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Nodes;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using PilotEval.Panel;
using PilotEval.Panel.Store;
using PilotEval.Publishing;
using PilotEval.Tests.Support;
using R = PilotEval.Publishing.ResultsDocument;

namespace PilotEval.Tests.Panel;

/// <summary>
/// A small round: a talent track of six shortlisted applications and a risk track of three plus one 待核实, with
/// applicants, partners and credit codes chosen so each conflict rule fires once; and the experts file that goes with it.
/// </summary>
public static class PanelFixture
{
    public const string ConnectionVariable = "PILOTEVAL_TEST_POSTGRES";

    public static readonly (string Id, string Name, double Weight)[] TalentCriteria = [("system", "培养体系", 40), ("scale", "规模与质量", 60)];
    public static readonly (string Id, string Name, double Weight)[] RiskCriteria = [("method", "方法合规", 50), ("depth", "覆盖深度", 50)];

    public const string ExpertsCsv = """
        name,organisation,tracks,former_employers,relations,credit_code
        张伟,北京华翎数智教育科技有限公司,talent,,,
        李娜,北京邮电大学,talent;risk-assessment,,,
        王芳,清华大学,talent,北京邮苑信息技术培训中心有限公司:2024-03-01,,
        刘洋,中国信息通信研究院,talent;risk-assessment,北京星桥网络科技有限公司:2019-06-30,,
        陈静,北京航空航天大学,talent,,北京安澜数据科技有限公司,
        杨磊,中国科学院信息工程研究所,talent;risk-assessment,,,
        赵敏,北京理工大学,talent;risk-assessment,,,91110108MA01ABCD2X
        """;

    /// <summary>The run a round opens from, as <c>evaluate</c> writes it, with one application's check 待核实.</summary>
    public static string ResultsJson()
    {
        var submissions = new List<R.SubmissionResult>
        {
            App("talent-hualing.docx", "talent", "北京华翎数智教育科技有限公司", null, 92, 1),
            App("talent-youyuan.pdf", "talent", "北京邮苑信息技术培训中心有限公司", null, 85, 2),
            App("talent-xingqiao.docx", "talent", "北京星桥网络科技有限公司", null, 80, 3),
            App("talent-anlan.docx", "talent", "北京数智人才发展有限公司", "北京安澜数据科技有限公司", 75, 4),
            App("talent-qihang.docx", "talent", "北京启航教育科技有限公司", "北京华翎数智教育科技有限公司", 70, 5),
            App("talent-mingde.pdf", "talent", "北京明德安全培训有限公司", null, 65, 6),
            App("risk-a.docx", "risk-assessment", "北京甲数据安全有限公司", null, 88, 1, credit: "91110108MA01ABCD2X"),
            App("risk-b.docx", "risk-assessment", "北京乙信息技术有限公司", null, 77, 2),
            App("risk-c.docx", "risk-assessment", "北京丙网络科技有限公司", null, 66, 3),
            App("risk-pending.docx", "risk-assessment", "北京丁云计算有限公司", null, 71, null, unconfirmed: true),
            App("risk-out.docx", "risk-assessment", "天津戊科技有限公司", null, 60, null, failed: true),
        };
        var document = new R(R.CurrentSchemaVersion,
            [new("risk-assessment", "风险评估", new string('b', 64), "risk-assessment.yaml"), new("talent", "人才培养", new string('a', 64), "talent.yaml")],
            [.. submissions],
            [
                new("risk-assessment", "风险评估", [.. submissions.Where(s => s.Track == "risk-assessment" && s.Rank is not null).Select(s => new R.ShortlistEntryItem(s.Rank!.Value, s.Source, s.Score!.Value, 1, [], 5))]),
                new("talent", "人才培养", [.. submissions.Where(s => s.Track == "talent").Select(s => new R.ShortlistEntryItem(s.Rank!.Value, s.Source, s.Score!.Value, 1, [], 5))]),
            ],
            []);
        var node = JsonNode.Parse(JsonSerializer.Serialize(document, JsonOutput.Options))!;
        // The run marks a check nothing decided as unconfirmed (DESIGN.md: eligibility[].status).
        foreach (var s in node["submissions"]!.AsArray())
            foreach (var e in s!["eligibility"]!.AsArray())
                e!["status"] = (string?)s["source"] == "risk-pending" + ".docx" && (string?)e["check"] == "in-operation" ? "unconfirmed" : (bool)e["passed"]! ? "passed" : "failed";
        return node.ToJsonString(JsonOutput.Options);
    }

    private static R.SubmissionResult App(string source, string track, string enterprise, string? partners, double score, int? rank,
        string? credit = null, bool unconfirmed = false, bool failed = false)
    {
        var criteria = track == "talent" ? TalentCriteria : RiskCriteria;
        return new R.SubmissionResult(source, [source], "scored", track, "cover", enterprise, "项目" + source, failed ? false : unconfirmed ? null : true,
            [
                new("registered-in-beijing", "在北京注册", failed ? "failed" : "passed", !failed, failed ? "注册地不在北京" : "注册地在北京", null),
                new("in-operation", "项目已投入运行", unconfirmed ? "unconfirmed" : "passed", !unconfirmed, unconfirmed ? "未找到投入运行的表述" : "已运行", null),
            ],
            unconfirmed ? [new("eligibility-unconfirmed", "in-operation", null, null, null)] : [],
            score, rank, 1.0,
            [.. criteria.Select(c => new R.CriterionItem(c.Id, c.Name, c.Weight, "B", c.Weight * 0.8, "rule", [], []))],
            null, [], partners)
        { Cover = new R.CoverItem([], null, null, credit, credit is null ? null : true) };
    }

    /// <summary>A store for one test: a SQLite file in the test's directory, or a fresh database on the configured PostgreSQL server.</summary>
    public sealed class Store : IAsyncDisposable
    {
        private readonly string? _database;
        private readonly string? _admin;

        private Store(string db, TempDirectory dir, string? database, string? admin)
        {
            (Db, Dir, _database, _admin) = (db, dir, database, admin);
        }

        public string Db { get; }
        public TempDirectory Dir { get; }
        public ServiceProvider Services { get; } = TestHost.Create();
        public IMediator Mediator => Services.Mediator();

        public static Store Sqlite()
        {
            var dir = new TempDirectory();
            return new Store(dir.File("panel.db"), dir, null, null);
        }

        public static async Task<Store> PostgresAsync()
        {
            var admin = Environment.GetEnvironmentVariable(ConnectionVariable)!;
            var name = "piloteval_test_" + Guid.NewGuid().ToString("N")[..12];
            await using (var connection = new NpgsqlConnection(admin))
            {
                await connection.OpenAsync();
                await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
                await create.ExecuteNonQueryAsync();
            }
            return new Store(new NpgsqlConnectionStringBuilder(admin) { Database = name, Pooling = false }.ConnectionString, new TempDirectory(), name, admin);
        }

        public static async Task<Store> CreateAsync(string provider) => provider == "postgres" ? await PostgresAsync() : Sqlite();

        /// <summary>Opens the round and imports the fixture's experts.</summary>
        public async Task<Store> WithRoundAsync(bool experts = true, bool assign = false, int? k = null)
        {
            var results = Dir.File("results.json");
            await File.WriteAllTextAsync(results, ResultsJson());
            await Mediator.Send(new OpenRound.Command(Db, results, "秘书处", new DateOnly(2024, 11, 20)));
            if (experts)
            {
                await File.WriteAllTextAsync(Dir.File("experts.csv"), ExpertsCsv);
                await Mediator.Send(new ImportExperts.Command(Db, Dir.File("experts.csv"), "秘书处"));
            }
            if (assign) await Mediator.Send(new AssignExperts.Command(Db, "秘书处", k));
            return this;
        }

        public async Task<T> ReadAsync<T>(Func<PanelDbContext, Task<T>> read)
        {
            await using var context = await PanelStore.OpenAsync(Db, create: false, CancellationToken.None);
            return await read(context);
        }

        /// <summary>Every expert's score of every criterion of every assigned application, as a scores.csv: a chosen total per pair.</summary>
        public async Task<string> ScoresCsvAsync(Func<string, string, double> share, string name = "scores.csv")
        {
            var (assignments, criteria, apps) = await ReadAsync(async c => (await c.Assignments.ToListAsync(), await c.Criteria.ToListAsync(), await c.Applications.ToListAsync()));
            var lines = new List<string> { "expert,source,criterion,score,comment" };
            foreach (var a in assignments.OrderBy(a => a.Expert, StringComparer.Ordinal).ThenBy(a => a.Source, StringComparer.Ordinal))
            {
                var track = apps.Single(x => x.Source == a.Source).Track;
                foreach (var c in criteria.Where(c => c.Track == track).OrderBy(c => c.Position))
                    lines.Add(FormattableString.Invariant($"{a.Expert},{a.Source},{c.Id},{Math.Round(c.Weight * share(a.Expert, a.Source), 1)},"));
            }
            var path = Dir.File(name);
            await File.WriteAllTextAsync(path, string.Join("\n", lines) + "\n");
            return path;
        }

        public async ValueTask DisposeAsync()
        {
            await Services.DisposeAsync();
            Dir.Dispose();
            if (_database is null) return;
            NpgsqlConnection.ClearAllPools();
            await using var connection = new NpgsqlConnection(_admin);
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {_database} WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
        }
    }
}

/// <summary>
/// The PostgreSQL variant of a store test: runs when <c>PILOTEVAL_TEST_POSTGRES</c> names a server (.ci/run starts
/// one), skips saying why otherwise. Each store test has a SQLite fact and a PostgreSQL fact over the same body.
/// </summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable(PanelFixture.ConnectionVariable)))
            Skip = $"no PostgreSQL server configured: set {PanelFixture.ConnectionVariable} to a connection string (Host=127.0.0.1;Port=…;Username=…;Password=…); .ci/run starts one";
    }
}
