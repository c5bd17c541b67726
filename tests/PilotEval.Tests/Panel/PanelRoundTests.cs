using Microsoft.EntityFrameworkCore;
using PilotEval.Panel;
using PilotEval.Panel.Store;

namespace PilotEval.Tests.Panel;

/// <summary>The whole round through the mediator, on SQLite and on PostgreSQL: the same code, the same figures.</summary>
public sealed class PanelRoundTests
{
    [Fact]
    public Task Round_on_sqlite_opens_assigns_imports_aggregates_decides_and_backs_up() => Round("sqlite");

    [PostgresFact]
    public Task Round_on_postgres_opens_assigns_imports_aggregates_decides_and_backs_up() => Round("postgres");

    private static async Task Round(string provider)
    {
        await using var store = await (await PanelFixture.Store.CreateAsync(provider)).WithRoundAsync(assign: true);

        // Only the shortlisted and the 待核实 application entered; the failed one did not.
        var apps = await store.ReadAsync(c => c.Applications.OrderBy(a => a.Source).ToListAsync());
        Assert.Equal(10, apps.Count);
        Assert.DoesNotContain(apps, a => a.Source == "risk-out.docx");
        Assert.Equal("in-operation", apps.Single(a => a.Source == "risk-pending.docx").UnconfirmedChecks);
        Assert.Equal(2, await store.ReadAsync(c => c.Rubrics.CountAsync()));

        // Every expert scores: quality by machine rank, 杨磊 severe (-10 % of each weight), 赵敏 lenient.
        var quality = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var a in apps) quality[a.Source] = 0.5 + (a.MachineScore ?? 70) / 400;
        var csv = await store.ScoresCsvAsync((e, s) => quality[s] + (e == "杨磊" ? -0.1 : e == "赵敏" ? 0.05 : 0));
        var imported = await store.Mediator.Send(new ImportScores.Command(store.Db, [csv], "秘书处"));
        Assert.True(imported.Written > 0);

        var results = (await store.Mediator.Send(new ComputeResults.Command(store.Db, store.Dir.Path, new PanelOptions()))).Results;
        var talent = results.Tracks.Single(t => t.Track == "talent");
        Assert.Equal(Enumerable.Range(1, 6), talent.Entries.Select(e => e.Rank!.Value));
        Assert.Equal("talent-hualing.docx", talent.Entries[0].Source);
        Assert.Equal(1.0, talent.Spearman);
        Assert.Null(talent.CalibrationNote);
        Assert.True(results.Experts.Single(e => e.Name == "杨磊").Severity < -5);
        Assert.True(results.Experts.Single(e => e.Name == "赵敏").Severity > 2);
        Assert.True(File.Exists(store.Dir.File("panel-results.json")));
        using (var report = DocumentFormat.OpenXml.Packaging.SpreadsheetDocument.Open(store.Dir.File("panel-round.xlsx"), false))
            Assert.Empty(new DocumentFormat.OpenXml.Validation.OpenXmlValidator().Validate(report));
        Assert.Contains("人才培养", await File.ReadAllTextAsync(store.Dir.File("panel-round.html")));

        // A 待核实 application is selected once its check is confirmed; the audit records who and the previous state.
        await store.Mediator.Send(new Decide.Command(store.Db, "主任委员", ["talent-hualing.docx", "risk-a.docx", "risk-pending.docx"],
            System.Collections.Immutable.ImmutableDictionary<string, string>.Empty
                .Add("risk-pending.docx", "现场核查已运行，专家组一致同意").Add("risk-b.docx", "答辩中未能说明整改闭环"),
            [new Decide.Confirmation("risk-pending.docx", "in-operation", "2024-11-25 现场核查，系统已上线运行")], new PanelOptions()));
        var decided = await Decide.ReadAsync(store.Db, CancellationToken.None);
        Assert.Equal(["risk-a.docx", "risk-pending.docx", "talent-hualing.docx"], decided.Selected.ToArray());
        Assert.Contains(("risk-pending.docx", "in-operation"), decided.Confirmed);
        var audit = await store.ReadAsync(c => c.Audit.OrderBy(a => a.Id).ToListAsync());
        Assert.Contains(audit, a => a.Action == "confirm" && a.Who == "主任委员" && a.Previous == "待核实");
        Assert.Contains(audit, a => a.Action == "decide" && a.Subject == "risk-pending.docx" && a.Current!.Contains("现场核查"));

        // The backup is a SQLite store any command opens, holding the same rows.
        var backup = store.Dir.File("backup.db");
        await store.Mediator.Send(new BackupStore.Command(store.Db, backup));
        var original = await store.ReadAsync(c => c.Scores.CountAsync());
        await using var copy = await PanelStore.OpenAsync(backup, create: false, CancellationToken.None);
        Assert.Equal(original, await copy.Scores.CountAsync());
        Assert.Equal(audit.Count, await copy.Audit.CountAsync());
        Assert.Equal(3, await copy.Decisions.CountAsync(d => d.Selected));
    }

    [Fact]
    public async Task Reimporting_a_changed_score_keeps_the_previous_value_in_the_audit()
    {
        await using var store = await PanelFixture.Store.Sqlite().WithRoundAsync(assign: true);
        var first = await store.ScoresCsvAsync((_, _) => 0.5, "first.csv");
        await store.Mediator.Send(new ImportScores.Command(store.Db, [first], "秘书处"));
        var second = await store.ScoresCsvAsync((e, s) => e == "李娜" && s == "risk-a.docx" ? 0.9 : 0.5, "second.csv");

        var result = await store.Mediator.Send(new ImportScores.Command(store.Db, [second], "李娜"));

        Assert.Equal(2, result.Changed);
        var change = await store.ReadAsync(c => c.Audit.Where(a => a.Action == "score-change").OrderBy(a => a.Id).ToListAsync());
        Assert.Equal(["25", "25"], change.Select(a => a.Previous));
        Assert.All(change, a => Assert.Equal("李娜", a.Who));
        Assert.All(change, a => Assert.StartsWith("45（second.csv:", a.Current));
    }
}
