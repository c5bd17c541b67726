using System.Net;
using Microsoft.EntityFrameworkCore;
using PilotEval.Panel;
using PilotEval.Panel.Store;

namespace PilotEval.Tests.Web;

/// <summary>
/// Scoring in the browser through the panel's slices: drafts, validation against each criterion's weight on the
/// server, submission and its lock, the chair's reopening with a reason, other experts' scores shown only after
/// submitting and only when the chair shares them, and the audit line of every change with its previous value.
/// Run on SQLite and, where a server is configured, on PostgreSQL.
/// </summary>
public sealed class ScoringTests
{
    [Fact]
    public Task Draft_submit_lock_reopen_and_audit_on_sqlite() => DraftSubmitLockReopen("sqlite");

    [Panel.PostgresFact]
    public Task Draft_submit_lock_reopen_and_audit_on_postgres() => DraftSubmitLockReopen("postgres");

    private static async Task DraftSubmitLockReopen(string provider)
    {
        await using var site = await SiteFixture.CreateAsync(provider);
        using var zhang = await site.ExpertAsync("张伟");
        var path = "/expert/applications/" + SiteFixture.Shared;

        // Out of range (培养体系 weighs 40) and not a number: refused on the server, nothing written, the typed values kept.
        var bad = await zhang.PostAsync(path, new() { ["score-system"] = "41", ["score-scale"] = "abc", ["comment-system"] = "留着", ["action"] = "save" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, bad.Status);
        Assert.Contains("超出范围 0–40", bad.Html);
        Assert.Contains("不是数字", bad.Html);
        Assert.Contains("留着", bad.Html);
        Assert.Equal(0, await site.Store.ReadAsync(c => c.Scores.CountAsync()));

        // A draft may leave criteria blank; it is not counted in the results.
        var draft = await zhang.PostAsync(path, new() { ["score-system"] = "30", ["comment-system"] = "体系完整", ["score-scale"] = "", ["action"] = "save" });
        Assert.Equal(HttpStatusCode.Redirect, draft.Status);
        var row = await site.Store.ReadAsync(c => c.Scores.SingleAsync());
        Assert.Equal((30.0, ScoreStatus.Draft, "体系完整"), (row.Value, row.Status, row.Comment));
        var results = await site.Mediator.Send(new ComputeResults.Command(site.Db, null, new PanelOptions()));
        Assert.DoesNotContain(results.Results.Tracks.SelectMany(t => t.Entries).SelectMany(e => e.Scores), s => s.Expert == "张伟");
        Assert.Contains("草稿", (await zhang.GetAsync("/expert")).Html);

        // Submitting needs every criterion.
        var incomplete = await zhang.PostAsync(path, new() { ["score-system"] = "30", ["comment-system"] = "体系完整", ["action"] = "submit" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, incomplete.Status);
        Assert.Contains("缺少「规模与质量」的分数", incomplete.Html);

        var submit = await zhang.PostAsync(path, new() { ["score-system"] = "32", ["comment-system"] = "体系完整", ["score-scale"] = "45.5", ["comment-scale"] = "", ["action"] = "submit" });
        Assert.Equal(HttpStatusCode.Redirect, submit.Status);
        results = await site.Mediator.Send(new ComputeResults.Command(site.Db, null, new PanelOptions()));
        Assert.Contains(results.Results.Tracks.SelectMany(t => t.Entries).Single(e => e.Source == SiteFixture.Shared).Scores, s => s.Expert == "张伟" && s.Total == 77.5);

        // Locked: another save is refused and the page offers no fields to edit.
        var locked = await zhang.PostAsync(path, new() { ["score-system"] = "1", ["score-scale"] = "1", ["action"] = "save" });
        Assert.Equal(HttpStatusCode.Conflict, locked.Status);
        Assert.Contains("锁定", locked.Html);
        Assert.Equal(32, await site.Store.ReadAsync(c => c.Scores.Where(s => s.Criterion == "system").Select(s => s.Value).SingleAsync()));
        var page = await zhang.GetAsync(path);
        Assert.Contains("id=\"locked\"", page.Html);
        Assert.DoesNotContain("id=\"submit\"", page.Html);

        // Only the chair reopens, and only with a reason.
        using var chair = await site.SignedInAsync(AccountRoles.Chair, "组长");
        var noReason = await chair.PostAsync("/round/scores?handler=reopen", new() { ["expert"] = "张伟", ["source"] = SiteFixture.Shared, ["reason"] = " " }, formPage: "/round/scores");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, noReason.Status);
        var reopened = await chair.PostAsync("/round/scores?handler=reopen", new() { ["expert"] = "张伟", ["source"] = SiteFixture.Shared, ["reason"] = "规模分与材料不符，请复核" }, formPage: "/round/scores");
        Assert.Equal(HttpStatusCode.OK, reopened.Status);
        Assert.Contains("已退回", reopened.Html);
        Assert.All(await site.Store.ReadAsync(c => c.Scores.ToListAsync()), s => Assert.Equal(ScoreStatus.Draft, s.Status));
        var fixedScale = await zhang.PostAsync(path, new() { ["score-system"] = "32", ["comment-system"] = "体系完整", ["score-scale"] = "40", ["action"] = "submit" });
        Assert.Equal(HttpStatusCode.Redirect, fixedScale.Status);

        var audit = await site.AuditAsync();
        Assert.Contains(audit, a => a.Action == "score-draft" && a.Who == "张伟" && a.Subject == $"张伟 × {SiteFixture.Shared} × system" && a.Previous == null && a.Current == "30；体系完整");
        Assert.Contains(audit, a => a.Action == "score-submit" && a.Subject.EndsWith("× system", StringComparison.Ordinal) && a.Previous == "30；体系完整" && a.Current == "32；体系完整");
        Assert.Contains(audit, a => a.Action == "submit" && a.Subject == $"张伟 × {SiteFixture.Shared}");
        Assert.Contains(audit, a => a.Action == "reopen" && a.Who == "组长" && a.Previous == "已提交" && a.Current == "退回修改：规模分与材料不符，请复核");
        Assert.Contains(audit, a => a.Action == "score-submit" && a.Subject.EndsWith("× scale", StringComparison.Ordinal) && a.Previous == "45.5" && a.Current == "40");
    }

    [Fact]
    public async Task Other_experts_scores_appear_only_after_I_submit_and_only_when_the_chair_shares_them()
    {
        await using var site = await SiteFixture.CreateAsync();
        using var li = await site.ExpertAsync("李娜");
        using var zhang = await site.ExpertAsync("张伟");
        using var chair = await site.SignedInAsync(AccountRoles.Chair, "组长");
        var path = "/expert/applications/" + SiteFixture.Shared;
        var liPage = $"{path}/experts/{Uri.EscapeDataString("李娜")}";
        await AuthorizationTests.SubmitAllAsync(li, SiteFixture.Shared, 0.9, "李娜的评语");

        // Shared, but I have not submitted: nothing of 李娜's.
        await chair.PostAsync("/round/scores?handler=share", new() { ["shared"] = "true" }, formPage: "/round/scores");
        Assert.DoesNotContain("李娜的评语", (await zhang.GetAsync(path)).Html);
        Assert.Equal(HttpStatusCode.NotFound, (await zhang.GetAsync(liPage)).Status);

        // Submitted, and shared: 李娜's submitted scores show.
        await AuthorizationTests.SubmitAllAsync(zhang, SiteFixture.Shared);
        Assert.Contains("李娜的评语", (await zhang.GetAsync(path)).Html);
        Assert.Contains("李娜的评语", (await zhang.GetAsync(liPage)).Html);

        // The chair withdraws sharing: hidden again.
        await chair.PostAsync("/round/scores?handler=share", new() { ["shared"] = "false" }, formPage: "/round/scores");
        var hidden = await zhang.GetAsync(path);
        Assert.DoesNotContain("李娜的评语", hidden.Html);
        Assert.Contains("id=\"others-hidden\"", hidden.Html);
        Assert.Equal(HttpStatusCode.NotFound, (await zhang.GetAsync(liPage)).Status);

        var audit = await site.AuditAsync();
        Assert.Contains(audit, a => a.Action == "share-scores" && a.Who == "组长" && a.Previous == "他人评分不可见" && a.Current == "提交后可见他人评分");
        Assert.Contains(audit, a => a.Action == "share-scores" && a.Who == "组长" && a.Previous == "提交后可见他人评分");
    }

    [Fact]
    public async Task Concurrent_saves_of_different_experts_all_land()
    {
        await using var site = await SiteFixture.CreateAsync();
        string[] experts = ["张伟", "李娜", "刘洋", "杨磊", "赵敏"];
        var clients = new List<SiteClient>();
        foreach (var e in experts) clients.Add(await site.ExpertAsync(e));

        await Task.WhenAll(clients.Select((c, i) => AuthorizationTests.SubmitAllAsync(c, SiteFixture.Shared, 0.5 + i * 0.1)));

        var totals = (await site.Mediator.Send(new ComputeResults.Command(site.Db, null, new PanelOptions()))).Results
            .Tracks.SelectMany(t => t.Entries).Single(e => e.Source == SiteFixture.Shared).Scores;
        Assert.Equal(experts.Order(StringComparer.Ordinal), totals.Select(t => t.Expert).Order(StringComparer.Ordinal));
        foreach (var c in clients) c.Dispose();
    }
}
