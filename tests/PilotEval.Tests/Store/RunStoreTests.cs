using System.Diagnostics;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using PilotEval.Pipeline;
using PilotEval.Ranking;
using PilotEval.Store;
using PilotEval.Tests.Support;

namespace PilotEval.Tests.Store;

/// <summary>
/// The store beside the output: a re-run reads nothing it read before (also under another name, in another folder),
/// a killed run resumes to the same results, the audit trail grows by runs, and one output directory serves one run
/// at a time. Waits are bounded by counting what the run wrote, never by the clock.
/// </summary>
public sealed class RunStoreTests
{
    private static readonly string[] Picked =
        ["talent-hualing-academy.docx", "talent-youyuan-center.pdf", "risk-haichen-port.pdf", "tech-lanjing-guard.docx", "incident-anlan-response.docx"];

    [Fact]
    public async Task A_second_run_reads_nothing_appends_its_own_audit_lines_and_writes_the_same_results_apart_from_the_run_block()
    {
        using var dir = new TempDirectory();
        var input = CopySamples(dir, "in");
        var outDir = Path.Combine(dir.Path, "out");

        var first = await EvaluateAsync(input, outDir);
        var auditAfterFirst = await File.ReadAllTextAsync(Path.Combine(outDir, "audit.jsonl"));
        var resultsAfterFirst = await File.ReadAllTextAsync(Path.Combine(outDir, "results.json"));
        // A missing report means the outputs do not stand: the run goes ahead in full, from the store.
        File.Delete(Path.Combine(outDir, "shortlist.md"));
        var second = await EvaluateAsync(input, outDir);
        var audit = await File.ReadAllTextAsync(Path.Combine(outDir, "audit.jsonl"));

        Assert.Equal((Picked.Length, 0), Reads(audit, first.Record!.Id));
        Assert.Equal((0, Picked.Length), Reads(audit, second.Record!.Id));
        Assert.Equal((0, Picked.Length), Submissions(audit, second.Record.Id));
        Assert.NotEqual(first.Record.Id, second.Record.Id);
        Assert.StartsWith(auditAfterFirst, audit, StringComparison.Ordinal);
        Assert.All(audit.Split('\n', StringSplitOptions.RemoveEmptyEntries),
            line => Assert.Contains(JsonNode.Parse(line)!["run"]!.GetValue<string>(), new[] { first.Record.Id, second.Record.Id }));
        Assert.Contains(audit.Split('\n'), l => l.Contains("\"scope\":\"run\"", StringComparison.Ordinal) && l.Contains("DetectDuplicates", StringComparison.Ordinal));
        Assert.Equal(WithoutRun(resultsAfterFirst), WithoutRun(await File.ReadAllTextAsync(Path.Combine(outDir, "results.json"))));
        Assert.True(File.Exists(Path.Combine(outDir, "shortlist.md")));
    }

    [Fact]
    public async Task Nothing_changed_writes_nothing_but_an_audit_line_and_any_change_of_input_or_output_runs_in_full()
    {
        using var dir = new TempDirectory();
        var input = Path.Combine(dir.Path, "in");
        Directory.CreateDirectory(input);
        foreach (var file in Picked.Where(f => f.EndsWith(".docx", StringComparison.Ordinal)).Take(2))
            File.Copy(Path.Combine(RepoPaths.Samples, file), Path.Combine(input, file));
        var rules = Path.Combine(dir.Path, "rules");
        CopyDirectory(RepoPaths.Rubrics, rules);
        var outDir = Path.Combine(dir.Path, "out");
        var cold = await RunAsync(input, outDir, rules);
        Assert.Null(cold.Standing);

        // The same input, the outputs as written: they stand, untouched, and the audit says whose they are.
        var before = Outputs(outDir);
        var same = await RunAsync(input, outDir, rules);
        Assert.Equal(cold.Run.Record!.Id, same.Standing?.Run);
        Assert.Empty(same.Run.Assessments);
        Assert.Equal(before, Outputs(outDir));
        var stands = AuditLines(outDir).Last();
        Assert.Equal(same.Run.Record!.Id, stands["run"]!.GetValue<string>());
        Assert.Equal(AuditStanding.StageName, stands["stage"]!.GetValue<string>());
        Assert.Equal(cold.Run.Record.Id, stands["stands"]!.GetValue<string>());
        Assert.Equal(before.Count, stands["outputsVerified"]!.GetValue<int>());
        Assert.Contains("results.json", before.Keys);
        Assert.Contains(before.Keys, k => k.StartsWith("feedback/", StringComparison.Ordinal));

        // An edited report, a deleted letter, another setting, a changed file, a changed rubric: each a full run,
        // after which the same input stands again.
        var edits = new (string What, Action Edit, ShortlistOptions? Options)[]
        {
            ("an edited report", () => File.AppendAllText(Path.Combine(outDir, "report.html"), "<!-- edited -->"), null),
            ("a deleted letter", () => File.Delete(Directory.EnumerateFiles(Path.Combine(outDir, "feedback")).First()), null),
            ("another option", () => { }, new ShortlistOptions { Quota = 1 }),
            ("a changed file", () => File.Copy(Path.Combine(RepoPaths.Samples, "tech-tuoyin-watermark.docx"),
                Path.Combine(input, Directory.EnumerateFiles(input).Order(StringComparer.Ordinal).Select(Path.GetFileName).First()!), overwrite: true), new ShortlistOptions { Quota = 1 }),
            ("a changed rubric", () => File.AppendAllText(Path.Combine(rules, "talent.yaml"), "\n# revised\n"), new ShortlistOptions { Quota = 1 }),
        };
        foreach (var (what, edit, options) in edits)
        {
            edit();
            var full = await RunAsync(input, outDir, rules, options);
            Assert.True(full.Standing is null, $"{what}: the outputs were taken to stand");
            Assert.NotEmpty(full.Run.Assessments);
            Assert.Equal("totals", AuditLines(outDir).Last()["stage"]!.GetValue<string>());
            var again = await RunAsync(input, outDir, rules, options);
            Assert.True(again.Standing?.Run == full.Run.Record!.Id, $"{what}: the same input after the full run did not stand");
        }
    }

    /// <summary>Every file under the output directory but the audit trail and the store, with its SHA-256 and last write time.</summary>
    private static Dictionary<string, (string Sha, DateTime Written)> Outputs(string outDir) =>
        Directory.EnumerateFiles(outDir, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(outDir, f).Replace('\\', '/'))
            .Where(f => f is not "audit.jsonl" && !f.StartsWith("store.db", StringComparison.Ordinal) && !f.StartsWith('.'))
            .ToDictionary(f => f, f => (Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(Path.Combine(outDir, f)))), File.GetLastWriteTimeUtc(Path.Combine(outDir, f))));

    private static List<JsonNode> AuditLines(string outDir) =>
        [.. File.ReadAllLines(Path.Combine(outDir, "audit.jsonl")).Where(l => l.Length > 0).Select(l => JsonNode.Parse(l)!)];

    private static async Task<EvaluateSubmissions.Result> RunAsync(string input, string outDir, string rubrics, ShortlistOptions? options = null)
    {
        using var provider = TestHost.Create();
        return await provider.Mediator().Send(new EvaluateSubmissions.Command(input, rubrics, outDir, Shortlist: options));
    }

    [Fact]
    public async Task Results_record_the_run_the_settings_and_the_hash_of_every_submission_and_rules_file()
    {
        using var dir = new TempDirectory();
        var input = CopySamples(dir, "in");
        var outDir = Path.Combine(dir.Path, "out");

        var run = await EvaluateAsync(input, outDir);

        var results = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(outDir, "results.json")))!;
        var record = results["run"]!;
        Assert.Equal(run.Record!.Id, record["id"]!.GetValue<string>());
        Assert.False(string.IsNullOrEmpty(record["version"]!.GetValue<string>()));
        Assert.True(record["startedAt"]!.GetValue<DateTimeOffset>() <= record["finishedAt"]!.GetValue<DateTimeOffset>());
        Assert.Equal(TestHost.BusyMachineReadingTimeout, record["settings"]!["reading"]!["timeout"]!.GetValue<string>());
        var files = record["submissions"]!.AsArray().ToDictionary(f => f!["file"]!.GetValue<string>(), f => f!["sha256"]!.GetValue<string>());
        Assert.Equal(Picked.Order(StringComparer.Ordinal), files.Keys);
        foreach (var (file, sha) in files)
            Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(Path.Combine(input, file)))), sha);
        var rules = record["rules"]!.AsArray().Select(f => f!["file"]!.GetValue<string>()).ToList();
        Assert.Contains("eligibility.yaml", rules);
        Assert.Contains("talent.yaml", rules);
    }

    [Fact]
    public async Task A_file_renamed_in_another_folder_is_not_read_again_and_is_cited_by_its_new_name()
    {
        using var dir = new TempDirectory();
        var first = CopySamples(dir, "first");
        var second = Path.Combine(dir.Path, "second");
        Directory.CreateDirectory(second);
        foreach (var file in Picked) File.Copy(Path.Combine(first, file), Path.Combine(second, "renamed-" + file));
        var store = Path.Combine(dir.Path, "shared.db");

        await EvaluateAsync(first, Path.Combine(dir.Path, "out1"), store);
        var run = await EvaluateAsync(second, Path.Combine(dir.Path, "out2"), store);

        Assert.Equal((0, Picked.Length), Reads(await File.ReadAllTextAsync(Path.Combine(dir.Path, "out2", "audit.jsonl")), run.Record!.Id));
        var quotes = run.Full().SelectMany(a => a.Scorecard?.Criteria ?? []).SelectMany(c => c.Evidence).ToList();
        Assert.NotEmpty(quotes);
        Assert.All(quotes, q => Assert.StartsWith("renamed-", q.Location.File, StringComparison.Ordinal));
        Assert.All(run.Full().SelectMany(a => a.Documents), d => Assert.StartsWith("renamed-", d.File, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_second_run_on_the_same_output_is_refused_with_exit_code_2_while_the_first_holds_it()
    {
        using var dir = new TempDirectory();
        var input = CopySamples(dir, "in");
        var outDir = Path.Combine(dir.Path, "out");

        using (RunLock.Acquire(outDir, "test-run"))
        {
            var refused = await CliProcess.RunAsync(dir.Path, "evaluate", input, "--out", outDir, "--rubrics", RepoPaths.Rubrics);
            Assert.Equal(2, refused.ExitCode);
            Assert.Contains("another PilotEval run is writing to", refused.Stderr, StringComparison.Ordinal);
            Assert.False(File.Exists(Path.Combine(outDir, "results.json")));
        }

        using var again = RunLock.Acquire(outDir, "after");
    }

    [Fact]
    public async Task A_run_killed_mid_batch_resumes_without_redoing_finished_submissions_and_writes_every_report_as_an_uninterrupted_run()
    {
        using var dir = new TempDirectory();
        // Every sample (22 submissions, one a folder): once two have finished, most of the batch is still to do.
        var input = Path.Combine(dir.Path, "in");
        CopyDirectory(RepoPaths.Samples, input);
        var whole = Path.Combine(dir.Path, "whole");
        var resumed = Path.Combine(dir.Path, "resumed");
        var total = SubmissionDiscovery.Find(input).Length;

        // Killed (SIGKILL, the whole tree) once two submissions have finished every stage: counted from the audit
        // trail the run appends to, never timed.
        var cli = Path.Combine(AppContext.BaseDirectory, "PilotEval.Cli.dll");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var a in new[] { cli, "evaluate", input, "--out", resumed, "--rubrics", RepoPaths.Rubrics }) start.ArgumentList.Add(a);
        // The reading limits are part of every key in the store: the same as the in-process runs below use.
        start.Environment["PILOTEVAL_Reading__Timeout"] = TestHost.BusyMachineReadingTimeout;
        using (var process = Process.Start(start)!)
        {
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            var audit = Path.Combine(resumed, "audit.jsonl");
            while (!process.HasExited && CountLines(audit, "\"stage\":\"Summarize\"") < 2) await Task.Delay(20);
            var exited = process.HasExited;
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            await stdout;
            // The message is built only after the kill: awaiting the run's stderr before it would wait for the run to end.
            Assert.False(exited, $"the run ended before it could be killed: {await stderr}");
        }
        Assert.False(File.Exists(Path.Combine(resumed, "results.json")), "the killed run wrote its results");
        var finishedBeforeKill = CountLines(Path.Combine(resumed, "audit.jsonl"), "\"stage\":\"Summarize\"");

        var run = await EvaluateAsync(input, resumed);
        await EvaluateAsync(input, whole);

        var audit2 = await File.ReadAllTextAsync(Path.Combine(resumed, "audit.jsonl"));
        var (assessed, fromStore) = Submissions(audit2, run.Record!.Id);
        Assert.Equal(total, assessed + fromStore);
        Assert.True(fromStore >= 2 && fromStore >= finishedBeforeKill - 2,
            $"{fromStore} submissions came from the store after {finishedBeforeKill} finished before the kill");
        Assert.Empty(Directory.EnumerateFiles(resumed, "*" + PilotEval.Publishing.JsonOutput.TemporarySuffix, SearchOption.AllDirectories));
        AssertSameReports(whole, resumed);
    }

    [Fact]
    public async Task One_changed_application_is_the_only_one_read_and_scored_again_and_a_rubric_change_rescores_without_reading()
    {
        using var dir = new TempDirectory();
        var input = CopySamples(dir, "in");
        var rules = Path.Combine(dir.Path, "rules");
        CopyDirectory(RepoPaths.Rubrics, rules);
        var outDir = Path.Combine(dir.Path, "out");
        await EvaluateAsync(input, outDir, rubrics: rules);

        // Another application in place of one: the same name, other bytes.
        File.Copy(Path.Combine(RepoPaths.Samples, "tech-tuoyin-watermark.docx"), Path.Combine(input, "tech-lanjing-guard.docx"), overwrite: true);
        var changed = await EvaluateAsync(input, outDir, rubrics: rules);
        var audit = await File.ReadAllTextAsync(Path.Combine(outDir, "audit.jsonl"));
        Assert.Equal((1, Picked.Length - 1), Reads(audit, changed.Record!.Id));
        Assert.Equal((1, Picked.Length - 1), Submissions(audit, changed.Record.Id));
        var cold = Path.Combine(dir.Path, "cold");
        await EvaluateAsync(input, cold, rubrics: rules);
        AssertSameReports(cold, outDir);

        // A rule changed (a comment is enough: the rules are compared by their bytes): every submission is scored
        // again, and no file is read again.
        await File.AppendAllTextAsync(Path.Combine(rules, "talent.yaml"), "\n# revised\n");
        var rescored = await EvaluateAsync(input, outDir, rubrics: rules);
        audit = await File.ReadAllTextAsync(Path.Combine(outDir, "audit.jsonl"));
        Assert.Equal((0, Picked.Length), Reads(audit, rescored.Record!.Id));
        Assert.Equal((Picked.Length, 0), Submissions(audit, rescored.Record.Id));
    }

    /// <summary>
    /// Every report two runs wrote is the same, byte for byte, apart from what names the run: results.json's run
    /// block and the run line (id, version, start) the other reports print.
    /// </summary>
    private static void AssertSameReports(string expected, string actual)
    {
        Assert.Equal(WithoutRun(File.ReadAllText(Path.Combine(expected, "results.json"))),
            WithoutRun(File.ReadAllText(Path.Combine(actual, "results.json"))));
        var texts = new[] { "shortlist.md", "report.html" }
            .Concat(Directory.EnumerateFiles(Path.Combine(expected, "feedback")).Select(f => Path.Combine("feedback", Path.GetFileName(f))));
        Assert.Equal(Directory.EnumerateFiles(Path.Combine(expected, "feedback")).Select(Path.GetFileName).Order(),
            Directory.EnumerateFiles(Path.Combine(actual, "feedback")).Select(Path.GetFileName).Order());
        foreach (var file in texts)
            Assert.Equal(WithoutRunLine(File.ReadAllText(Path.Combine(expected, file))), WithoutRunLine(File.ReadAllText(Path.Combine(actual, file))));
        foreach (var (file, part) in new[] { ("panel-report.docx", "word/document.xml"), ("panel-report.docx", "word/_rels/document.xml.rels"), ("scores.xlsx", "xl/workbook.xml"), ("scores.xlsx", "xl/worksheets/sheet1.xml") })
            Assert.Equal(WithoutRunLine(ZipEntry(Path.Combine(expected, file), part)), WithoutRunLine(ZipEntry(Path.Combine(actual, file), part)));
    }

    private static string ZipEntry(string path, string entry)
    {
        using var zip = System.IO.Compression.ZipFile.OpenRead(path);
        using var reader = new StreamReader(zip.GetEntry(entry)!.Open());
        return reader.ReadToEnd();
    }

    private static string WithoutRunLine(string text) =>
        System.Text.RegularExpressions.Regex.Replace(text, @"运行编号 \S+ (·|&#183;) PilotEval \S+ (·|&#183;) \d{4}-\d\d-\d\d \d\d:\d\d UTC", "运行编号 …");

    private static void CopyDirectory(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    /// <summary>Submissions assessed and submissions taken from the store by one run, from its totals line.</summary>
    private static (int Assessed, int FromStore) Submissions(string audit, string runId)
    {
        var totals = audit.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!)
            .Single(l => l["run"]!.GetValue<string>() == runId && l["stage"]!.GetValue<string>() == "totals");
        return (totals["submissionsAssessed"]!.GetValue<int>(), totals["submissionsFromStore"]!.GetValue<int>());
    }

    private static async Task<EvaluationRun> EvaluateAsync(string input, string outDir, string? store = null, string? rubrics = null)
    {
        using var provider = TestHost.Create();
        var result = await provider.Mediator().Send(new EvaluateSubmissions.Command(input, rubrics ?? RepoPaths.Rubrics, outDir, StorePath: store));
        return result.Run;
    }

    private static string CopySamples(TempDirectory dir, string name)
    {
        var input = Path.Combine(dir.Path, name);
        Directory.CreateDirectory(input);
        foreach (var file in Picked) File.Copy(Path.Combine(RepoPaths.Samples, file), Path.Combine(input, file));
        return input;
    }

    /// <summary>Files read and files served from the store by one run, from its totals line in audit.jsonl.</summary>
    private static (int Read, int FromStore) Reads(string audit, string runId)
    {
        var totals = audit.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!)
            .Single(l => l["run"]!.GetValue<string>() == runId && l["stage"]!.GetValue<string>() == "totals");
        return (totals["filesRead"]!.GetValue<int>(), totals["filesFromStore"]!.GetValue<int>());
    }

    private static int CountLines(string path, string marker)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            using var reader = new StreamReader(stream);
            return reader.ReadToEnd().Split('\n').Count(l => l.Contains(marker, StringComparison.Ordinal));
        }
        catch (FileNotFoundException)
        {
            return 0;
        }
        catch (DirectoryNotFoundException)
        {
            return 0;
        }
    }

    /// <summary>results.json without its run block (id, times, paths), which is what differs between two runs by design.</summary>
    private static string WithoutRun(string results)
    {
        var node = JsonNode.Parse(results)!.AsObject();
        node.Remove("run");
        return node.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }
}
