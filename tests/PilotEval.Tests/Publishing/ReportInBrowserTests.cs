using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using PilotEval.Tests.Support;
using Xunit.Abstractions;

namespace PilotEval.Tests.Publishing;

/// <summary>
/// report.html in a real headless chromium: the page renders, a table sorts on a header click, the filter hides
/// rows, and Chinese text is drawn with real glyphs (two different characters render differently; missing-glyph
/// boxes would be identical). The page and a small harness page that drives it are served from a loopback
/// listener the test owns, so the harness may script the report in an iframe of the same origin.
/// </summary>
[Collection(ReportRunCollection.Name)]
public sealed class ReportInBrowserTests(ReportRunFixture run, ITestOutputHelper output)
{
    private const string Harness = """
        <!DOCTYPE html><html><head><meta charset="utf-8"></head><body>
        <pre id="result">pending</pre>
        <iframe id="report" src="report.html" style="width:1200px;height:900px"></iframe>
        <script>
        document.getElementById('report').addEventListener('load', function () {
          var out = {};
          try {
            var win = this.contentWindow, doc = this.contentDocument;
            var table = doc.getElementById('table-talent');
            var head = table.tHead.rows[0].cells;
            var headers = Array.prototype.map.call(head, function (c) { return c.textContent.replace(/[⇅▲▼]/g, '').trim(); });
            function column(name) {
              var i = headers.indexOf(name);
              return Array.prototype.map.call(table.tBodies[0].rows, function (r) { return r.cells[i].textContent.trim(); });
            }
            out.title = doc.title;
            out.headers = headers;
            out.initial = column('申报单位');
            head[headers.indexOf('得分')].click();
            out.scoreAscending = column('得分');
            out.ariaSort = head[headers.indexOf('得分')].getAttribute('aria-sort');
            head[headers.indexOf('得分')].click();
            out.scoreDescending = column('得分');
            head[headers.indexOf('申报单位')].click();
            out.byEnterprise = column('申报单位');
            var filter = doc.querySelector('input[data-table="table-talent"]');
            filter.value = '明远';
            filter.dispatchEvent(new win.Event('input'));
            out.visibleAfterFilter = Array.prototype.filter.call(table.tBodies[0].rows, function (r) { return r.offsetParent !== null; })
              .map(function (r) { return r.cells[headers.indexOf('申报单位')].textContent.trim(); });
            var font = win.getComputedStyle(doc.body).fontFamily;
            function ink(text) {
              var canvas = doc.createElement('canvas'); canvas.width = 64; canvas.height = 64;
              var g = canvas.getContext('2d'); g.font = '48px ' + font; g.textBaseline = 'top'; g.fillStyle = '#000';
              g.fillText(text, 4, 4);
              var data = g.getImageData(0, 0, 64, 64).data, bits = [];
              for (var i = 3; i < data.length; i += 4) bits.push(data[i] > 127 ? 1 : 0);
              return bits.join('');
            }
            out.inked = ink('评').indexOf('1') >= 0;
            out.distinctGlyphs = ink('评') !== ink('审');
            out.notAMissingGlyphBox = ink('评') !== ink('\u0378');
          } catch (e) { out.error = String(e); }
          document.getElementById('result').textContent = JSON.stringify(out);
        });
        </script></body></html>
        """;

    [BrowserFact]
    public async Task The_report_renders_sorts_filters_and_draws_chinese_glyphs()
    {
        await using var server = new LoopbackServer(new Dictionary<string, byte[]>
        {
            ["/report.html"] = await File.ReadAllBytesAsync(Path.Combine(run.Out, "report.html")),
            ["/harness.html"] = Encoding.UTF8.GetBytes(Harness),
        });
        using var profile = new TempDirectory();

        var (exit, dom, error) = await ExternalTools.RunAsync(ExternalTools.Chromium!,
            [.. ChromiumFlags(profile.Path), "--virtual-time-budget=10000", "--dump-dom", server.Url("harness.html")], TimeSpan.FromMinutes(10));

        Assert.True(exit == 0, $"chromium exited {exit}: {error}");
        var json = WebUtility.HtmlDecode(Regex.Match(dom, "<pre id=\"result\">(.*?)</pre>", RegexOptions.Singleline).Groups[1].Value);
        output.WriteLine(json);
        using var result = JsonDocument.Parse(json);
        var r = result.RootElement;
        Assert.False(r.TryGetProperty("error", out var failure), failure.ToString());
        string[] Strings(string name) => [.. r.GetProperty(name).EnumerateArray().Select(e => e.GetString()!)];

        Assert.Equal("数据安全管理和应用试点示范 · 评审报告", r.GetProperty("title").GetString());
        Assert.Equal(["北京华翎数智教育科技有限公司", "北京明远信息技术有限公司"], Strings("initial"));
        // The strong fixture's score as results.json states it: the page must sort what the run computed.
        using var results = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(run.Out, "results.json")));
        var strong = results.RootElement.GetProperty("submissions").EnumerateArray()
            .Single(s => s.GetProperty("enterprise").GetString() == "北京华翎数智教育科技有限公司" && s.GetProperty("track").GetString() == "talent")
            .GetProperty("score").GetDouble().ToString("0.0", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(["0.0", strong], Strings("scoreAscending"));
        Assert.Equal("ascending", r.GetProperty("ariaSort").GetString());
        Assert.Equal([strong, "0.0"], Strings("scoreDescending"));
        Assert.Equal(["北京华翎数智教育科技有限公司", "北京明远信息技术有限公司"], Strings("byEnterprise"));
        Assert.Equal(["北京明远信息技术有限公司"], Strings("visibleAfterFilter"));
        Assert.True(r.GetProperty("inked").GetBoolean(), "a Chinese character left no ink");
        Assert.True(r.GetProperty("distinctGlyphs").GetBoolean(), "two Chinese characters rendered identically: missing-glyph boxes (install fonts-noto-cjk)");
        Assert.True(r.GetProperty("notAMissingGlyphBox").GetBoolean(), "a Chinese character rendered as the missing-glyph box");
        Assert.Equal(2, server.Requests.Count(p => p is "/report.html" or "/harness.html"));
        Assert.DoesNotContain(server.Requests, p => p is not ("/report.html" or "/harness.html" or "/favicon.ico"));
    }

    [BrowserFact]
    public async Task A_screenshot_of_the_report_is_taken()
    {
        await using var server = new LoopbackServer(new Dictionary<string, byte[]>
        {
            ["/report.html"] = await File.ReadAllBytesAsync(Path.Combine(run.Out, "report.html")),
        });
        using var profile = new TempDirectory();
        var png = Path.Combine(AppContext.BaseDirectory, "report-screenshot.png");
        File.Delete(png);

        var (exit, _, error) = await ExternalTools.RunAsync(ExternalTools.Chromium!,
            [.. ChromiumFlags(profile.Path), "--window-size=1200,1600", "--screenshot=" + png, server.Url("report.html")], TimeSpan.FromMinutes(10));

        Assert.True(exit == 0, $"chromium exited {exit}: {error}");
        var bytes = await File.ReadAllBytesAsync(png);
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], bytes[..4]);
        Assert.True(bytes.Length > 20_000, $"screenshot is only {bytes.Length} bytes: a blank page?");
        output.WriteLine("screenshot: " + png);
    }

    [PrintedTextFact]
    public async Task Printing_starts_each_application_on_a_page_of_its_own()
    {
        await using var server = new LoopbackServer(new Dictionary<string, byte[]>
        {
            ["/report.html"] = await File.ReadAllBytesAsync(Path.Combine(run.Out, "report.html")),
        });
        using var profile = new TempDirectory();
        var pdf = profile.File("report.pdf");

        var (exit, _, error) = await ExternalTools.RunAsync(ExternalTools.Chromium!,
            [.. ChromiumFlags(profile.Path), "--no-pdf-header-footer", "--print-to-pdf=" + pdf, server.Url("report.html")], TimeSpan.FromMinutes(10));
        Assert.True(exit == 0, $"chromium exited {exit}: {error}");
        var (_, text, _) = await ExternalTools.RunAsync(ExternalTools.PdfToText!, [pdf, "-"], TimeSpan.FromMinutes(5));

        // A page's first line; the details section's heading shares its page with the first application.
        var firstLines = text.Split('\f')
            .Select(page => page.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).SkipWhile(l => l == "申报详情").FirstOrDefault() ?? "")
            .ToList();
        output.WriteLine(string.Join("\n", firstLines));
        foreach (var s in run.Results.Submissions)
        {
            Assert.Contains(s.Project ?? s.Source, firstLines);
        }
        Assert.DoesNotContain(firstLines, l => l.Contains("筛选"));
    }

    private static IEnumerable<string> ChromiumFlags(string profile) =>
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run", "--hide-scrollbars", "--user-data-dir=" + profile,
    ];

    /// <summary>Serves fixed pages on 127.0.0.1 and records every path asked for (so the test sees any external fetch attempt).</summary>
    private sealed class LoopbackServer : IAsyncDisposable
    {
        private readonly HttpListener _listener = new();
        private readonly Task _loop;
        private readonly int _port;

        public List<string> Requests { get; } = [];

        public LoopbackServer(IReadOnlyDictionary<string, byte[]> pages)
        {
            var probe = new TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            _port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
            _listener.Prefixes.Add($"http://127.0.0.1:{_port}/");
            _listener.Start();
            _loop = Task.Run(async () =>
            {
                while (_listener.IsListening)
                {
                    HttpListenerContext context;
                    try { context = await _listener.GetContextAsync(); }
                    catch (Exception e) when (e is HttpListenerException or ObjectDisposedException) { return; }
                    var path = context.Request.Url!.AbsolutePath;
                    lock (Requests) Requests.Add(path);
                    if (pages.TryGetValue(path, out var body))
                    {
                        context.Response.ContentType = "text/html; charset=utf-8";
                        await context.Response.OutputStream.WriteAsync(body);
                    }
                    else
                    {
                        context.Response.StatusCode = 404;
                    }
                    context.Response.Close();
                }
            });
        }

        public string Url(string page) => $"http://127.0.0.1:{_port}/{page}";

        public async ValueTask DisposeAsync()
        {
            _listener.Stop();
            _listener.Close();
            await _loop;
        }
    }
}
