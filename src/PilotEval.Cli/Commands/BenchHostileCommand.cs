using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using PilotEval.Cli.Benchmarks;
using PilotEval.Cli.Infrastructure;
using PilotEval.Documents;
using Spectre.Console.Cli;

namespace PilotEval.Cli.Commands;

/// <summary>
/// <c>piloteval bench-hostile [corpus]</c>: how long each hostile file of the shared corpus (the rows of
/// <c>MANIFEST*.tsv</c> marked MALFORMED, HOSTILE or ENCRYPTED) takes to be reported, against the target of 15 s.
/// Each file is read twice: by a fresh <c>piloteval extract</c>, as a user would run it (start-up of the command and
/// its reader worker included; wall time, CPU time and peak memory of the whole process tree), and by one long-lived
/// reader with its worker pool already warm, as <c>evaluate</c> reads a batch. The load average is printed beside each
/// file, because on a shared machine wall time is mostly waiting for a core.
/// </summary>
public sealed class BenchHostileCommand(ReaderLimits configured, LogLevelSwitch logLevel) : AsyncCommand<BenchHostileCommand.Settings>
{
    public sealed class Settings : CommonSettings
    {
        [CommandArgument(0, "[corpus]")]
        [Description("The shared corpus folder, holding MANIFEST.tsv and MANIFEST-formats.tsv.")]
        [DefaultValue("../shared/corpus")]
        public string Corpus { get; init; } = "../shared/corpus";

        [CommandOption("--all")]
        [Description("Every file of the manifests, not only the hostile ones.")]
        public bool All { get; init; }

        [CommandOption("--target <seconds>")]
        [Description("Wall time within which every file must be reported.")]
        [DefaultValue(15.0)]
        public double Target { get; init; } = 15;

        public override Spectre.Console.ValidationResult Validate() =>
            !File.Exists(Path.Combine(Corpus, "MANIFEST.tsv"))
                ? Spectre.Console.ValidationResult.Error($"'{Corpus}' holds no MANIFEST.tsv (the shared corpus)")
                : Target <= 0 ? Spectre.Console.ValidationResult.Error("--target must be positive")
                : Spectre.Console.ValidationResult.Success();
    }

    /// <summary>The manifest's words for a file built or known to hurt readers.</summary>
    private static readonly string[] HostileMarks = ["MALFORMED", "HOSTILE", "ENCRYPTED"];

    private sealed record CorpusFile(string LocalFile, string What);

    private sealed record Measured(string Outcome, TimeSpan Wall, double CpuSeconds, long PeakTreeBytes);

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        logLevel.Minimum = settings.LogLevel;
        var output = Console.Out;
        var files = Manifest(settings.Corpus, settings.All);
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"bench-hostile: {files.Count} file(s) of {Path.GetFullPath(settings.Corpus)} on {Environment.ProcessorCount} cores; " +
            $"OCR {(configured.Ocr ? "on" : "off")}, time limit {configured.Timeout.TotalSeconds:0} s; load average at start: {BenchTools.LoadAverage()}"));
        await output.WriteLineAsync();
        await output.WriteLineAsync("| file | outcome | extract: wall | CPU | peak memory | load (1 min) | warm reader: wall | outcome |");
        await output.WriteLineAsync("|---|---|---|---|---|---|---|---|");

        // The warm reader reads a small file first, so its worker has started before the first timed file.
        using var reader = new DocumentReader(configured with { Isolation = ReadIsolation.ChildProcess }, NullLogger<DocumentReader>.Instance);
        await WarmUpAsync(reader, cancellationToken);

        var slowest = TimeSpan.Zero;
        var over = new List<string>();
        foreach (var file in files)
        {
            var path = Path.Combine(settings.Corpus, file.LocalFile);
            var load = BenchTools.LoadAverage().Split(' ')[0];
            var cold = await ExtractAsync(path, cancellationToken);
            var clock = Stopwatch.StartNew();
            var warm = await reader.ReadAsync(path, Path.GetFileName(path), cancellationToken);
            var warmWall = clock.Elapsed;
            var worst = cold.Wall > warmWall ? cold.Wall : warmWall;
            if (worst > slowest) slowest = worst;
            if (worst.TotalSeconds > settings.Target) over.Add(file.LocalFile);
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"| `{file.LocalFile}` | {cold.Outcome} | {cold.Wall.TotalSeconds:0.0} s | {cold.CpuSeconds:0.0} s | {cold.PeakTreeBytes / (1024.0 * 1024):0} MB | {load} | {warmWall.TotalSeconds:0.0} s | {Outcome(warm)} |"));
        }
        await output.WriteLineAsync();
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"slowest: {slowest.TotalSeconds:0.0} s wall (target {settings.Target:0} s); {(over.Count == 0 ? "every file within the target" : "over the target: " + string.Join(", ", over))}; load average at end: {BenchTools.LoadAverage()}"));
        return CliErrors.Ok;
    }

    private static List<CorpusFile> Manifest(string corpus, bool all) =>
        [.. new[] { "MANIFEST.tsv", "MANIFEST-formats.tsv" }
            .Select(m => Path.Combine(corpus, m))
            .Where(File.Exists)
            .SelectMany(m => File.ReadLines(m).Skip(1))
            .Where(l => l.Length > 0)
            .Select(l => l.Split('\t'))
            .Where(c => c.Length > 5)
            .Select(c => new CorpusFile(c[2], c[5]))
            .Where(f => all || HostileMarks.Any(mark => f.What.StartsWith(mark, StringComparison.Ordinal)))
            .Where(f => File.Exists(Path.Combine(corpus, f.LocalFile)))];

    private static async Task WarmUpAsync(DocumentReader reader, CancellationToken cancellationToken)
    {
        var dir = Directory.CreateTempSubdirectory("piloteval-bench-");
        try
        {
            var path = Path.Combine(dir.FullName, "warm-up.pdf");
            await File.WriteAllBytesAsync(path, Encoding.ASCII.GetBytes(TinyPdf), cancellationToken);
            await reader.ReadAsync(path, "warm-up.pdf", cancellationToken);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    /// <summary>A one-page PDF with one line of text (offsets are not needed: the parser recovers them).</summary>
    private const string TinyPdf =
        "%PDF-1.4\n1 0 obj <</Type/Catalog/Pages 2 0 R>> endobj\n2 0 obj <</Type/Pages/Kids[3 0 R]/Count 1>> endobj\n" +
        "3 0 obj <</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]/Contents 4 0 R/Resources<</Font<</F1 5 0 R>>>>>> endobj\n" +
        "4 0 obj <</Length 37>>\nstream\nBT /F1 12 Tf 20 100 Td (warm up) Tj ET\nendstream\nendobj\n" +
        "5 0 obj <</Type/Font/Subtype/Type1/BaseFont/Helvetica>> endobj\ntrailer <</Root 1 0 R>>\n%%EOF\n";

    /// <summary>Runs <c>piloteval extract FILE --json</c> as a child and measures its whole process tree.</summary>
    private static async Task<Measured> ExtractAsync(string path, CancellationToken cancellationToken)
    {
        var host = Environment.ProcessPath ?? "dotnet";
        var start = new ProcessStartInfo(host)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = new UTF8Encoding(false),
        };
        if (Path.GetFileNameWithoutExtension(host).Equals("dotnet", StringComparison.OrdinalIgnoreCase))
            start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "PilotEval.Cli.dll"));
        foreach (var a in new[] { "extract", path, "--json", "--quiet" }) start.ArgumentList.Add(a);

        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {host}");
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        var cpu = new TreeCpu();
        long peak = 0;
        while (!process.HasExited)
        {
            peak = Math.Max(peak, BenchTools.TreeResident(process.Id));
            cpu.Sample(process.Id);
            try
            {
                await process.WaitForExitAsync(cancellationToken).WaitAsync(TimeSpan.FromMilliseconds(20), cancellationToken);
            }
            catch (TimeoutException)
            {
            }
        }
        await process.WaitForExitAsync(cancellationToken);
        var wall = clock.Elapsed;
        var json = await stdout;
        var outcome = process.ExitCode == 0 ? OutcomeOfListing(json) : $"exit {process.ExitCode}: {TextNormalizer.Shorten((await stderr).Trim(), 80)}";
        return new Measured(outcome, wall, cpu.Seconds, peak);
    }

    /// <summary>The outcome as the corpus expectations write it: an error code, or read / no-text with the flags raised.</summary>
    private static string Outcome(DocumentText document) =>
        Describe(document.Errors.FirstOrDefault()?.Code, document.Blocks.Any(b => b.Text.Length > 0), document.Flags.Select(f => f.Code));

    private static string OutcomeOfListing(string json)
    {
        using var listing = JsonDocument.Parse(json);
        var root = listing.RootElement;
        var error = root.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("code").GetString()).FirstOrDefault();
        var text = root.GetProperty("blocks").EnumerateArray().Any(b => b.GetProperty("text").GetString() is { Length: > 0 });
        return Describe(error, text, root.GetProperty("flags").EnumerateArray().Select(f => f.GetProperty("code").GetString() ?? ""));
    }

    private static string Describe(string? error, bool text, IEnumerable<string> flags)
    {
        if (error is not null) return $"`{error}`";
        var raised = flags.Distinct().Order(StringComparer.Ordinal).ToList();
        return (text ? "read" : "no-text") + (raised.Count > 0 ? $" ({string.Join(", ", raised)})" : "");
    }

    /// <summary>
    /// CPU time of a process tree, sampled from <c>/proc/PID/stat</c> (user + system of each process, its last value
    /// kept after it exits). A process that lives shorter than one sample is missed, so this is a lower bound; it is
    /// still the only count that includes helpers nobody waits for (a worker killed on its limit, its OCR tools).
    /// </summary>
    private sealed class TreeCpu
    {
        private readonly Dictionary<int, long> _ticks = [];
        private static readonly double TicksPerSecond = 100; // USER_HZ on every Linux build .NET supports.

        public double Seconds => _ticks.Values.Sum() / TicksPerSecond;

        public void Sample(int root)
        {
            foreach (var pid in BenchTools.ProcessTree(root))
            {
                try
                {
                    var stat = File.ReadAllText($"/proc/{pid}/stat");
                    var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                    // Fields after the command: state(0) ppid(1) … utime(11) stime(12).
                    _ticks[pid] = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
                {
                    // The process ended while we looked.
                }
            }
        }
    }
}
