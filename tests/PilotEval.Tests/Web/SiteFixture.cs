using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Mediator;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PilotEval.Panel;
using PilotEval.Panel.Store;
using PilotEval.Publishing;
using PilotEval.Tests.Panel;
using PilotEval.Tests.Support;

namespace PilotEval.Tests.Web;

/// <summary>
/// The panel site over HTTP, in-process (<see cref="WebApplicationFactory{TEntryPoint}"/>), on a store holding the
/// panel tests' round (<see cref="PanelFixture"/>: talent and risk tracks, seven experts, each conflict rule once),
/// every expert assigned to every non-conflicted application of their tracks, and one application
/// (<c>talent-youyuan.pdf</c>'s place taken by a real .docx, <see cref="DocumentSource"/>) with the machine's quotes
/// pointing into its text. The clock is a <see cref="TestClock"/> the tests move, so expiry and lockout never race
/// the real one.
/// </summary>
public sealed class SiteFixture : IAsyncDisposable
{
    /// <summary>A talent application 张伟 and 李娜 are both assigned (no conflict for either).</summary>
    public const string Shared = "talent-xingqiao.docx";

    /// <summary>The application whose file exists on disk, with two quotes in its text.</summary>
    public const string DocumentSource = "talent-mingde.docx";

    public const string QuoteOne = "已累计培养数据安全专业人才1200人次";
    public const string QuoteTwo = "与北京邮电大学共建实训基地3个";

    public const string Password = "Correct-horse-42";

    private readonly Factory _factory;

    private SiteFixture(PanelFixture.Store store, Dictionary<string, string> settings)
    {
        Store = store;
        _factory = new Factory(store.Db, Clock, settings);
    }

    public PanelFixture.Store Store { get; }
    public TestClock Clock { get; } = new(new DateTimeOffset(2024, 11, 25, 9, 0, 0, TimeSpan.FromHours(8)));
    public string Db => Store.Db;
    public IMediator Mediator => Store.Mediator;

    public static async Task<SiteFixture> CreateAsync(string provider = "sqlite", Dictionary<string, string>? settings = null)
    {
        var store = await PanelFixture.Store.CreateAsync(provider);
        var submissions = Directory.CreateDirectory(store.Dir.File("submissions")).FullName;
        var docx = Path.Combine(submissions, DocumentSource);
        new DocxFixture()
            .Paragraph("北京明德安全培训有限公司 数据安全人才培养项目申报书")
            .Paragraph($"项目实施以来，{QuoteOne}，覆盖金融、电信等行业。")
            .Paragraph($"我们{QuoteTwo}，形成<课程>与实训并重的体系。")
            .Save(docx);
        var results = store.Dir.File("results.json");
        await File.WriteAllTextAsync(results, ResultsWithDocument(submissions, await PilotEval.Store.ContentHash.OfFileAsync(docx, CancellationToken.None)));
        await store.Mediator.Send(new OpenRound.Command(store.Db, results, "秘书处", new DateOnly(2024, 11, 20)));
        await File.WriteAllTextAsync(store.Dir.File("experts.csv"), PanelFixture.ExpertsCsv);
        await store.Mediator.Send(new ImportExperts.Command(store.Db, store.Dir.File("experts.csv"), "秘书处"));
        await store.Mediator.Send(new AssignExperts.Command(store.Db, "秘书处", null));
        return new SiteFixture(store, settings ?? []);
    }

    /// <summary>The fixture's run with <c>talent-mingde.pdf</c> as a .docx on disk, a run record naming where it is, and quotes into it.</summary>
    private static string ResultsWithDocument(string submissions, string sha256)
    {
        var node = JsonNode.Parse(PanelFixture.ResultsJson())!;
        foreach (var s in node["submissions"]!.AsArray().Concat(node["shortlists"]!.AsArray().SelectMany(t => t!["entries"]!.AsArray())))
            if ((string?)s!["source"] == "talent-mingde.pdf") s["source"] = DocumentSource;
        var submission = node["submissions"]!.AsArray().Single(s => (string?)s!["source"] == DocumentSource)!;
        submission["files"] = new JsonArray(DocumentSource);
        var criteria = submission["criteria"]!.AsArray();
        criteria[0]!["evidence"] = new JsonArray(Quote(QuoteOne, 2));
        criteria[1]!["evidence"] = new JsonArray(Quote(QuoteTwo, 3), Quote(QuoteOne, 2));
        node["run"] = new JsonObject
        {
            ["submissionsDirectory"] = submissions,
            ["submissions"] = new JsonArray(new JsonObject { ["file"] = DocumentSource, ["sha256"] = sha256 }),
        };
        return node.ToJsonString(JsonOutput.Options);
    }

    private static JsonObject Quote(string text, int paragraph) => new()
    {
        ["quote"] = text, ["file"] = DocumentSource, ["page"] = null, ["paragraph"] = paragraph,
    };

    /// <summary>A browser of its own: cookies kept, redirects not followed (the tests assert them).</summary>
    public SiteClient Client() => new(_factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true }));

    /// <summary>Creates an account through the slice (as <c>panel account add</c> does), then signs in and sets <see cref="Password"/>.</summary>
    public async Task<SiteClient> SignedInAsync(string role, string name, string? expert = null)
    {
        var account = await Mediator.Send(new AddAccount.Command(Db, name, role, expert, "秘书处"));
        var client = Client();
        var login = await client.SignInAsync(name, account.OneTimePassword);
        Assert.Equal(HttpStatusCode.Redirect, login.Status);
        var change = await client.PostAsync("/password", new() { ["Current"] = account.OneTimePassword, ["New"] = Password, ["Confirm"] = Password });
        Assert.Equal(HttpStatusCode.Redirect, change.Status);
        return client;
    }

    public Task<SiteClient> ExpertAsync(string expert) => SignedInAsync(AccountRoles.Expert, expert, expert);

    public async Task<List<AuditRow>> AuditAsync() => await Store.ReadAsync(c => c.Audit.AsNoTracking().OrderBy(a => a.Id).ToListAsync());

    public async ValueTask DisposeAsync()
    {
        await _factory.DisposeAsync();
        await Store.DisposeAsync();
    }

    private sealed class Factory(string db, TestClock clock, Dictionary<string, string> settings) : WebApplicationFactory<PilotEval.Web.Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseSetting("Serve:Db", db);
            builder.UseSetting("Serve:Rubrics", RepoPaths.Rubrics);
            foreach (var (key, value) in settings) builder.UseSetting(key, value);
            builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(clock));
        }
    }
}

/// <summary>A clock the test moves by hand.</summary>
public sealed class TestClock(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset _now = start;

    public override DateTimeOffset GetUtcNow() => _now.ToUniversalTime();

    public void Advance(TimeSpan by) => _now += by;
}

/// <summary>One browser's session: GETs, and POSTs of forms with the antiforgery token read from the page, as a browser sends it.</summary>
public sealed partial class SiteClient(HttpClient http) : IDisposable
{
    public sealed record Response(HttpStatusCode Status, string Html, string? Location);

    public HttpClient Http => http;

    public async Task<Response> GetAsync(string path)
    {
        using var response = await http.GetAsync(path);
        return new Response(response.StatusCode, await response.Content.ReadAsStringAsync(), response.Headers.Location?.OriginalString);
    }

    /// <summary>POSTs <paramref name="fields"/> with the token of the form page (<paramref name="formPage"/>, default the same path).</summary>
    public async Task<Response> PostAsync(string path, Dictionary<string, string> fields, string? formPage = null, bool withToken = true)
    {
        var form = new List<KeyValuePair<string, string>>(fields);
        if (withToken)
        {
            var page = await GetAsync(formPage ?? path);
            form.Add(new("__RequestVerificationToken", Token(page.Html)));
        }
        using var response = await http.PostAsync(path, new FormUrlEncodedContent(form));
        return new Response(response.StatusCode, await response.Content.ReadAsStringAsync(), response.Headers.Location?.OriginalString);
    }

    public Task<Response> SignInAsync(string name, string password) =>
        PostAsync("/login", new() { ["Name"] = name, ["Password"] = password });

    public static string Token(string html)
    {
        var match = TokenField().Match(html);
        Assert.True(match.Success, "the page has no antiforgery token");
        return WebUtility.HtmlDecode(match.Groups[1].Value);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenField();

    public void Dispose() => http.Dispose();
}
