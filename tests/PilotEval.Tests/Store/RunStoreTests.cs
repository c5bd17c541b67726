using System.Diagnostics;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using PilotEval.Pipeline;
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
        var second = await EvaluateAsync(input, outDir);
        var audit = await File.ReadAllTextAsync(Path.Combine(outDir, "audit.jsonl"));

        Assert.Equal((Picked.Length, 0), Reads(audit, first.Record!.Id));
        Assert.Equal((0, Picked.Length), Reads(audit, second.Record!.Id));
        Assert.NotEqual(first.Record.Id, second.Record.Id);
        Assert.StartsWith(auditAfterFirst, audit, StringComparison.Ordinal);
        Assert.All(audit.Split('\n', StringSplitOptions.RemoveEmptyEntries),
            line => Assert.Contains(JsonNode.Parse(line)!["run"]!.GetValue<string>(), new[] { first.Record.Id, second.Record.Id }));
        Assert.Contains(audit.Split('\n'), l => l.Contains("\"scope\":\"run\"", StringComparison.Ordinal) && l.Contains("DetectDuplicates", StringComparison.Ordinal));
        Assert.Equal(WithoutRun(resultsAfterFirst), WithoutRun(await File.ReadAllTextAsync(Path.Combine(outDir, "results.json"))));
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
        Assert.Equal("00:01:00", record["settings"]!["reading"]!["timeout"]!.GetValue<string>());
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
        var quotes = run.Assessments.SelectMany(a => a.Scorecard?.Criteria ?? []).SelectMany(c => c.Evidence).ToList();
        Assert.NotEmpty(quotes);
        Assert.All(quotes, q => Assert.StartsWith("renamed-", q.Location.File, StringComparison.Ordinal));
        Assert.All(run.Assessments.SelectMany(a => a.Documents), d => Assert.StartsWith("renamed-", d.File, StringComparison.Ordinal));
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
    public async Task A_run_killed_mid_batch_resumes_without_reading_again_and_ends_as_an_uninterrupted_run()
    {
        using var dir = new TempDirectory();
        var input = CopySamples(dir, "in");
        var whole = Path.Combine(dir.Path, "whole");
        var resumed = Path.Combine(dir.Path, "resumed");
        await EvaluateAsync(input, whole);

        // Killed once two submissions have finished every stage: counted from the audit trail the run appends to.
        var cli = Path.Combine(AppContext.BaseDirectory, "PilotEval.Cli.dll");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var a in new[] { cli, "evaluate", input, "--out", resumed, "--rubrics", RepoPaths.Rubrics }) start.ArgumentList.Add(a);
        using (var process = Process.Start(start)!)
        {
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            var audit = Path.Combine(resumed, "audit.jsonl");
            while (!process.HasExited && CountLines(audit, "\"stage\":\"Summarize\"") < 2) await Task.Delay(20);
            var exitedByItself = process.HasExited;
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            await stdout;
            // Only a run that got as far as two finished submissions is a run to resume; anything else is a failure.
            Assert.True(!exitedByItself || process.ExitCode == 0, $"the run to be killed failed on its own: {await stderr}");
        }
        var killedRun = !File.Exists(Path.Combine(resumed, "results.json"));

        var run = await EvaluateAsync(input, resumed);

        var (read, fromStore) = Reads(await File.ReadAllTextAsync(Path.Combine(resumed, "audit.jsonl")), run.Record!.Id);
        Assert.Equal(Picked.Length, read + fromStore);
        if (killedRun) Assert.True(fromStore >= 2, $"only {fromStore} files came from the store after two submissions finished");
        Assert.Empty(Directory.EnumerateFiles(resumed, "*" + PilotEval.Publishing.JsonOutput.TemporarySuffix, SearchOption.AllDirectories));
        Assert.Equal(WithoutRun(await File.ReadAllTextAsync(Path.Combine(whole, "results.json"))),
            WithoutRun(await File.ReadAllTextAsync(Path.Combine(resumed, "results.json"))));
    }

    private static async Task<EvaluationRun> EvaluateAsync(string input, string outDir, string? store = null)
    {
        using var provider = TestHost.Create();
        var result = await provider.Mediator().Send(new EvaluateSubmissions.Command(input, RepoPaths.Rubrics, outDir, StorePath: store));
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
