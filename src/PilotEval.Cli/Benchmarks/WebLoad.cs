using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Mediator;
using Microsoft.EntityFrameworkCore;
using PilotEval.Panel;
using PilotEval.Panel.Store;
using PilotEval.Publishing;
using R = PilotEval.Publishing.ResultsDocument;

namespace PilotEval.Cli.Benchmarks;

/// <summary>
/// Experts scoring at once in the browser, as HTTP: a round of N applications in two tracks, E experts (one of them
/// conflicted on one application) assigned by the panel's own rule (<see cref="AssignExperts"/>, k per application),
/// an account each with its one-time password. Each expert, in its own task with its own cookies, signs in, changes
/// the password, reads its list, and for every application on it opens the page, saves a draft and submits the
/// final scores, each form with the antiforgery token of the page it came from — what a browser sends. The test
/// (correctness: nothing lost, nothing refused) and <c>piloteval panel bench-web</c> (latency) run this same load.
/// </summary>
public static partial class WebLoad
{
    public sealed record Options(int Experts = 9, int Applications = 100, int PerApplication = 5);

    public sealed record Account(string Expert, string Name, string OneTimePassword);

    /// <param name="Assigned">Per expert, the applications the store assigned to it.</param>
    /// <param name="Conflict">An (expert, application) pair conflicted by the experts file: the expert must never reach it.</param>
    public sealed record Round(string Db, ImmutableArray<Account> Accounts, ImmutableDictionary<string, ImmutableHashSet<string>> Assigned,
        (string Expert, string Source) Conflict);

    /// <summary>One score as it must be in the store at the end.</summary>
    public sealed record Expected(string Expert, string Source, string Criterion, double Value, string Comment);

    /// <param name="Action">save (draft) or submit.</param>
    public sealed record Save(string Expert, string Source, string Action, TimeSpan Elapsed);

    /// <param name="Listed">Per expert, the applications its own page listed.</param>
    /// <param name="Problems">Every answer that was not what a browser expects (a refusal, a 500, a missing token), in words.</param>
    public sealed record Outcome(ImmutableArray<Save> Saves, ImmutableArray<Expected> Expected, ImmutableDictionary<string, ImmutableHashSet<string>> Listed,
        ImmutableArray<string> Problems);

    public const string NewPasswordPrefix = "评审口令-";

    private static readonly (string Track, string Name, (string Id, string Name, double Weight)[] Criteria)[] Tracks =
    [
        ("talent", "人才培养", [("system", "培养体系", 20), ("faculty", "师资队伍", 20), ("scale", "规模与质量", 25), ("industry", "产教融合", 20), ("effect", "应用成效", 15)]),
        ("risk-assessment", "风险评估", [("method", "方法合规", 25), ("depth", "覆盖深度", 20), ("tools", "工具与平台", 20), ("closure", "整改闭环", 20), ("effect", "应用成效", 15)]),
    ];

    private static readonly string[] Surnames = ["张", "李", "王", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙"];
    private static readonly string[] Given = ["伟", "娜", "芳", "洋", "静", "磊", "敏", "军", "丽", "强", "霞", "勇"];

    /// <summary>Opens the round in a new store under <paramref name="directory"/>, imports experts, assigns, creates accounts.</summary>
    public static async Task<Round> OpenAsync(IMediator mediator, string directory, Options options, CancellationToken cancellationToken)
    {
        if (options.Experts < 2 || options.Applications < 2 || options.PerApplication < 1)
            throw new ArgumentException("at least 2 experts, 2 applications and 1 expert per application");
        Directory.CreateDirectory(directory);
        var db = Path.Combine(directory, "panel.db");
        var results = Path.Combine(directory, "results.json");
        await File.WriteAllTextAsync(results, ResultsJson(options.Applications), cancellationToken);
        await mediator.Send(new OpenRound.Command(db, results, "秘书处", new DateOnly(2024, 11, 20)), cancellationToken);

        var experts = Enumerable.Range(0, options.Experts).Select(ExpertName).ToList();
        // The first expert works for the first applicant: a conflict the assignment must respect.
        var conflict = (Expert: experts[0], Source: Source(1));
        var csv = new StringBuilder("name,organisation,tracks,former_employers,relations,credit_code\n");
        for (var i = 0; i < experts.Count; i++)
            csv.Append(CultureInfo.InvariantCulture, $"{experts[i]},{(i == 0 ? Enterprise(1) : $"第{i + 1}评审研究院")},talent;risk-assessment,,,\n");
        var expertsFile = Path.Combine(directory, "experts.csv");
        await File.WriteAllTextAsync(expertsFile, csv.ToString(), cancellationToken);
        await mediator.Send(new ImportExperts.Command(db, expertsFile, "秘书处"), cancellationToken);
        var assignment = await mediator.Send(new AssignExperts.Command(db, "秘书处", options.PerApplication), cancellationToken);

        var accounts = new List<Account>();
        foreach (var expert in experts)
        {
            var name = "expert" + (accounts.Count + 1).ToString("00", CultureInfo.InvariantCulture);
            var added = await mediator.Send(new AddAccount.Command(db, name, AccountRoles.Expert, expert, "秘书处"), cancellationToken);
            accounts.Add(new Account(expert, name, added.OneTimePassword));
        }
        var assigned = experts.ToImmutableDictionary(e => e,
            e => assignment.Assignments.Where(a => a.Expert == e).Select(a => a.Source).ToImmutableHashSet(StringComparer.Ordinal), StringComparer.Ordinal);
        return new Round(db, [.. accounts], assigned, conflict);
    }

    /// <summary>Every expert at once, each through its own cookies, over real HTTP to <paramref name="site"/>.</summary>
    public static async Task<Outcome> RunAsync(Uri site, Round round, CancellationToken cancellationToken)
    {
        var saves = new ConcurrentQueue<Save>();
        var expected = new ConcurrentQueue<Expected>();
        var problems = new ConcurrentQueue<string>();
        var listed = new ConcurrentDictionary<string, ImmutableHashSet<string>>(StringComparer.Ordinal);
        // Everyone starts together, so the saves overlap from the first one.
        using var start = new SemaphoreSlim(0, round.Accounts.Length);
        var experts = round.Accounts.Select((account, index) => Task.Run(async () =>
        {
            try
            {
                await ExpertAsync(site, account, index, round, start, saves, expected, problems, listed, cancellationToken);
            }
            catch (Exception ex) when (ex is HttpRequestException or InvalidOperationException or TaskCanceledException)
            {
                problems.Enqueue($"{account.Expert}: {ex.GetType().Name}: {ex.Message}");
            }
        }, cancellationToken)).ToList();
        start.Release(round.Accounts.Length);
        await Task.WhenAll(experts);
        return new Outcome([.. saves], [.. expected], listed.ToImmutableDictionary(StringComparer.Ordinal), [.. problems]);
    }

    /// <summary>Every expected score read back from the store: what is missing or differs, in words; empty when nothing was lost.</summary>
    public static async Task<ImmutableArray<string>> LostWritesAsync(string db, IEnumerable<Expected> expected, CancellationToken cancellationToken)
    {
        await using var context = await PanelStore.OpenAsync(db, create: false, cancellationToken);
        var stored = (await context.Scores.AsNoTracking().ToListAsync(cancellationToken))
            .ToDictionary(s => (s.Expert, s.Source, s.Criterion));
        var lost = new List<string>();
        foreach (var e in expected)
        {
            if (!stored.TryGetValue((e.Expert, e.Source, e.Criterion), out var row)) lost.Add($"{e.Expert} × {e.Source} × {e.Criterion}: not in the store");
            else if (row.Value != e.Value || row.Comment != e.Comment || row.Status != ScoreStatus.Submitted)
                lost.Add(string.Create(CultureInfo.InvariantCulture, $"{e.Expert} × {e.Source} × {e.Criterion}: stored {row.Value} 「{row.Comment}」 {row.Status}, sent {e.Value} 「{e.Comment}」 submitted"));
        }
        return [.. lost];
    }

    /// <summary>Nearest-rank percentile of the save latencies.</summary>
    public static TimeSpan Percentile(IReadOnlyList<TimeSpan> sorted, double p) =>
        sorted.Count == 0 ? TimeSpan.Zero : sorted[Math.Clamp((int)Math.Ceiling(p / 100 * sorted.Count) - 1, 0, sorted.Count - 1)];

    private static async Task ExpertAsync(Uri site, Account account, int index, Round round, SemaphoreSlim start,
        ConcurrentQueue<Save> saves, ConcurrentQueue<Expected> expected, ConcurrentQueue<string> problems,
        ConcurrentDictionary<string, ImmutableHashSet<string>> listed, CancellationToken cancellationToken)
    {
        // Redirects are not followed: a save answers 303/302 to the page with ?saved=…, and that answer is the proof.
        using var handler = new SocketsHttpHandler { CookieContainer = new CookieContainer(), UseCookies = true, AllowAutoRedirect = false };
        using var http = new HttpClient(handler) { BaseAddress = site, Timeout = TimeSpan.FromMinutes(5) };
        await start.WaitAsync(cancellationToken);

        var login = await GetPageAsync(http, "login", cancellationToken);
        var signedIn = await PostAsync(http, "login", login.Token, [("Name", account.Name), ("Password", account.OneTimePassword)], cancellationToken);
        if (!Redirected(signedIn, "/password")) { problems.Enqueue($"{account.Expert}: sign-in answered {Describe(signedIn)}"); return; }
        var passwordPage = await GetPageAsync(http, "password", cancellationToken);
        var password = NewPasswordPrefix + account.Name + "-2024";
        var changed = await PostAsync(http, "password", passwordPage.Token, [("Current", account.OneTimePassword), ("New", password), ("Confirm", password)], cancellationToken);
        if (!Redirected(changed, "/")) { problems.Enqueue($"{account.Expert}: password change answered {Describe(changed)}"); return; }

        var list = await GetPageAsync(http, "expert", cancellationToken);
        var sources = SourceAttribute().Matches(list.Html).Select(m => WebUtility.HtmlDecode(m.Groups[1].Value)).ToList();
        listed[account.Expert] = [.. sources];
        if (account.Expert == round.Conflict.Expert)
        {
            using var probe = await http.GetAsync("expert/applications/" + Uri.EscapeDataString(round.Conflict.Source), cancellationToken);
            if (probe.StatusCode != HttpStatusCode.NotFound) problems.Enqueue($"{account.Expert}: the conflicted {round.Conflict.Source} answered {(int)probe.StatusCode}, not 404");
        }

        foreach (var (source, s) in sources.Select((x, i) => (x, i)))
        {
            var path = "expert/applications/" + Uri.EscapeDataString(source);
            var page = await GetPageAsync(http, path, cancellationToken);
            var criteria = CriterionField().Matches(page.Html).Select(m => WebUtility.HtmlDecode(m.Groups[1].Value)).Distinct().ToList();
            if (criteria.Count == 0) { problems.Enqueue($"{account.Expert} × {source}: the page has no score fields"); continue; }
            var weights = criteria.ToDictionary(c => c, c => Weight(page.Html, c));

            // A draft first (half the criteria), then the final scores: the last value sent is the one that must stay.
            var draft = criteria.Take((criteria.Count + 1) / 2)
                .SelectMany(c => new[] { ("score-" + c, Points(weights[c] / 2)), ("comment-" + c, $"{account.Expert}初评：{c}") })
                .Append(("action", "save")).ToList();
            await TimedSaveAsync(http, path, page.Token, draft, account.Expert, source, "save", saves, problems, cancellationToken);

            var reloaded = await GetPageAsync(http, path, cancellationToken);
            var final = criteria.Select((c, k) => new Expected(account.Expert, source, c, Value(weights[c], index, s, k),
                $"{account.Expert}终评{source}：{c} 依据原文第{k + 1}处证据")).ToList();
            var fields = final.SelectMany(e => new[] { ("score-" + e.Criterion, Points(e.Value)), ("comment-" + e.Criterion, e.Comment) })
                .Append(("action", "submit")).ToList();
            if (await TimedSaveAsync(http, path, reloaded.Token, fields, account.Expert, source, "submit", saves, problems, cancellationToken))
                foreach (var e in final) expected.Enqueue(e);
        }
    }

    private static async Task<bool> TimedSaveAsync(HttpClient http, string path, string token, List<(string, string)> fields, string expert, string source,
        string action, ConcurrentQueue<Save> saves, ConcurrentQueue<string> problems, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        using var response = await PostAsync(http, path, token, fields, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        clock.Stop();
        var wanted = action == "submit" ? "saved=submitted" : "saved=draft";
        if (!Redirected(response, null) || response.Headers.Location?.OriginalString.Contains(wanted, StringComparison.Ordinal) != true)
        {
            problems.Enqueue($"{expert} × {source} {action}: answered {Describe(response)} {Excerpt(body)}");
            return false;
        }
        saves.Enqueue(new Save(expert, source, action, clock.Elapsed));
        return true;
    }

    private sealed record Page(string Html, string Token);

    private static async Task<Page> GetPageAsync(HttpClient http, string path, CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync(path, cancellationToken);
        var html = await response.Content.ReadAsStringAsync(cancellationToken);
        if (response.StatusCode != HttpStatusCode.OK) throw new InvalidOperationException($"GET /{path} answered {(int)response.StatusCode} {Excerpt(html)}");
        var token = TokenField().Match(html);
        if (!token.Success) throw new InvalidOperationException($"GET /{path}: no antiforgery token in the page");
        return new Page(html, WebUtility.HtmlDecode(token.Groups[1].Value));
    }

    private static Task<HttpResponseMessage> PostAsync(HttpClient http, string path, string token, IEnumerable<(string Name, string Value)> fields, CancellationToken cancellationToken) =>
        http.PostAsync(path, new FormUrlEncodedContent([.. fields.Select(f => KeyValuePair.Create(f.Name, f.Value)), KeyValuePair.Create("__RequestVerificationToken", token)]), cancellationToken);

    private static bool Redirected(HttpResponseMessage response, string? to) =>
        (int)response.StatusCode is 301 or 302 or 303 && (to is null || response.Headers.Location?.OriginalString == to);

    private static string Describe(HttpResponseMessage response) =>
        $"{(int)response.StatusCode}{(response.Headers.Location is { } l ? " → " + l : "")}";

    private static string Excerpt(string html) =>
        string.Join(" ", ErrorParagraph().Matches(html).Select(m => WebUtility.HtmlDecode(m.Groups[1].Value))) is { Length: > 0 } errors ? errors : html.Length > 300 ? html[..300] : html;

    /// <summary>The field's maximum, as the page states it (the server checks it again).</summary>
    private static double Weight(string html, string criterion)
    {
        var match = Regex.Match(html, $"id=\"score-{Regex.Escape(criterion)}\"[^>]*max=\"([0-9.]+)\"");
        return match.Success ? double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) : 10;
    }

    /// <summary>A final score that differs by expert, application and criterion, on the half-point grid, within 0…weight.</summary>
    private static double Value(double weight, int expert, int source, int criterion) =>
        Math.Floor(weight * (0.35 + 0.06 * ((expert * 7 + source * 3 + criterion * 5) % 11)) * 2) / 2;

    private static string Points(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    private static string ExpertName(int i) => Surnames[i % Surnames.Length] + Given[(i * 5 + 1) % Given.Length] + (i >= Surnames.Length ? (i / Surnames.Length + 1).ToString(CultureInfo.InvariantCulture) : "");

    private static string Source(int i) => $"{Tracks[i % 2].Track}-{i:000}.docx";

    private static string Enterprise(int i) => $"北京第{i}数据安全技术有限公司";

    /// <summary>A run's results.json for N applications, alternating tracks, every one shortlisted.</summary>
    public static string ResultsJson(int applications)
    {
        var submissions = new List<R.SubmissionResult>();
        for (var i = 1; i <= applications; i++)
        {
            var (track, _, criteria) = Tracks[i % 2];
            var score = 60 + (i * 37 % 40);
            submissions.Add(new R.SubmissionResult(Source(i), [Source(i)], "scored", track, "cover", Enterprise(i), $"数据安全试点项目{i}", true,
                [new("registered-in-beijing", "在北京注册", "passed", true, "注册地在北京", null)], [], score, null, 1.0,
                [.. criteria.Select(c => new R.CriterionItem(c.Id, c.Name, c.Weight, "B", c.Weight * score / 100, "rule", [], []))],
                null, []));
        }
        var shortlists = Tracks.Select(t => new R.ShortlistResult(t.Track, t.Name,
            [.. submissions.Where(s => s.Track == t.Track).OrderByDescending(s => s.Score).Select((s, r) => new R.ShortlistEntryItem(r + 1, s.Source, s.Score!.Value, 1, [], 5))]));
        var ranked = submissions.Select(s => s with { Rank = shortlists.SelectMany(l => l.Entries).Single(e => e.Source == s.Source).Rank }).ToImmutableArray();
        var document = new R(R.CurrentSchemaVersion,
            [.. Tracks.Select(t => new R.RubricRef(t.Track, t.Name, new string(t.Track[0], 64), t.Track + ".yaml"))],
            [.. ranked], [.. shortlists], []);
        return JsonSerializer.Serialize(document, JsonOutput.Options);
    }

    [GeneratedRegex("<input[^>]*name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex TokenField();

    [GeneratedRegex("""<tr data-source="([^"]+)">""")]
    private static partial Regex SourceAttribute();

    [GeneratedRegex("name=\"score-([^\"]+)\"")]
    private static partial Regex CriterionField();

    [GeneratedRegex("""<p class="error[^"]*"[^>]*>([^<]*)</p>""")]
    private static partial Regex ErrorParagraph();
}
