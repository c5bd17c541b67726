using System.Net;
using Microsoft.EntityFrameworkCore;
using PilotEval.Panel;
using PilotEval.Panel.Store;

namespace PilotEval.Tests.Web;

/// <summary>
/// The secretariat's and the chair's pages, from the same slices as the commands: progress, discussion list,
/// rankings, confirmations of 待核实 checks, the decision, downloads — each change audited.
/// </summary>
public sealed class StaffPagesTests
{
    [Fact]
    public async Task Progress_discussion_and_rankings_show_what_panel_results_computes()
    {
        await using var site = await SiteFixture.CreateAsync();
        using var li = await site.ExpertAsync("李娜");
        using var zhang = await site.ExpertAsync("张伟");
        await AuthorizationTests.SubmitAllAsync(li, SiteFixture.Shared, 0.9);
        await AuthorizationTests.SubmitAllAsync(zhang, SiteFixture.Shared, 0.5);
        using var secretariat = await site.SignedInAsync(AccountRoles.Secretariat, "秘书处");

        var progress = await secretariat.GetAsync("/round");
        var rankings = await secretariat.GetAsync("/round/rankings");

        Assert.Equal(HttpStatusCode.OK, progress.Status);
        // 90 against 50 points: a 40-point spread goes to discussion (threshold 15).
        Assert.Matches("id=\"discussion\"[\\s\\S]*talent-xingqiao", progress.Html);
        Assert.Matches("data-source=\"talent-xingqiao.docx\"><td>人才培养</td><td>[^<]*</td><td>(李娜 90；张伟 50|张伟 50；李娜 90)</td>", progress.Html);
        Assert.Matches("data-expert=\"李娜\">[\\s\\S]*?class=\"num submitted\">1<", progress.Html);
        Assert.Equal(HttpStatusCode.OK, rankings.Status);
        Assert.Matches("data-source=\"talent-xingqiao.docx\">\\s*<td class=\"num rank\">1</td>", rankings.Html);
        Assert.Contains("class=\"num trimmed\">70<", rankings.Html);
    }

    [Fact]
    public async Task Confirming_a_check_and_deciding_go_through_Decide_and_are_audited()
    {
        await using var site = await SiteFixture.CreateAsync();
        using var secretariat = await site.SignedInAsync(AccountRoles.Secretariat, "秘书处");
        using var chair = await site.SignedInAsync(AccountRoles.Chair, "组长");

        var page = await secretariat.GetAsync("/round/confirmations");
        Assert.Contains("data-source=\"risk-pending.docx\" data-check=\"in-operation\"", page.Html);
        var empty = await secretariat.PostAsync("/round/confirmations", new() { ["source"] = "risk-pending.docx", ["check"] = "in-operation", ["note"] = "" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, empty.Status);
        var wrong = await secretariat.PostAsync("/round/confirmations", new() { ["source"] = "risk-a.docx", ["check"] = "in-operation", ["note"] = "看过了" });
        Assert.Contains("不是该申报待核实的条件", wrong.Html);
        var confirmed = await secretariat.PostAsync("/round/confirmations", new() { ["source"] = "risk-pending.docx", ["check"] = "in-operation", ["note"] = "2024-11-25 现场核查，系统已上线" });
        Assert.Equal(HttpStatusCode.OK, confirmed.Status);
        Assert.Contains("id=\"confirmations-none\"", confirmed.Html);

        // No panel scores yet: selecting anything departs from the (empty) ranking and needs reasons.
        var refused = await chair.PostAsync("/round/decision", new() { ["select"] = "risk-pending.docx" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.Status);
        Assert.Contains("须说明理由", refused.Html);
        var decided = await chair.PostAsync("/round/decision", new() { ["select"] = "risk-pending.docx", ["reason-risk-pending.docx"] = "现场核查后专家组一致同意" });
        Assert.Equal(HttpStatusCode.OK, decided.Status);
        Assert.Contains("已记录：1 项入选", decided.Html);

        var stored = await Decide.ReadAsync(site.Db, CancellationToken.None);
        Assert.Equal(["risk-pending.docx"], stored.Selected.ToArray());
        var audit = await site.AuditAsync();
        Assert.Contains(audit, a => a.Action == "confirm" && a.Who == "秘书处" && a.Subject == "risk-pending.docx × in-operation" && a.Previous == "待核实");
        Assert.Contains(audit, a => a.Action == "decide" && a.Who == "组长" && a.Subject == "risk-pending.docx" && a.Previous == null && a.Current!.Contains("现场核查后"));
    }

    [Fact]
    public async Task Downloads_are_the_sheets_the_results_and_the_notice_of_the_decision()
    {
        await using var site = await SiteFixture.CreateAsync();
        using var secretariat = await site.SignedInAsync(AccountRoles.Secretariat, "秘书处");

        using var sheets = await secretariat.Http.GetAsync("/round/downloads/sheets");
        using var json = await secretariat.Http.GetAsync("/round/downloads/results?format=json");
        using var xlsx = await secretariat.Http.GetAsync("/round/downloads/results?format=xlsx");
        var noDecision = await secretariat.PostAsync("/round/downloads/notice", new() { ["contact"] = "010-12345678", ["date"] = "2024-12-02" }, formPage: "/round/downloads");

        Assert.Equal("application/zip", sheets.Content.Headers.ContentType!.MediaType);
        using (var zip = new System.IO.Compression.ZipArchive(await sheets.Content.ReadAsStreamAsync()))
            Assert.Contains(zip.Entries, e => e.Name.Contains("张伟", StringComparison.Ordinal) && e.Name.EndsWith(".xlsx", StringComparison.Ordinal));
        Assert.Contains("\"tracks\"", await json.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, xlsx.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, noDecision.Status);
        Assert.Contains("还没有入选决定", noDecision.Html);

        await site.Mediator.Send(new Decide.Command(site.Db, "组长", ["risk-a.docx"],
            System.Collections.Immutable.ImmutableDictionary<string, string>.Empty.Add("risk-a.docx", "答辩优秀"), [], new PanelOptions()));
        var notice = await secretariat.PostAsync("/round/downloads/notice", new() { ["contact"] = "010-12345678，北京市通信管理局", ["date"] = "2024-12-02" }, formPage: "/round/downloads");
        Assert.Equal(HttpStatusCode.OK, notice.Status);
        Assert.StartsWith("PK", notice.Html);
    }
}
