using System.Diagnostics;
using System.Text;
using Microsoft.EntityFrameworkCore;
using PilotEval.Panel;
using PilotEval.Panel.Store;
using PilotEval.Tests.Support;

namespace PilotEval.Tests.Panel;

/// <summary>The <c>piloteval panel</c> contract through the real program: exit codes, refusals naming file and row, the crash, publish from the store.</summary>
public sealed class PanelCliTests
{
    public static TheoryData<string, string> CsvRefusals => new()
    {
        { "赵敏,risk-a.docx,method,40,", "scores.csv:2：专家「赵敏」与申报「risk-a.docx」存在利益冲突" },
        { "李娜,talent-hualing.docx,nope,10,", "scores.csv:2：评分项「nope」不是 talent 方向的评分项" },
        { "李娜,talent-hualing.docx,system,41,", "scores.csv:2：「培养体系」的分数 41 超出范围 0–40" },
        { "李娜,talent-hualing.docx,system,-1,", "scores.csv:2：「培养体系」的分数 -1 超出范围 0–40" },
        { "李娜,talent-hualing.docx,system,10,\n李娜,talent-hualing.docx,system,12,", "scores.csv:3：重复的评分" },
        { "无名氏,talent-hualing.docx,system,10,", "scores.csv:2：专家「无名氏」不在评审库中" },
        { "李娜,risk-out.docx,method,10,", "scores.csv:2：申报「risk-out.docx」不在本轮评审中" },
    };

    [Theory]
    [MemberData(nameof(CsvRefusals))]
    public async Task An_import_breaking_a_rule_exits_2_names_file_and_row_and_changes_nothing(string rows, string expected)
    {
        await using var store = await PanelFixture.Store.Sqlite().WithRoundAsync(assign: true);
        var good = "李娜,talent-youyuan.pdf,system,30,好\n";
        await File.WriteAllTextAsync(store.Dir.File("scores.csv"), "\uFEFFexpert,source,criterion,score,comment\n" + rows + "\n" + good);

        var run = await CliProcess.RunAsync(store.Dir.Path, "panel", "import", "--db", store.Db, store.Dir.File("scores.csv"));

        Assert.Equal(2, run.ExitCode);
        Assert.Contains(expected, run.Stderr);
        Assert.Equal(0, await store.ReadAsync(c => c.Scores.CountAsync()));
    }

    [Fact]
    public async Task An_unassigned_application_is_refused()
    {
        await using var store = await PanelFixture.Store.Sqlite().WithRoundAsync();
        await store.Mediator.Send(new AssignExperts.Command(store.Db, "秘书处", 2));
        var unassigned = await store.ReadAsync(c => c.Assignments.Where(a => a.Expert == "李娜").Select(a => a.Source).ToListAsync());
        var source = new[] { "talent-youyuan.pdf", "talent-mingde.pdf", "talent-anlan.docx", "talent-xingqiao.docx" }.First(s => !unassigned.Contains(s));
        await File.WriteAllTextAsync(store.Dir.File("scores.csv"), $"expert,source,criterion,score,comment\n李娜,{source},system,10,\n");

        var run = await CliProcess.RunAsync(store.Dir.Path, "panel", "import", "--db", store.Db, store.Dir.File("scores.csv"));

        Assert.Equal(2, run.ExitCode);
        Assert.Contains($"scores.csv:2：申报「{source}」未分配给专家「李娜」", run.Stderr);
    }

    [Fact]
    public async Task Killing_the_process_during_an_import_leaves_the_store_as_before_and_a_reimport_gives_the_same_state()
    {
        await using var store = await PanelFixture.Store.Sqlite().WithRoundAsync(assign: true);
        var csv = await store.ScoresCsvAsync((e, s) => 0.4 + (e.Length + s.Length) % 5 * 0.1);
        var total = File.ReadAllLines(csv).Length - 1;
        Assert.True(total > 100, $"{total} rows");

        // Halt after 100 rows are written inside the open transaction, then kill: a crash at a known point, not on a clock.
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = store.Dir.Path, RedirectStandardError = true, RedirectStandardOutput = true, StandardErrorEncoding = Encoding.UTF8 };
        foreach (var a in new[] { Path.Combine(AppContext.BaseDirectory, "PilotEval.Cli.dll"), "panel", "import", "--db", store.Db, csv }) start.ArgumentList.Add(a);
        start.Environment[ImportScores.HaltAfterRowsVariable] = "100";
        using (var child = Process.Start(start)!)
        {
            try
            {
                using var guard = new CancellationTokenSource(TimeSpan.FromMinutes(5));
                string? line;
                while ((line = await child.StandardError.ReadLineAsync(guard.Token)) is not null && !line.StartsWith("halted after", StringComparison.Ordinal)) { }
                Assert.Equal("halted after 100 rows written", line);
            }
            finally
            {
                child.Kill(entireProcessTree: true);
                await child.WaitForExitAsync();
            }
        }

        await using (var context = await PanelStore.OpenAsync(store.Db, create: false, CancellationToken.None))
        {
            var check = context.Database.GetDbConnection().CreateCommand();
            check.CommandText = "PRAGMA integrity_check";
            Assert.Equal("ok", (string?)await check.ExecuteScalarAsync());
            Assert.Equal(0, await context.Scores.CountAsync());
            Assert.Equal(0, await context.Audit.CountAsync(a => a.Action == "score-import"));
        }

        var rerun = await CliProcess.RunAsync(store.Dir.Path, "panel", "import", "--db", store.Db, csv);
        Assert.Equal(0, rerun.ExitCode);

        // The same state as a clean import into a store that never crashed.
        await using var clean = await PanelFixture.Store.Sqlite().WithRoundAsync(assign: true);
        await clean.Mediator.Send(new ImportScores.Command(clean.Db, [csv], "秘书处"));
        static async Task<List<string>> State(PanelFixture.Store s) => await s.ReadAsync(async c =>
            (await c.Scores.ToListAsync()).Select(x => $"{x.Expert}|{x.Source}|{x.Criterion}|{x.Value}|{x.Comment}|{x.Status}").Order(StringComparer.Ordinal).ToList());
        var after = await State(store);
        Assert.Equal(total, after.Count);
        Assert.Equal(await State(clean), after);
    }

    [Fact]
    public async Task Decide_needs_reasons_for_departures_and_confirmations_of_unconfirmed_checks_then_publish_takes_it_from_the_store()
    {
        await using var store = await PanelFixture.Store.Sqlite().WithRoundAsync(assign: true);
        var csv = await store.ScoresCsvAsync((_, s) => s switch { "risk-a.docx" => 0.9, "risk-b.docx" => 0.8, "risk-pending.docx" => 0.7, _ => 0.6 });
        Assert.Equal(0, (await CliProcess.RunAsync(store.Dir.Path, "panel", "import", "--db", store.Db, csv)).ExitCode);

        // risk-pending ranks third and is 待核实; risk-b ranks second and is left out.
        var refused = await CliProcess.RunAsync(store.Dir.Path, "panel", "decide", "--db", store.Db, "--select", "risk-a.docx,risk-pending.docx");
        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("risk-pending.docx：申报条件 in-operation 待核实，须先确认", refused.Stderr);
        Assert.Contains("risk-b.docx：排名第 2 名，在 风险评估 入选 2 项之内却未入选，须说明理由", refused.Stderr);
        Assert.Contains("risk-pending.docx：排名第 3，在 风险评估 入选 2 项之外，入选须说明理由", refused.Stderr);
        Assert.Equal(0, await store.ReadAsync(c => c.Decisions.CountAsync()));

        var decided = await CliProcess.RunAsync(store.Dir.Path, "panel", "decide", "--db", store.Db, "--by", "主任委员",
            "--select", "risk-a.docx,risk-pending.docx", "--reason", "risk-b.docx=答辩未说明整改闭环", "--reason", "risk-pending.docx=答辩表现突出",
            "--confirm", "risk-pending.docx=in-operation:现场核查已上线");
        Assert.Equal(0, decided.ExitCode);

        var published = await CliProcess.RunAsync(store.Dir.Path, "publish", "--db", store.Db, "--date", "2024-12-02", "--contact", "联系电话：010-12345678", "--out", store.Dir.File("notice"));
        Assert.True(published.ExitCode == 0, published.Stderr);
        Assert.Contains("2 applications in the notice", published.Stderr);
        Assert.True(File.Exists(store.Dir.File("notice/notice.docx")));

        var results = await CliProcess.RunAsync(store.Dir.Path, "panel", "results", "--db", store.Db, "--out", store.Dir.File("out"));
        Assert.Equal(0, results.ExitCode);
        var json = System.Text.Json.JsonDocument.Parse(await File.ReadAllTextAsync(store.Dir.File("out/panel-results.json"))).RootElement;
        var entry = json.GetProperty("tracks").EnumerateArray().Single(t => t.GetProperty("track").GetString() == "risk-assessment")
            .GetProperty("entries").EnumerateArray().Single(e => e.GetProperty("source").GetString() == "risk-pending.docx");
        foreach (var field in new[] { "machineScore", "scores", "trimmedMean", "spread", "discussion", "calibrated", "rank" }) Assert.True(entry.TryGetProperty(field, out _), field);
        Assert.True(entry.GetProperty("selected").GetBoolean());
        Assert.True(json.GetProperty("experts")[0].TryGetProperty("severity", out _));
        Assert.Equal("赵敏", json.GetProperty("conflicts").EnumerateArray().Single(c => c.GetProperty("source").GetString() == "risk-a.docx").GetProperty("expert").GetString());

        var audit = await CliProcess.RunAsync(store.Dir.Path, "panel", "audit", "--db", store.Db);
        Assert.Contains("主任委员\tconfirm\trisk-pending.docx × in-operation\t待核实\t已确认：现场核查已上线", audit.Stdout);
    }

    [Fact]
    public async Task Open_sheets_and_backup_work_from_the_command_line()
    {
        using var dir = new TempDirectory();
        await File.WriteAllTextAsync(dir.File("results.json"), PanelFixture.ResultsJson());
        await File.WriteAllTextAsync(dir.File("experts.csv"), PanelFixture.ExpertsCsv);
        var db = dir.File("panel.db");

        Assert.Equal(0, (await CliProcess.RunAsync(dir.Path, "panel", "open", "--results", dir.File("results.json"), "--db", db, "--as-of", "2024-11-20")).ExitCode);
        Assert.Equal(2, (await CliProcess.RunAsync(dir.Path, "panel", "open", "--results", dir.File("results.json"), "--db", db)).ExitCode);
        Assert.Equal(0, (await CliProcess.RunAsync(dir.Path, "panel", "experts", "--db", db, dir.File("experts.csv"))).ExitCode);
        Assert.Equal(0, (await CliProcess.RunAsync(dir.Path, "panel", "assign", "--db", db, "-k", "3")).ExitCode);
        Assert.Equal(0, (await CliProcess.RunAsync(dir.Path, "panel", "sheets", "--db", db, "--out", dir.File("sheets"))).ExitCode);
        Assert.Equal(7, Directory.GetFiles(dir.File("sheets"), "评分表-*.xlsx").Length);
        Assert.Equal(0, (await CliProcess.RunAsync(dir.Path, "panel", "backup", "--db", db, dir.File("copy.db"))).ExitCode);
        Assert.Equal(2, (await CliProcess.RunAsync(dir.Path, "panel", "backup", "--db", db, dir.File("copy.db"))).ExitCode);
        var missing = await CliProcess.RunAsync(dir.Path, "panel", "assign", "--db", dir.File("nowhere.db"));
        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("没有找到评审库", missing.Stderr);
    }
}
