using System.Net;
using PilotEval.Panel;
using PilotEval.Panel.Store;
using PilotEval.Tests.Panel;

namespace PilotEval.Tests.Web;

/// <summary>
/// Every rule of who may see what, asked over HTTP as a browser would: an application not assigned to the expert, one
/// they are conflicted on, another expert's draft, and the secretariat's and chair's pages all answer 404 to an
/// expert; a visitor without a session is sent to sign in.
/// </summary>
public sealed class AuthorizationTests
{
    [Fact]
    public async Task An_expert_sees_only_the_applications_assigned_to_them_and_not_conflicted()
    {
        await using var site = await SiteFixture.CreateAsync();
        using var zhang = await site.ExpertAsync("张伟");

        var list = await zhang.GetAsync("/expert");

        Assert.Equal(HttpStatusCode.OK, list.Status);
        Assert.Contains(SiteFixture.Shared, list.Html);
        Assert.Contains("talent-youyuan.pdf", list.Html);
        // 张伟 works for 华翎 (the applicant of one, the partner of another): neither exists for him, not even by name.
        Assert.DoesNotContain("talent-hualing.docx", list.Html);
        Assert.DoesNotContain("talent-qihang.docx", list.Html);
        Assert.DoesNotContain("北京华翎数智教育科技有限公司", list.Html);
        // Risk applications are another track's: not assigned.
        Assert.DoesNotContain("risk-a.docx", list.Html);
    }

    [Theory]
    [InlineData("talent-hualing.docx")]   // conflicted: the expert's own organisation applied
    [InlineData("talent-qihang.docx")]    // conflicted: the expert's organisation is the partner
    [InlineData("risk-a.docx")]           // not assigned (another track)
    [InlineData("no-such-application.docx")]
    public async Task An_application_the_expert_may_not_score_is_a_404_to_read_and_to_write(string source)
    {
        await using var site = await SiteFixture.CreateAsync();
        using var zhang = await site.ExpertAsync("张伟");

        var page = await zhang.GetAsync("/expert/applications/" + Uri.EscapeDataString(source));
        var write = await zhang.PostAsync("/expert/applications/" + Uri.EscapeDataString(source),
            new() { ["score-system"] = "10", ["action"] = "save" }, formPage: "/expert/applications/" + SiteFixture.Shared);

        Assert.Equal(HttpStatusCode.NotFound, page.Status);
        Assert.Equal(HttpStatusCode.NotFound, write.Status);
        Assert.DoesNotContain("项目" + source, page.Html);
        Assert.Equal(0, await site.Store.ReadAsync(c => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(c.Scores)));
    }

    [Fact]
    public async Task Another_experts_draft_is_a_404_and_never_appears_on_the_page()
    {
        await using var site = await SiteFixture.CreateAsync();
        await site.Mediator.Send(new ShareScores.Command(site.Db, true, "组长"));
        using var li = await site.ExpertAsync("李娜");
        var draft = await li.PostAsync("/expert/applications/" + SiteFixture.Shared,
            new() { ["score-system"] = "33", ["comment-system"] = "李娜的草稿评语", ["action"] = "save" });
        Assert.Equal(HttpStatusCode.Redirect, draft.Status);
        using var zhang = await site.ExpertAsync("张伟");
        await SubmitAllAsync(zhang, SiteFixture.Shared);

        var others = await zhang.GetAsync($"/expert/applications/{SiteFixture.Shared}/experts/{Uri.EscapeDataString("李娜")}");
        var page = await zhang.GetAsync("/expert/applications/" + SiteFixture.Shared);
        var mine = await li.GetAsync($"/expert/applications/{SiteFixture.Shared}/experts/{Uri.EscapeDataString("李娜")}");

        Assert.Equal(HttpStatusCode.NotFound, others.Status);
        Assert.DoesNotContain("李娜的草稿评语", page.Html);
        Assert.Equal(HttpStatusCode.OK, mine.Status);
        Assert.Contains("李娜的草稿评语", mine.Html);
    }

    [Theory]
    [InlineData("/round")]
    [InlineData("/round/rankings")]
    [InlineData("/round/confirmations")]
    [InlineData("/round/decision")]
    [InlineData("/round/scores")]
    [InlineData("/round/downloads")]
    [InlineData("/round/downloads/sheets")]
    [InlineData("/round/downloads/results?format=json")]
    [InlineData("/round/audit")]
    [InlineData("/accounts")]
    public async Task An_expert_cannot_reach_the_secretariats_or_the_chairs_pages(string path)
    {
        await using var site = await SiteFixture.CreateAsync();
        using var zhang = await site.ExpertAsync("张伟");

        var page = await zhang.GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, page.Status);
        Assert.DoesNotContain("talent-hualing.docx", page.Html);
    }

    [Fact]
    public async Task An_expert_cannot_post_to_the_secretariats_forms()
    {
        await using var site = await SiteFixture.CreateAsync();
        using var zhang = await site.ExpertAsync("张伟");

        var add = await zhang.PostAsync("/accounts/add", new() { ["name"] = "intruder", ["role"] = AccountRoles.Secretariat }, formPage: "/expert");
        var decide = await zhang.PostAsync("/round/decision", new() { ["select"] = "talent-hualing.docx" }, formPage: "/expert");

        Assert.Equal(HttpStatusCode.NotFound, add.Status);
        Assert.Equal(HttpStatusCode.NotFound, decide.Status);
        Assert.Null(await site.Mediator.Send(new GetAccount.Query(site.Db, "intruder")));
        Assert.Equal(0, await site.Store.ReadAsync(c => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(c.Decisions)));
    }

    [Fact]
    public async Task The_secretariat_has_no_expert_pages_and_only_the_chair_reopens_scores_or_decides()
    {
        await using var site = await SiteFixture.CreateAsync();
        using var secretariat = await site.SignedInAsync(AccountRoles.Secretariat, "秘书处");

        Assert.Equal(HttpStatusCode.NotFound, (await secretariat.GetAsync("/expert")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await secretariat.GetAsync("/expert/applications/" + SiteFixture.Shared)).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await secretariat.GetAsync("/round/scores")).Status);
        var decide = await secretariat.PostAsync("/round/decision", new() { ["select"] = "talent-hualing.docx" });
        Assert.Equal(HttpStatusCode.NotFound, decide.Status);
        Assert.Equal(HttpStatusCode.OK, (await secretariat.GetAsync("/round/decision")).Status);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/expert")]
    [InlineData("/expert/applications/talent-xingqiao.docx")]
    [InlineData("/round")]
    [InlineData("/accounts")]
    public async Task Without_a_session_every_page_sends_the_visitor_to_sign_in(string path)
    {
        await using var site = await SiteFixture.CreateAsync();
        using var visitor = site.Client();

        var page = await visitor.GetAsync(path);

        Assert.Equal(HttpStatusCode.Redirect, page.Status);
        Assert.StartsWith("http://localhost/login", page.Location);
    }

    /// <summary>Scores every criterion of the application at half its weight and submits.</summary>
    internal static async Task SubmitAllAsync(SiteClient client, string source, double share = 0.5, string comment = "")
    {
        var fields = new Dictionary<string, string> { ["action"] = "submit" };
        var criteria = source.StartsWith("talent", StringComparison.Ordinal) ? PanelFixture.TalentCriteria : PanelFixture.RiskCriteria;
        foreach (var c in criteria)
        {
            fields["score-" + c.Id] = (c.Weight * share).ToString(System.Globalization.CultureInfo.InvariantCulture);
            fields["comment-" + c.Id] = comment;
        }
        var response = await client.PostAsync("/expert/applications/" + Uri.EscapeDataString(source), fields);
        Assert.True(response.Status == HttpStatusCode.Redirect, $"submit of {source} answered {response.Status}: {response.Html}");
    }
}
