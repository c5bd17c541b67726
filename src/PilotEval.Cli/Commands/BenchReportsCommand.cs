using System.Collections.Concurrent;
using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using PilotEval.Cli.Benchmarks;
using PilotEval.Cli.Infrastructure;
using PilotEval.Pipeline;
using PilotEval.Publishing;
using Spectre.Console.Cli;

namespace PilotEval.Cli.Commands;

/// <summary>
/// <c>piloteval bench-reports &lt;results.json&gt; [--out dir] [--repeat 3]</c> (hidden): writes every report of a
/// finished run again from its <c>results.json</c>, as the last stage of <c>evaluate</c> does, and prints each report's
/// wall time, the CPU time and the process's peak memory. The reports stage of a 1,000-application run can so be
/// measured and compared between builds without evaluating the applications again.
/// </summary>
public sealed class BenchReportsCommand : AsyncCommand<BenchReportsCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandArgument(0, "<results-json>")]
        [Description("The results.json of a finished run.")]
        public string Results { get; init; } = "";

        [CommandOption("--out <dir>")]
        [Description("Where the reports are written (default: a new temporary directory, removed afterwards).")]
        public string? Out { get; init; }

        [CommandOption("--repeat <n>")]
        [Description("How many times the reports are written; the first includes the runtime's warm-up.")]
        [DefaultValue(3)]
        public int Repeat { get; init; } = 3;

        public override Spectre.Console.ValidationResult Validate() =>
            !File.Exists(Results) ? Spectre.Console.ValidationResult.Error($"results file '{Results}' does not exist")
            : Repeat < 1 ? Spectre.Console.ValidationResult.Error("--repeat must be at least 1")
            : Spectre.Console.ValidationResult.Success();
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        ResultsDocument results;
        await using (var stream = File.OpenRead(settings.Results))
        {
            results = await JsonSerializer.DeserializeAsync<ResultsDocument>(stream, JsonOutput.Options, cancellationToken)
                ?? throw new InvalidDataException($"{settings.Results} holds no results document");
        }
        var outDir = settings.Out ?? Directory.CreateTempSubdirectory("piloteval-bench-reports-").FullName;
        var output = Console.Out;
        await output.WriteLineAsync(Invariant($"bench-reports: {results.Submissions.Length} submissions from {settings.Results}, {Environment.ProcessorCount} cores; load average at start: {BenchTools.LoadAverage()}"));
        try
        {
            for (var i = 1; i <= settings.Repeat; i++)
            {
                var timings = new ConcurrentBag<StageTotal>();
                var cpu = Process.GetCurrentProcess().TotalProcessorTime;
                var watch = Stopwatch.StartNew();
                await RunReports.WriteAsync(results, outDir, timings, cancellationToken);
                var wall = watch.Elapsed.TotalSeconds;
                using var self = Process.GetCurrentProcess();
                await output.WriteLineAsync(Invariant(
                    $"  run {i}: wall {wall:0.00} s, cpu {(self.TotalProcessorTime - cpu).TotalSeconds:0.00} s, peak {self.PeakWorkingSet64 / 1048576} MB; ")
                    + string.Join(", ", timings.OrderByDescending(t => t.Seconds).Select(t => Invariant($"{t.Stage} {t.Seconds:0.00} s"))));
            }
            await output.WriteLineAsync(Invariant($"load average at end: {BenchTools.LoadAverage()}"));
        }
        finally
        {
            if (settings.Out is null) Directory.Delete(outDir, recursive: true);
        }
        return CliErrors.Ok;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
