using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging.Abstractions;
using PilotEval.Cli.Infrastructure;
using PilotEval.Documents;
using Spectre.Console.Cli;

namespace PilotEval.Cli.Commands;

/// <summary>
/// <c>piloteval bench &lt;paths&gt;…</c>: reading speed and peak memory of PilotEval beside <c>pdftotext</c> on the same
/// files in one run. A command rather than a BenchmarkDotNet project because the comparison is against an external
/// process over a set of real files, and because anyone with the CLI can rerun it on their own documents.
/// </summary>
public sealed class BenchCommand(ReaderLimits configured, LogLevelSwitch logLevel) : AsyncCommand<BenchCommand.Settings>
{
    public sealed class Settings : CommonSettings
    {
        [CommandArgument(0, "<paths>")]
        [Description("Files or directories (searched recursively) of .pdf and .docx files.")]
        public string[] Paths { get; init; } = [];

        [CommandOption("--runs <n>")]
        [Description("Timed passes over the files after one warm-up pass.")]
        [DefaultValue(3)]
        public int Runs { get; init; } = 3;

        [CommandOption("--ocr")]
        [Description("Include OCR of image-only pages (pdftotext does none, so the comparison is off by default).")]
        public bool Ocr { get; init; }

        public override Spectre.Console.ValidationResult Validate() =>
            Paths.Length == 0 ? Spectre.Console.ValidationResult.Error("give at least one file or directory")
            : Paths.FirstOrDefault(p => !File.Exists(p) && !Directory.Exists(p)) is { } missing
                ? Spectre.Console.ValidationResult.Error($"'{missing}' does not exist")
                : Runs < 1 ? Spectre.Console.ValidationResult.Error("--runs must be at least 1")
                : Spectre.Console.ValidationResult.Success();
    }

    private static readonly TimeSpan ToolTimeout = TimeSpan.FromSeconds(20);

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        logLevel.Minimum = settings.LogLevel;
        var files = settings.Paths
            .SelectMany(p => Directory.Exists(p) ? Directory.EnumerateFiles(p, "*", SearchOption.AllDirectories) : [p])
            .Where(f => f.EndsWith(".pdf", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".docx", StringComparison.OrdinalIgnoreCase))
            .Order(StringComparer.Ordinal).ToList();
        var limits = configured with { Ocr = settings.Ocr, Isolation = ReadIsolation.InProcess };
        using var reader = new DocumentReader(limits, NullLogger<DocumentReader>.Instance);
        var pdftotext = FindOnPath("pdftotext");
        var output = Console.Out;

        // Files are compared only when both readers read them: a hostile file would time one of them out.
        var pdfs = new List<(string File, int Pages)>();
        var docx = new List<string>();
        var excluded = new List<string>();
        foreach (var file in files)
        {
            var document = await reader.ReadInProcessAsync(file, Path.GetFileName(file), cancellationToken);
            if (!document.Errors.IsEmpty)
            {
                excluded.Add($"{file} (PilotEval: {document.Errors[0].Code})");
                continue;
            }
            if (document.Format == "docx")
            {
                docx.Add(file);
                continue;
            }
            if (pdftotext is not null && await RunToolAsync(pdftotext, file, cancellationToken) is null)
            {
                excluded.Add($"{file} (pdftotext failed or exceeded {ToolTimeout.TotalSeconds:0} s)");
                continue;
            }
            pdfs.Add((file, document.Pages ?? 0));
        }

        var pages = pdfs.Sum(p => p.Pages);
        var perFile = new Dictionary<string, TimeSpan>();
        var oursPdf = TimeSpan.Zero;
        var oursDocx = TimeSpan.Zero;
        var theirs = TimeSpan.Zero;
        long theirPeak = 0;
        for (var run = 0; run < settings.Runs; run++)
        {
            var clock = Stopwatch.StartNew();
            foreach (var (file, _) in pdfs)
            {
                var started = clock.Elapsed;
                await reader.ReadInProcessAsync(file, Path.GetFileName(file), cancellationToken);
                perFile[file] = perFile.GetValueOrDefault(file) + (clock.Elapsed - started);
            }
            oursPdf += clock.Elapsed;
            clock.Restart();
            foreach (var file in docx) await reader.ReadInProcessAsync(file, Path.GetFileName(file), cancellationToken);
            oursDocx += clock.Elapsed;
            if (pdftotext is null) continue;
            clock.Restart();
            foreach (var (file, _) in pdfs)
            {
                var peak = await RunToolAsync(pdftotext, file, cancellationToken);
                theirPeak = Math.Max(theirPeak, peak ?? 0);
            }
            theirs += clock.Elapsed;
        }
        var ourPeak = Process.GetCurrentProcess().PeakWorkingSet64;

        // The default reads in a reused worker process; its cost over in-process reading is the price of isolation.
        var isolated = TimeSpan.Zero;
        using (var workers = new DocumentReader(limits with { Isolation = ReadIsolation.ChildProcess }, NullLogger<DocumentReader>.Instance))
        {
            foreach (var file in pdfs.Select(p => p.File).Concat(docx)) await workers.ReadAsync(file, Path.GetFileName(file), cancellationToken);
            for (var run = 0; run < settings.Runs; run++)
            {
                var clock = Stopwatch.StartNew();
                foreach (var file in pdfs.Select(p => p.File).Concat(docx)) await workers.ReadAsync(file, Path.GetFileName(file), cancellationToken);
                isolated += clock.Elapsed;
            }
        }

        // What one file costs a fresh process end to end, as `piloteval extract` runs it (runtime included).
        var largest = pdfs.OrderByDescending(p => p.Pages).FirstOrDefault();
        var singlePeak = largest.File is null ? null : await ExtractPeakAsync(largest.File, cancellationToken);

        var runs = settings.Runs;
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"""
            PilotEval bench: {pdfs.Count} PDF ({pages} pages), {docx.Count} .docx, {runs} timed run(s) after a warm-up, OCR {(settings.Ocr ? "on" : "off")}, in-process
            | reader | PDF wall per run | PDF pages/s | .docx files/s | peak memory |
            |---|---|---|---|---|
            | PilotEval | {Seconds(oursPdf / runs)} | {Rate(pages, oursPdf / runs)} | {Rate(docx.Count, oursDocx / runs)} | {Megabytes(ourPeak)} (whole bench process) |
            """));
        if (pdftotext is not null)
        {
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"| pdftotext | {Seconds(theirs / runs)} | {Rate(pages, theirs / runs)} | n/a | {Megabytes(theirPeak)} (largest single run) |"));
            var ratio = theirs > TimeSpan.Zero ? oursPdf / theirs : double.NaN;
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"PDF wall-time ratio PilotEval / pdftotext: {ratio:0.00}x (target: at most 3x)"));
        }
        else
        {
            await output.WriteLineAsync("pdftotext not found (apt: poppler-utils poppler-data): no comparison.");
        }
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"PilotEval through its worker process (the default isolation): {Seconds(isolated / runs)} per run for PDF + .docx, against {Seconds((oursPdf + oursDocx) / runs)} in-process"));
        if (singlePeak is { } peakOfOne)
        {
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"Peak memory of `piloteval extract` on the largest PDF ({Path.GetFileName(largest.File)}, {largest.Pages} pages): {Megabytes(peakOfOne)} (target: under 200 MB for 100 pages)"));
        }
        foreach (var file in excluded) await output.WriteLineAsync($"excluded: {file}");
        if (settings.Verbose)
        {
            foreach (var (file, time) in perFile.OrderByDescending(p => p.Value).Take(10))
            {
                await output.WriteLineAsync($"slowest PDF: {Seconds(time / runs)} {file}");
            }
        }
        return CliErrors.Ok;
    }

    private static string Seconds(TimeSpan time) => time.TotalSeconds.ToString("0.000 s", CultureInfo.InvariantCulture);

    private static string Rate(int count, TimeSpan time) =>
        time > TimeSpan.Zero ? (count / time.TotalSeconds).ToString("0.0", CultureInfo.InvariantCulture) : "n/a";

    private static string Megabytes(long bytes) => (bytes / (1024.0 * 1024)).ToString("0", CultureInfo.InvariantCulture) + " MB";

    /// <summary>Runs pdftotext on one file; returns its peak resident size in bytes (0 when unmeasured), or null when it failed.</summary>
    private static async Task<long?> RunToolAsync(string tool, string file, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { "-q", "-enc", "UTF-8", file, "-" }) start.ArgumentList.Add(argument);
        return await RunMeasuredAsync(start, ToolTimeout, cancellationToken);
    }

    private static async Task<long?> ExtractPeakAsync(string file, CancellationToken cancellationToken)
    {
        var host = Environment.ProcessPath ?? "dotnet";
        var start = new ProcessStartInfo(host) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(host).Equals("dotnet", StringComparison.OrdinalIgnoreCase))
        {
            start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "PilotEval.Cli.dll"));
        }
        foreach (var argument in new[] { "extract", file, "--json" }) start.ArgumentList.Add(argument);
        start.Environment["PILOTEVAL_Reading__Isolation"] = nameof(ReadIsolation.InProcess);
        start.Environment["PILOTEVAL_Reading__Ocr"] = "false";
        return await RunMeasuredAsync(start, TimeSpan.FromSeconds(120), cancellationToken);
    }

    /// <summary>
    /// Runs a process to the end, draining its output, and samples its high-water mark (VmHWM, Linux) while it runs:
    /// the last sample before exit is its peak resident size.
    /// </summary>
    private static async Task<long?> RunMeasuredAsync(ProcessStartInfo start, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var process = Process.Start(start);
        if (process is null) return null;
        var stdout = process.StandardOutput.BaseStream.CopyToAsync(Stream.Null, cancellationToken);
        var stderr = process.StandardError.BaseStream.CopyToAsync(Stream.Null, cancellationToken);
        var status = $"/proc/{process.Id}/status";
        long peak = 0;
        var clock = Stopwatch.StartNew();
        while (!process.HasExited)
        {
            peak = Math.Max(peak, HighWaterMark(status));
            if (clock.Elapsed > timeout)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync(cancellationToken);
                return null;
            }
            await Task.Delay(2, cancellationToken);
        }
        await Task.WhenAll(stdout, stderr);
        await process.WaitForExitAsync(cancellationToken);
        return process.ExitCode == 0 ? peak : null;
    }

    private static long HighWaterMark(string statusFile)
    {
        try
        {
            foreach (var line in File.ReadLines(statusFile))
            {
                if (!line.StartsWith("VmHWM:", StringComparison.Ordinal)) continue;
                var kilobytes = line["VmHWM:".Length..].Trim().Split(' ')[0];
                return long.Parse(kilobytes, CultureInfo.InvariantCulture) * 1024;
            }
        }
        catch (IOException)
        {
            // The process ended between the check and the read.
        }
        catch (UnauthorizedAccessException)
        {
        }
        return 0;
    }

    private static string? FindOnPath(string tool) => Benchmarks.BenchTools.FindOnPath(tool);
}
