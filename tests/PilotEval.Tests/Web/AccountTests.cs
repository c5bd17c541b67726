using System.Net;
using PilotEval.Panel;
using PilotEval.Panel.Store;
using PilotEval.Tests.Support;

namespace PilotEval.Tests.Web;

/// <summary>
/// Accounts and sessions: one-time passwords shown once and changed at first sign-in, lockout after repeated
/// failures (kept in the store), the sign-in rate limit, idle and absolute session expiry, and the antiforgery token
/// every form must carry. Time moves on the test clock only.
/// </summary>
public sealed class AccountTests
{
    [Fact]
    public async Task The_secretariat_creates_an_expert_account_whose_one_time_password_is_shown_once_and_must_be_changed()
    {
        await using var site = await SiteFixture.CreateAsync();
        using var secretariat = await site.SignedInAsync(AccountRoles.Secretariat, "秘书处");

        var created = await secretariat.PostAsync("/accounts/add", new() { ["name"] = "wangfang", ["role"] = AccountRoles.Expert, ["expert"] = "王芳" }, formPage: "/accounts");
        Assert.Equal(HttpStatusCode.OK, created.Status);
        var otp = System.Text.RegularExpressions.Regex.Match(created.Html, "id=\"one-time-password\">([^<]+)<").Groups[1].Value;
        Assert.Equal(14, otp.Length);
        // Shown once: the next view of the page does not have it, and the store keeps only a hash.
        Assert.DoesNotContain(otp, (await secretariat.GetAsync("/accounts")).Html);
        var stored = await site.Mediator.Send(new GetAccount.Query(site.Db, "wangfang"));
        Assert.Equal("王芳", stored!.Expert);
        Assert.DoesNotContain(otp, stored.PasswordHash);

        using var expert = site.Client();
        var login = await expert.SignInAsync("wangfang", otp);
        Assert.Equal("/password", login.Location);
        // Until the password is changed, every page leads back to the password page.
        Assert.Equal("/password", (await expert.GetAsync("/expert")).Location);
        Assert.Contains("一次性密码", (await expert.GetAsync("/password")).Html);
        var weak = await expert.PostAsync("/password", new() { ["Current"] = otp, ["New"] = "short", ["Confirm"] = "short" });
        Assert.Contains("至少", weak.Html);
        var changed = await expert.PostAsync("/password", new() { ["Current"] = otp, ["New"] = "Wang-fang-2024!", ["Confirm"] = "Wang-fang-2024!" });
        Assert.Equal(HttpStatusCode.Redirect, changed.Status);
        Assert.Equal(HttpStatusCode.OK, (await expert.GetAsync("/expert")).Status);

        // The one-time password no longer opens the account.
        using var again = site.Client();
        Assert.Equal(HttpStatusCode.OK, (await again.SignInAsync("wangfang", otp)).Status);
        Assert.Equal(HttpStatusCode.Redirect, (await again.SignInAsync("wangfang", "Wang-fang-2024!")).Status);

        var audit = await site.AuditAsync();
        Assert.Contains(audit, a => a.Action == "account-add" && a.Subject == "wangfang" && a.Who == "秘书处" && a.Current!.Contains("王芳"));
        Assert.Contains(audit, a => a.Action == "password-change" && a.Subject == "wangfang" && a.Who == "wangfang");
    }

    [Fact]
    public async Task An_expert_account_must_name_an_expert_of_the_round_and_only_once()
    {
        await using var site = await SiteFixture.CreateAsync();
        using var secretariat = await site.SignedInAsync(AccountRoles.Secretariat, "秘书处");

        var unknown = await secretariat.PostAsync("/accounts/add", new() { ["name"] = "x", ["role"] = AccountRoles.Expert, ["expert"] = "不存在" }, formPage: "/accounts");
        await secretariat.PostAsync("/accounts/add", new() { ["name"] = "liuyang", ["role"] = AccountRoles.Expert, ["expert"] = "刘洋" }, formPage: "/accounts");
        var twice = await secretariat.PostAsync("/accounts/add", new() { ["name"] = "liuyang2", ["role"] = AccountRoles.Expert, ["expert"] = "刘洋" }, formPage: "/accounts");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, unknown.Status);
        Assert.Contains("不在评审库中", unknown.Html);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, twice.Status);
        Assert.Contains("已有账号", twice.Html);
    }

    [Fact]
    public async Task Repeated_wrong_passwords_lock_the_account_for_the_configured_time_even_against_the_right_password()
    {
        await using var site = await SiteFixture.CreateAsync();
        using (await site.ExpertAsync("张伟")) { }
        using var attacker = site.Client();

        for (var i = 0; i < 4; i++) Assert.Contains("账号或密码不正确", (await attacker.SignInAsync("张伟", "wrong-" + i)).Html);
        Assert.Contains("已锁定", (await attacker.SignInAsync("张伟", "wrong-5")).Html);
        var locked = await attacker.SignInAsync("张伟", SiteFixture.Password);

        Assert.Equal(HttpStatusCode.OK, locked.Status);
        Assert.Contains("已锁定", locked.Html);
        var account = await site.Mediator.Send(new GetAccount.Query(site.Db, "张伟"));
        Assert.NotNull(account!.LockedUntil);
        Assert.Contains(await site.AuditAsync(), a => a.Action == "account-lock" && a.Subject == "张伟" && a.Previous == "可登录");

        // Kept in the store: a new server (a new client here) still refuses; after 15 minutes the right password works.
        site.Clock.Advance(TimeSpan.FromMinutes(14));
        Assert.Contains("已锁定", (await site.Client().SignInAsync("张伟", SiteFixture.Password)).Html);
        site.Clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(HttpStatusCode.Redirect, (await site.Client().SignInAsync("张伟", SiteFixture.Password)).Status);
    }

    [Fact]
    public async Task The_secretariat_lifts_a_lockout_with_a_new_one_time_password_and_old_sessions_end()
    {
        await using var site = await SiteFixture.CreateAsync();
        using var zhang = await site.ExpertAsync("张伟");
        using var secretariat = await site.SignedInAsync(AccountRoles.Secretariat, "秘书处");

        var reset = await secretariat.PostAsync("/accounts/reset", new() { ["name"] = "张伟" }, formPage: "/accounts");
        var otp = System.Text.RegularExpressions.Regex.Match(reset.Html, "id=\"one-time-password\">([^<]+)<").Groups[1].Value;

        Assert.Equal(14, otp.Length);
        // The reset changed the account's stamp: the session opened before it is over.
        Assert.Equal(HttpStatusCode.Redirect, (await zhang.GetAsync("/expert")).Status);
        Assert.Equal("/password", (await site.Client().SignInAsync("张伟", otp)).Location);
        Assert.Contains(await site.AuditAsync(), a => a.Action == "account-reset" && a.Subject == "张伟" && a.Who == "秘书处");
    }

    [Fact]
    public async Task Sign_in_attempts_beyond_the_rate_limit_are_refused_with_429()
    {
        await using var site = await SiteFixture.CreateAsync(settings: new() { ["Serve:SignInPermits"] = "3", ["Serve:SignInWindow"] = "01:00:00" });
        using var client = site.Client();

        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++) answers.Add((await client.SignInAsync("nobody", "wrong")).Status);

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], answers);
        // Reading the page is not an attempt.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/login")).Status);
    }

    [Fact]
    public async Task A_session_ends_after_30_idle_minutes_slides_while_used_and_ends_after_8_hours_whatever()
    {
        await using var site = await SiteFixture.CreateAsync();
        using var idle = await site.ExpertAsync("张伟");
        using var busy = await site.ExpertAsync("李娜");

        site.Clock.Advance(TimeSpan.FromMinutes(20));
        Assert.Equal(HttpStatusCode.OK, (await busy.GetAsync("/expert")).Status);
        site.Clock.Advance(TimeSpan.FromMinutes(20));
        Assert.Equal(HttpStatusCode.OK, (await busy.GetAsync("/expert")).Status);
        var expired = await idle.GetAsync("/expert");
        Assert.Equal(HttpStatusCode.Redirect, expired.Status);
        Assert.StartsWith("http://localhost/login", expired.Location);

        // Active every 20 minutes, the session still ends 8 hours after sign-in.
        for (var minutes = 40; minutes < 8 * 60 - 20; minutes += 20)
        {
            site.Clock.Advance(TimeSpan.FromMinutes(20));
            Assert.Equal(HttpStatusCode.OK, (await busy.GetAsync("/expert")).Status);
        }
        site.Clock.Advance(TimeSpan.FromMinutes(25));
        Assert.Equal(HttpStatusCode.Redirect, (await busy.GetAsync("/expert")).Status);
    }

    [Fact]
    public async Task A_post_without_the_antiforgery_token_is_refused_and_changes_nothing()
    {
        await using var site = await SiteFixture.CreateAsync();
        using var zhang = await site.ExpertAsync("张伟");
        using var visitor = site.Client();

        var login = await visitor.PostAsync("/login", new() { ["Name"] = "张伟", ["Password"] = SiteFixture.Password }, withToken: false);
        var save = await zhang.PostAsync("/expert/applications/" + SiteFixture.Shared, new() { ["score-system"] = "10", ["action"] = "save" }, withToken: false);
        var password = await zhang.PostAsync("/password", new() { ["Current"] = SiteFixture.Password, ["New"] = "Another-pass-123", ["Confirm"] = "Another-pass-123" }, withToken: false);
        var logout = await zhang.PostAsync("/logout", [], withToken: false);
        // A token from another session does not do either.
        var stolen = SiteClient.Token((await visitor.GetAsync("/login")).Html);
        using var forged = await zhang.Http.PostAsync("/expert/applications/" + SiteFixture.Shared,
            new FormUrlEncodedContent([new("score-system", "10"), new("action", "save"), new("__RequestVerificationToken", stolen)]));

        Assert.Equal(HttpStatusCode.BadRequest, login.Status);
        Assert.Equal(HttpStatusCode.BadRequest, save.Status);
        Assert.Equal(HttpStatusCode.BadRequest, password.Status);
        Assert.Equal(HttpStatusCode.BadRequest, logout.Status);
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal(0, await site.Store.ReadAsync(c => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(c.Scores)));
        Assert.Single(await site.AuditAsync(), a => a.Action == "password-change" && a.Subject == "张伟");
        Assert.Equal(HttpStatusCode.OK, (await zhang.GetAsync("/expert")).Status);
    }

    [Fact]
    public async Task Every_form_of_every_page_carries_the_antiforgery_token()
    {
        await using var site = await SiteFixture.CreateAsync();
        using var secretariat = await site.SignedInAsync(AccountRoles.Secretariat, "秘书处");
        using var chair = await site.SignedInAsync(AccountRoles.Chair, "组长");
        using var expert = await site.ExpertAsync("张伟");
        var pages = new (SiteClient Client, string Path)[]
        {
            (site.Client(), "/login"), (expert, "/password"), (expert, "/expert"), (expert, "/expert/applications/" + SiteFixture.Shared),
            (secretariat, "/round"), (secretariat, "/round/confirmations"), (secretariat, "/round/downloads"), (secretariat, "/accounts"),
            (chair, "/round/decision"), (chair, "/round/scores"),
        };
        foreach (var (client, path) in pages)
        {
            var html = (await client.GetAsync(path)).Html;
            var forms = System.Text.RegularExpressions.Regex.Matches(html, "<form[\\s\\S]*?</form>").Select(m => m.Value).ToList();
            Assert.True(forms.Count > 0, path + " has no form");
            Assert.All(forms, form => Assert.Contains("__RequestVerificationToken", form));
        }
    }

    [Fact]
    public async Task Serve_on_a_store_without_a_secretariat_says_how_to_create_one_and_account_add_prints_a_one_time_password()
    {
        await using var site = await SiteFixture.CreateAsync();
        using var dir = new TempDirectory();
        // A port already taken: serve prints what it must before listening, then fails to bind and exits; nothing outlives the test.
        using var taken = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;

        var serve = await CliProcess.RunAsync(dir.Path, "serve", "--db", site.Db, "--urls", $"http://127.0.0.1:{port}");
        var add = await CliProcess.RunAsync(dir.Path, "panel", "account", "add", "--db", site.Db, "--role", "secretariat", "--name", "秘书处");
        var twice = await CliProcess.RunAsync(dir.Path, "panel", "account", "add", "--db", site.Db, "--role", "secretariat", "--name", "秘书处");

        Assert.Contains("No secretariat account yet", serve.Stderr);
        Assert.Contains("piloteval panel account add --db", serve.Stderr);
        Assert.NotEqual(0, serve.ExitCode);
        Assert.Equal(0, add.ExitCode);
        Assert.Matches("^[A-Za-z0-9]{14}$", add.Stdout.Trim());
        Assert.Equal(2, twice.ExitCode);
        Assert.Contains("已存在", twice.Stderr);
        var signIn = await site.Client().SignInAsync("秘书处", add.Stdout.Trim());
        Assert.Equal("/password", signIn.Location);
    }
}
