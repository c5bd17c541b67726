using Microsoft.EntityFrameworkCore;
using PilotEval.Panel;
using PilotEval.Panel.Store;

namespace PilotEval.Tests.Panel;

/// <summary>Conflicts of interest: a conflicted expert is never assigned and their scores are refused.</summary>
public sealed class ConflictTests
{
    [Fact]
    public async Task Each_conflict_rule_fires_with_its_reason_and_no_conflicted_expert_is_assigned()
    {
        await using var store = await PanelFixture.Store.Sqlite().WithRoundAsync(assign: true);
        var conflicts = await store.ReadAsync(c => c.Conflicts.ToListAsync());
        var assignments = await store.ReadAsync(c => c.Assignments.ToListAsync());

        string Reason(string expert, string source) => Assert.Single(conflicts, c => c.Expert == expert && c.Source == source).Reason;
        Assert.Contains("是申报单位", Reason("张伟", "talent-hualing.docx"));                   // works for the applicant
        Assert.Contains("是联合申报单位", Reason("张伟", "talent-qihang.docx"));                 // works for a partner
        Assert.Contains("2024-03-01 离职", Reason("王芳", "talent-youyuan.pdf"));                // left less than three years ago
        Assert.Contains("存在关联", Reason("陈静", "talent-anlan.docx"));                        // declared relation with a partner
        Assert.Contains("统一社会信用代码相同", Reason("赵敏", "risk-a.docx"));                   // same credit code
        Assert.DoesNotContain(conflicts, c => c.Expert == "刘洋");                               // left 2019: more than three years
        Assert.Equal(5, conflicts.Count);

        Assert.DoesNotContain(assignments, a => conflicts.Any(c => c.Expert == a.Expert && c.Source == a.Source));
        // Default k: every non-conflicted expert of the track — 7 talent experts, minus the conflicted.
        Assert.Equal(6, assignments.Count(a => a.Source == "talent-hualing.docx"));
        Assert.Equal(7, assignments.Count(a => a.Source == "talent-mingde.pdf"));
        Assert.All(assignments, a => Assert.Contains("无利益冲突", a.Reason));
    }

    [Fact]
    public async Task Assignment_with_k_is_load_balanced_deterministic_and_says_why_an_application_cannot_get_k()
    {
        await using var store = await PanelFixture.Store.Sqlite().WithRoundAsync();
        var first = await store.Mediator.Send(new AssignExperts.Command(store.Db, "秘书处", 3));
        var again = await store.Mediator.Send(new AssignExperts.Command(store.Db, "秘书处", 3));

        Assert.Equal(first.Assignments.Select(a => (a.Expert, a.Source)), again.Assignments.Select(a => (a.Expert, a.Source)));
        Assert.Equal(30, first.Assignments.Length);
        var load = first.Load.Values.ToList();
        Assert.True(load.Max() - load.Min() <= 2, string.Join(",", first.Load));
        Assert.Empty(first.Gaps);

        var wide = await store.Mediator.Send(new AssignExperts.Command(store.Db, "秘书处", 4));
        var gap = Assert.Single(wide.Gaps, g => g.Source == "risk-a.docx");
        Assert.Equal(3, gap.Assigned);
        Assert.Contains("1 名与该申报存在利益冲突", gap.Reason);
    }

    [Fact]
    public async Task A_conflict_declared_after_assignment_withdraws_the_assignment_and_its_scores_and_refuses_new_ones()
    {
        await using var store = await PanelFixture.Store.Sqlite().WithRoundAsync(assign: true);
        var csv = await store.ScoresCsvAsync((_, _) => 0.7);
        await store.Mediator.Send(new ImportScores.Command(store.Db, [csv], "秘书处"));

        // 李娜 now declares a relation with the applicant of risk-b.
        await File.WriteAllTextAsync(store.Dir.File("experts2.csv"), PanelFixture.ExpertsCsv.Replace("李娜,北京邮电大学,talent;risk-assessment,,,", "李娜,北京邮电大学,talent;risk-assessment,,北京乙信息技术有限公司,"));
        var result = await store.Mediator.Send(new ImportExperts.Command(store.Db, store.Dir.File("experts2.csv"), "秘书处"));

        Assert.Contains("李娜 × risk-b.docx", result.Withdrawn);
        Assert.Equal(0, await store.ReadAsync(c => c.Scores.CountAsync(s => s.Expert == "李娜" && s.Source == "risk-b.docx")));
        Assert.Equal(0, await store.ReadAsync(c => c.Assignments.CountAsync(s => s.Expert == "李娜" && s.Source == "risk-b.docx")));
        var refused = await Assert.ThrowsAsync<PanelException>(async () => await store.Mediator.Send(new ImportScores.Command(store.Db, [csv], "秘书处")));
        Assert.Contains("利益冲突", refused.Message);
        Assert.Contains("scores.csv:", refused.Message);
    }
}

/// <summary>experts.csv as Chinese Excel saves it: GBK, or UTF-8 with a BOM; both read by the one text-input reader.</summary>
public sealed class ExpertsFileTests
{
    [Theory]
    [InlineData("gbk")]
    [InlineData("utf8-bom")]
    public async Task An_experts_csv_saved_by_Chinese_Excel_is_read_whatever_its_encoding(string encoding)
    {
        await using var store = await PanelFixture.Store.Sqlite().WithRoundAsync(experts: false);
        System.Text.Encoding.RegisterProvider(System.Text.CodePagesEncodingProvider.Instance);
        var bytes = encoding == "gbk"
            ? System.Text.Encoding.GetEncoding("GBK").GetBytes(PanelFixture.ExpertsCsv.Replace("\n", "\r\n"))
            : [0xEF, 0xBB, 0xBF, .. System.Text.Encoding.UTF8.GetBytes(PanelFixture.ExpertsCsv)];
        await File.WriteAllBytesAsync(store.Dir.File("experts.csv"), bytes);

        var result = await store.Mediator.Send(new ImportExperts.Command(store.Db, store.Dir.File("experts.csv"), "秘书处"));

        Assert.Equal(7, result.Added);
        Assert.Contains(result.Conflicts, c => c.Expert == "王芳" && c.Reason.Contains("北京邮苑信息技术培训中心有限公司"));
    }

    [Fact]
    public async Task A_bad_former_employer_is_refused_with_its_line()
    {
        await using var store = await PanelFixture.Store.Sqlite().WithRoundAsync(experts: false);
        await File.WriteAllTextAsync(store.Dir.File("experts.csv"), "name,organisation,tracks,former_employers,relations\n张伟,某大学,talent,某公司 2023年,\n");

        var refused = await Assert.ThrowsAsync<PanelException>(async () => await store.Mediator.Send(new ImportExperts.Command(store.Db, store.Dir.File("experts.csv"), "秘书处")));

        Assert.Contains("experts.csv:2：专家「张伟」的曾任职单位「某公司 2023年」应写成「单位:YYYY-MM-DD」", refused.Message);
    }
}

/// <summary>experts.xlsx: the same header row in the first worksheet.</summary>
public sealed class ExpertsWorkbookTests
{
    [Fact]
    public async Task An_experts_workbook_is_read_like_the_csv()
    {
        await using var store = await PanelFixture.Store.Sqlite().WithRoundAsync(experts: false);
        var lines = PanelFixture.ExpertsCsv.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(',')).ToList();
        await File.WriteAllBytesAsync(store.Dir.File("experts.xlsx"), ScoreSheet.BuildTables(
            [new ScoreSheet.Table("专家", lines[0], [.. lines.Skip(1).Select(l => (IReadOnlyList<object?>)[.. l.Select(f => f.Length == 0 ? null : (object)f)])])]));

        var result = await store.Mediator.Send(new ImportExperts.Command(store.Db, store.Dir.File("experts.xlsx"), "秘书处"));

        Assert.Equal(7, result.Added);
        Assert.Equal(5, result.Conflicts.Length);
    }
}
