using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using System.Text.Json;
using PilotEval.Cli.Benchmarks;
using PilotEval.Cli.Infrastructure;
using PilotEval.Store;
using Spectre.Console.Cli;

namespace PilotEval.Cli.Commands;

/// <summary>
/// <c>piloteval bench-scale --apps 100,300,1000</c>: generates N varied applications from the samples (see
/// <see cref="ScaleCorpus"/>) and evaluates them as a user would, in a child <c>piloteval evaluate</c>: cold (empty
/// store), again with nothing changed, with one application changed, and with a rubric changed. Prints wall time,
/// per-stage time (from the run's own audit totals), peak memory of the whole process tree, CPU time and seconds per
/// application, beside the floor measured on the same files in the same run: <c>pdftotext</c> on every PDF, as many
/// at a time as there are cores, plus inflating every <c>document.xml</c>.
/// </summary>
public sealed class BenchScaleCommand(LogLevelSwitch logLevel) : AsyncCommand<BenchScaleCommand.Settings>
{
    public sealed class Settings : CommonSettings
    {
        [CommandOption("--apps <counts>")]
        [Description("Comma-separated numbers of applications.")]
        [DefaultValue("100,300,1000")]
        public string Counts { get; init; } = "100,300,1000";

        [CommandOption("--samples <dir>")]
        [DefaultValue("submissions-sample")]
        public string Samples { get; init; } = "submissions-sample";

        [CommandOption("--rubrics <dir>")]
        [DefaultValue("rubrics")]
        public string Rubrics { get; init; } = "rubrics";

        [CommandOption("--work <dir>")]
        [Description("Where corpora and outputs go; a corpus already generated with the same parameters is reused.")]
        [DefaultValue("bench-scale")]
        public string Work { get; init; } = "bench-scale";

        [CommandOption("--pdf-share <share>")]
        [DefaultValue(0.3)]
        public double PdfShare { get; init; } = 0.3;

        [CommandOption("--kill-workers <count>")]
        [Description("After the four runs, one more cold run into a fresh output and store while this many reader workers are killed (kill -9) at random; its results are compared with the undisturbed cold run. Default: one per 100 applications, at least 3; 0 skips it.")]
        [DefaultValue(-1)]
        public int KillWorkers { get; init; } = -1;

        [CommandOption("--seed <n>")]
        [DefaultValue(14)]
        public int Seed { get; init; } = 14;

        public IReadOnlyList<int> Parsed() =>
            [.. Counts.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(c => int.TryParse(c, CultureInfo.InvariantCulture, out var n) ? n : -1)];

        public override Spectre.Console.ValidationResult Validate() =>
            Parsed().Any(n => n < 1) ? Spectre.Console.ValidationResult.Error($"--apps takes positive counts, not '{Counts}'")
            : !Directory.Exists(Samples) ? Spectre.Console.ValidationResult.Error($"samples directory '{Samples}' does not exist")
            : !Directory.Exists(Rubrics) ? Spectre.Console.ValidationResult.Error($"rubrics directory '{Rubrics}' does not exist")
            : Spectre.Console.ValidationResult.Success();
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        logLevel.Minimum = settings.LogLevel;
        var output = Console.Out;
        await output.WriteLineAsync($"bench-scale on {Environment.ProcessorCount} cores; load average at start: {BenchTools.LoadAverage()}");
        foreach (var n in settings.Parsed())
        {
            var work = Path.GetFullPath(Path.Combine(settings.Work, n.ToString(CultureInfo.InvariantCulture)));
            var corpus = await ScaleCorpus.EnsureAsync(settings.Samples, Path.Combine(work, "in"), n, settings.Seed, settings.PdfShare, Console.Error, cancellationToken);
            await output.WriteLineAsync();
            await output.WriteLineAsync($"N = {n}: {corpus.Docx} .docx, {corpus.Pdf} PDF, {corpus.Hostile} hostile, {corpus.NearCopies} planted near-copies");

            var floor = await FloorAsync(corpus.Directory, cancellationToken);
            var outDir = Path.Combine(work, "out");
            if (Directory.Exists(outDir)) Directory.Delete(outDir, recursive: true);
            var rubrics = Path.GetFullPath(settings.Rubrics);

            var cold = await EvaluateAsync(corpus.Directory, rubrics, outDir, cancellationToken);
            await Report(output, "cold (empty store)", n, cold, floor);
            // Kept for the run with workers killed, which must come out the same; the later runs rewrite the file.
            using var undisturbed = JsonDocument.Parse(await File.ReadAllBytesAsync(Path.Combine(outDir, "results.json"), cancellationToken));
            var warm = await EvaluateAsync(corpus.Directory, rubrics, outDir, cancellationToken);
            await Report(output, "nothing changed", n, warm, null);

            var changedFile = Directory.EnumerateFiles(corpus.Directory, "*.docx").Order(StringComparer.Ordinal).Skip(3).First();
            var original = await File.ReadAllBytesAsync(changedFile, cancellationToken);
            ScaleCorpus.ChangeOne(changedFile);
            var one = await EvaluateAsync(corpus.Directory, rubrics, outDir, cancellationToken);
            await File.WriteAllBytesAsync(changedFile, original, cancellationToken);
            await Report(output, $"one changed ({Path.GetFileName(changedFile)})", n, one, null);

            var changedRubrics = Path.Combine(work, "rubrics-changed");
            CopyDirectory(rubrics, changedRubrics);
            var rubric = Directory.EnumerateFiles(changedRubrics, "*.yaml").Order(StringComparer.Ordinal).First(f => !f.EndsWith("eligibility.yaml", StringComparison.Ordinal));
            await File.AppendAllTextAsync(rubric, "\n# bench-scale: a changed rubric\n", cancellationToken);
            var rescored = await EvaluateAsync(corpus.Directory, changedRubrics, outDir, cancellationToken);
            await Report(output, $"rubric changed ({Path.GetFileName(rubric)})", n, rescored, null);

            var kills = settings.KillWorkers < 0 ? Math.Max(3, n / 100) : settings.KillWorkers;
            if (kills > 0) await KilledWorkersAsync(output, n, corpus.Directory, rubrics, Path.Combine(work, "out-killed"), kills, settings.Seed, undisturbed.RootElement, cancellationToken);
        }
        return CliErrors.Ok;
    }

    private sealed record Floor(TimeSpan PdfToText, TimeSpan Unzip, int Pdfs, int Docx)
    {
        public TimeSpan Total => PdfToText + Unzip;
    }

    private sealed record Evaluation(BenchTools.Measured Measured, JsonElement? Totals)
    {
        /// <summary>The 1-minute load average when the run started.</summary>
        public string LoadBefore { get; init; } = "n/a";
    }

    /// <summary>
    /// A cold run into a fresh output and store while reader workers are killed at random, compared submission by
    /// submission with the undisturbed cold run: a file the pool misreported because a worker died under it shows
    /// up as an entry that differs.
    /// </summary>
    private static async Task KilledWorkersAsync(TextWriter output, int n, string input, string rubrics, string outDir, int kills, int seed,
        JsonElement undisturbed, CancellationToken cancellationToken)
    {
        if (Directory.Exists(outDir)) Directory.Delete(outDir, recursive: true);
        var killer = new WorkerKiller(kills, seed);
        var run = await EvaluateAsync(input, rubrics, outDir, cancellationToken, killer.Tick);
        await Report(output, "cold, reader workers killed", n, run, null);
        using var disturbed = JsonDocument.Parse(await File.ReadAllBytesAsync(Path.Combine(outDir, "results.json"), cancellationToken));
        var misreported = WorkerKiller.Misreported(undisturbed, disturbed.RootElement);
        var runLevel = WorkerKiller.RunLevelDifferences(undisturbed, disturbed.RootElement);
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"  {"",-34} {killer.Killed} reader workers killed (kill -9, at random, each at least {WorkerKiller.MinimumAge.TotalSeconds:0} s old); " +
            $"files misreported {misreported.Count} of {n} (entries of results.json against the undisturbed cold run); " +
            $"run-level parts differing: {(runLevel.Count == 0 ? "none" : string.Join(", ", runLevel))}"));
        foreach (var line in misreported.Take(20)) await output.WriteLineAsync($"  {"",-34}   {line}");
        if (killer.Killed < kills)
            await output.WriteLineAsync($"  {"",-34} (asked for {kills} kills; the reading ended before the rest were due)");
    }

    private static async Task<Evaluation> EvaluateAsync(string input, string rubrics, string outDir, CancellationToken cancellationToken, Action<int>? tick = null)
    {
        var host = Environment.ProcessPath ?? "dotnet";
        var start = new ProcessStartInfo(host);
        if (Path.GetFileNameWithoutExtension(host).Equals("dotnet", StringComparison.OrdinalIgnoreCase))
            start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "PilotEval.Cli.dll"));
        foreach (var a in new[] { "evaluate", input, "--rubrics", rubrics, "--out", outDir, "--quiet" }) start.ArgumentList.Add(a);
        var loadBefore = BenchTools.LoadAverage();
        var measured = await BenchTools.RunAsync(start, cancellationToken, tick);
        if (measured.ExitCode != 0) throw new InvalidOperationException($"evaluate exited {measured.ExitCode}: {measured.StandardError}");
        var audit = Path.Combine(outDir, "audit.jsonl");
        // A run ends with its totals, or — nothing having changed — with the line saying whose outputs stand.
        var last = File.ReadLines(audit).LastOrDefault(l => l.Contains("\"stage\":\"totals\"", StringComparison.Ordinal)
            || l.Contains($"\"stage\":\"{AuditStanding.StageName}\"", StringComparison.Ordinal));
        return new Evaluation(measured, last is null ? null : JsonDocument.Parse(last).RootElement.Clone()) { LoadBefore = loadBefore };
    }

    private static async Task Report(TextWriter output, string label, int n, Evaluation evaluation, Floor? floor)
    {
        var m = evaluation.Measured;
        var loadBefore = evaluation.LoadBefore;
        var line = string.Create(CultureInfo.InvariantCulture,
            $"  {label,-34} wall {m.Wall.TotalSeconds,7:0.0} s  cpu {m.CpuSeconds,7:0.0} s  peak tree {m.PeakTreeBytes / (1024.0 * 1024),6:0} MB  {m.Wall.TotalSeconds / n:0.000} s/app");
        if (evaluation.Totals is { } stands && stands.TryGetProperty("stands", out var standing))
        {
            line += string.Create(CultureInfo.InvariantCulture,
                $"  outputs of run {standing.GetString()} stand ({stands.GetProperty("outputsVerified").GetInt32()} files verified), nothing written");
        }
        else if (evaluation.Totals is { } t)
        {
            line += string.Create(CultureInfo.InvariantCulture, $"  files read {t.GetProperty("filesRead").GetInt32()}, from store {t.GetProperty("filesFromStore").GetInt32()}");
            if (t.TryGetProperty("submissionsAssessed", out var assessed) && t.TryGetProperty("submissionsFromStore", out var stored))
                line += string.Create(CultureInfo.InvariantCulture, $"; submissions assessed {assessed.GetInt32()}, from store {stored.GetInt32()}");
        }
        // The machine may be shared: the load during the run says how far to trust its wall time.
        line += $"  load {loadBefore} → {BenchTools.LoadAverage()}";
        await output.WriteLineAsync(line);
        if (floor is not null)
        {
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"  {"floor (same files)",-34} pdftotext {floor.PdfToText.TotalSeconds:0.0} s on {floor.Pdfs} PDFs ({Environment.ProcessorCount} at a time) + document.xml inflate {floor.Unzip.TotalSeconds:0.0} s on {floor.Docx} .docx = {floor.Total.TotalSeconds:0.0} s; PilotEval / floor = {m.Wall / floor.Total:0.00}×"));
        }
        if (evaluation.Totals is { } totals && totals.TryGetProperty("stages", out _))
        {
            var stages = totals.GetProperty("stages").EnumerateArray()
                .Select(s => string.Create(CultureInfo.InvariantCulture, $"{s.GetProperty("stage").GetString()} {s.GetProperty("seconds").GetDouble():0.0}"));
            await output.WriteLineAsync($"  {"",-34} stages (s; per-submission stages summed over workers): {string.Join(", ", stages)}");
        }
    }

    /// <summary>What reading must cost at least: pdftotext on every PDF, as many at once as cores, and inflating every document.xml.</summary>
    private static async Task<Floor> FloorAsync(string directory, CancellationToken cancellationToken)
    {
        var pdfs = Directory.EnumerateFiles(directory, "*.pdf").ToList();
        var docx = Directory.EnumerateFiles(directory, "*.docx").ToList();
        var pdftotext = BenchTools.FindOnPath("pdftotext");
        var clock = Stopwatch.StartNew();
        if (pdftotext is not null)
        {
            // One small shell per core runs pdftotext over its share of the files. Started one by one from this
            // process (Process.Start, two at a time), the same 291 PDFs measured anywhere from 3.4 to 13.3 s within
            // the hour on one machine, the overhead being .NET's, not pdftotext's; from shells it is 3.7–4.2 s, what
            // `xargs -P2` costs, and the floor is the lowest honest one.
            var shares = pdfs.Select((pdf, i) => (pdf, i)).GroupBy(p => p.i % Environment.ProcessorCount, p => p.pdf).ToList();
            await Task.WhenAll(shares.Select(async share =>
            {
                var start = new ProcessStartInfo("sh") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
                start.ArgumentList.Add("-c");
                start.ArgumentList.Add("for f in \"$@\"; do \"$0\" -q -enc UTF-8 \"$f\" - >/dev/null 2>&1; done");
                start.ArgumentList.Add(pdftotext);
                foreach (var pdf in share) start.ArgumentList.Add(pdf);
                using var process = Process.Start(start)!;
                await Task.WhenAll(process.StandardOutput.BaseStream.CopyToAsync(Stream.Null, cancellationToken),
                    process.StandardError.BaseStream.CopyToAsync(Stream.Null, cancellationToken));
                await process.WaitForExitAsync(cancellationToken);
            }));
        }
        var pdfTime = clock.Elapsed;
        clock.Restart();
        foreach (var file in docx)
        {
            try
            {
                using var zip = ZipFile.OpenRead(file);
                if (zip.GetEntry("word/document.xml") is { Length: < 64L * 1024 * 1024 } entry)
                {
                    await using var stream = entry.Open();
                    await stream.CopyToAsync(Stream.Null, cancellationToken);
                }
            }
            catch (InvalidDataException)
            {
                // A hostile file: pdftotext and unzip would refuse it too.
            }
        }
        return new Floor(pdfTime, clock.Elapsed, pdftotext is null ? 0 : pdfs.Count, docx.Count);
    }

    private static void CopyDirectory(string from, string to)
    {
        if (Directory.Exists(to)) Directory.Delete(to, recursive: true);
        Directory.CreateDirectory(to);
        foreach (var file in Directory.EnumerateFiles(from)) File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
    }
}
