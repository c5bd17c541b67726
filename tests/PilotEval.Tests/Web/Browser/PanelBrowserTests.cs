using System.Globalization;
using OpenQA.Selenium;
using PilotEval.Cli.Benchmarks;
using PilotEval.Panel;
using PilotEval.Panel.Store;
using PilotEval.Tests.Pipeline;
using PilotEval.Tests.Support;
using Xunit.Abstractions;

namespace PilotEval.Tests.Web.Browser;

/// <summary>
/// The round in a real browser, on a round opened from the real evaluation of <c>submissions-sample/</c>: the
/// secretariat creates an expert's and the chair's accounts; the expert changes the one-time password, opens an
/// application, finds the machine's quote highlighted in the text with its file/page/paragraph, scores every criterion
/// with a comment and submits; the chair sees that expert's total as the application's aggregate. The expert's page is
/// kept as a screenshot (test output, <c>artifacts/browser/</c>) for a person to look at.
/// </summary>
public sealed class PanelBrowserTests(SampleRunFixture run, ITestOutputHelper output) : IClassFixture<SampleRunFixture>
{
    private const string Application = "talent-hualing-academy.docx";
    private const string Expert = "李娜";

    private const string ExpertsCsv = """
        name,organisation,tracks,former_employers,relations,credit_code
        李娜,北京邮电大学,talent;risk-assessment;incident-handling;technology-application;data-element-flow,,,
        王芳,清华大学,talent;risk-assessment;incident-handling;technology-application;data-element-flow,,,
        """;

    [ChromeDriverFact]
    public async Task Secretariat_creates_an_expert_who_scores_beside_the_highlighted_evidence_and_the_chair_sees_the_aggregate()
    {
        Assert.True(ChromeDriverFactAttribute.Missing() is null, ChromeDriverFactAttribute.Missing());
        using var dir = new TempDirectory();
        using var services = TestHost.Create();
        var db = dir.File("panel.db");
        await services.Mediator().Send(new OpenRound.Command(db, Path.Combine(run.OutputDirectory, "results.json"), "秘书处"));
        await File.WriteAllTextAsync(dir.File("experts.csv"), ExpertsCsv);
        await services.Mediator().Send(new ImportExperts.Command(db, dir.File("experts.csv"), "秘书处"));
        await services.Mediator().Send(new AssignExperts.Command(db, "秘书处"));
        // The first secretariat account, as `piloteval panel account add --role secretariat` makes it.
        var secretariat = await services.Mediator().Send(new AddAccount.Command(db, "mishuchu", AccountRoles.Secretariat, null, "秘书处"));

        await using var site = await LiveSite.StartAsync(db, ["--Serve:Rubrics=" + RepoPaths.Rubrics]);
        var url = site.Address;
        var chrome = new ChromeSession(ExternalTools.Chromium!);
        try
        {
            // The secretariat: first sign-in, its own password, then an expert's and the chair's accounts.
            FirstSignIn(chrome, url, "mishuchu", secretariat.OneTimePassword, "秘书处的新密码-2024", "/round");
            var expertPassword = CreateAccount(chrome, url, AccountRoles.Expert, Expert, "lina");
            var chairPassword = CreateAccount(chrome, url, AccountRoles.Chair, null, "zuzhang");
            SignOut(chrome);

            // The expert: only its applications; one of them beside its text.
            FirstSignIn(chrome, url, "lina", expertPassword, "李娜的评审密码-2024", "/expert");
            var row = chrome.Until(d => d.FindElement(By.CssSelector($"#applications tr[data-source='{Application}']")), "the application in the expert's list");
            row.FindElement(By.CssSelector("a.open-application")).Click();
            chrome.Until(d => d.FindElements(By.Id("score-form")).Count == 1, "the application page");

            // The machine's quote is marked in the text, and its file/page/paragraph leads to the marked block.
            // Many quotes are folded under a summary: unfold the first criterion's, as the expert would.
            var quotes = chrome.Driver.FindElement(By.CssSelector("#score-form .quotes"));
            if (quotes.TagName == "details" && quotes.GetAttribute("open") is null) quotes.FindElement(By.TagName("summary")).Click();
            var link = chrome.Until(d => quotes.FindElement(By.CssSelector("a.quote-link[href^='#p-']")) is { Displayed: true } shown ? shown : null,
                "the machine's quotes, unfolded")!;
            Assert.StartsWith(Application, link.Text);
            Assert.Matches(@"第 \d+ 段", link.Text);
            var block = chrome.Driver.FindElement(By.Id(link.GetAttribute("href")!.Split('#')[1]));
            var mark = block.FindElement(By.TagName("mark"));
            Assert.False(string.IsNullOrWhiteSpace(mark.Text));
            var paragraph = System.Text.RegularExpressions.Regex.Match(link.Text, @"第 \d+ 段").Value;
            Assert.EndsWith(paragraph, block.FindElement(By.ClassName("loc")).Text);
            // The text pane scrolls on its own: bring the quote into it, and keep the page at its top for the screenshot.
            ((IJavaScriptExecutor)chrome.Driver).ExecuteScript("""
                const pane = document.getElementById('document');
                pane.scrollTop += arguments[0].getBoundingClientRect().top - pane.getBoundingClientRect().top - 120;
                window.scrollTo(0, 0);
                """, mark);
            Assert.True(mark.Displayed);

            // Chinese in a CJK face (no tofu), and the text beside the criteria, not under them.
            Assert.True((bool)((IJavaScriptExecutor)chrome.Driver).ExecuteScript(
                "return document.fonts.check(\"15px 'Noto Sans CJK SC'\", '评审专家');")!, "no Noto Sans CJK SC in the browser: apt-get install fonts-noto-cjk");
            var document = chrome.Driver.FindElement(By.Id("document")).Location.X + chrome.Driver.FindElement(By.Id("document")).Size.Width;
            Assert.True(document <= chrome.Driver.FindElement(By.CssSelector("section.criteria")).Location.X, "the text pane runs into the criteria");
            Screenshot(chrome, "expert-application.png");

            // Every criterion scored with a comment, then submitted: the scores lock.
            var total = 0.0;
            var fields = chrome.Driver.FindElements(By.CssSelector("#score-form input[id^='score-']"));
            Assert.NotEmpty(fields);
            foreach (var field in fields)
            {
                var criterion = field.GetAttribute("id")!["score-".Length..];
                var max = double.Parse(field.GetAttribute("max")!, CultureInfo.InvariantCulture);
                var value = Math.Floor(max * 0.7 * 2) / 2;
                total += value;
                chrome.Type("score-" + criterion, value.ToString("0.##", CultureInfo.InvariantCulture));
                chrome.Type("comment-" + criterion, $"依据原文所述，{criterion} 项证据充分");
            }
            chrome.Submit("submit", d => d.FindElements(By.Id("locked")).Count == 1, "the submitted, locked scores");
            Assert.All(chrome.Driver.FindElements(By.CssSelector("#score-form input[id^='score-']")), f => Assert.False(f.Enabled));
            SignOut(chrome);

            // The chair: the expert's total is the application's aggregate (one expert: the mean is that total).
            FirstSignIn(chrome, url, "zuzhang", chairPassword, "组长的新密码-2024", "/round");
            var progress = chrome.Until(d => d.FindElement(By.CssSelector($"#applications-progress tr[data-source='{Application}']")), "the application's progress");
            Assert.Contains(total.ToString("0.##", CultureInfo.InvariantCulture), progress.Text);
            chrome.Go(url, "round/rankings");
            var ranked = chrome.Until(d => d.FindElement(By.CssSelector($"tr[data-source='{Application}'] td.trimmed")), "the rankings");
            Assert.Equal(total.ToString("0.##", CultureInfo.InvariantCulture), ranked.Text);
            Assert.Empty(site.Errors);
        }
        finally
        {
            chrome.Dispose();
        }
        Assert.Empty(chrome.Survivors());
    }

    private static void FirstSignIn(ChromeSession chrome, Uri site, string name, string oneTimePassword, string password, string landing)
    {
        chrome.Go(site, "login");
        chrome.Until(d => d.FindElement(By.Id("login-form")), "the sign-in page");
        chrome.Type("name", name);
        chrome.Type("password", oneTimePassword);
        chrome.Submit("login", d => d.Url.EndsWith("/password", StringComparison.Ordinal), "the forced password change");
        Assert.NotNull(chrome.Driver.FindElement(By.Id("must-change")));
        chrome.Type("current", oneTimePassword);
        chrome.Type("new", password);
        chrome.Type("confirm", password);
        chrome.Submit("change-password", d => new Uri(d.Url).AbsolutePath == landing, "the landing page " + landing);
    }

    /// <returns>The one-time password the page shows once.</returns>
    private static string CreateAccount(ChromeSession chrome, Uri site, string role, string? expert, string name)
    {
        chrome.Go(site, "accounts");
        chrome.Until(d => d.FindElement(By.Id("add-account-form")), "the accounts page");
        chrome.Driver.FindElement(By.CssSelector($"#account-role option[value='{role}']")).Click();
        if (expert is not null) chrome.Driver.FindElement(By.CssSelector($"#account-expert option[value='{expert}']")).Click();
        chrome.Type("account-name", name);
        chrome.Submit("add-account", d => d.FindElements(By.Id("one-time-password")).Count == 1, "the one-time password");
        Assert.Equal(name, chrome.Driver.FindElement(By.Id("issued-name")).Text);
        return chrome.Driver.FindElement(By.Id("one-time-password")).Text.Trim();
    }

    private static void SignOut(ChromeSession chrome) =>
        chrome.Submit("logout", d => new Uri(d.Url).AbsolutePath == "/login", "the sign-in page after signing out");

    private void Screenshot(ChromeSession chrome, string name)
    {
        var directory = Path.Combine(AppContext.BaseDirectory, "artifacts", "browser");
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, name);
        chrome.Driver.GetScreenshot().SaveAsFile(path);
        output.WriteLine($"screenshot: {path}");
    }
}
