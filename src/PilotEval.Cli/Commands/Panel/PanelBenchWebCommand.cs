using System.ComponentModel;
using System.Globalization;
using Mediator;
using PilotEval.Cli.Benchmarks;
using PilotEval.Cli.Infrastructure;
using Spectre.Console.Cli;

namespace PilotEval.Cli.Commands.Panel;

/// <summary>
/// <c>piloteval panel bench-web --experts 9 --applications 100</c>: the browser's save under load. Opens a throw-away
/// round on SQLite, starts the site on 127.0.0.1 and a free port, and lets every expert save a draft and submit each
/// assigned application at once over HTTP (<see cref="WebLoad"/>, the load the test runs); then reads every score back
/// from the store. Prints the number of saves, p50, p95 and max latency of a save (POST to answer), the load average
/// before and after, lost writes and server errors. The figures belong to the machine and its load at the time: rerun
/// it, do not quote it bare.
/// </summary>
public sealed class PanelBenchWebCommand(IMediator mediator, LogLevelSwitch logLevel) : AsyncCommand<PanelBenchWebCommand.Settings>
{
    public sealed class Settings : CommonSettings
    {
        [CommandOption("--experts <n>")]
        [DefaultValue(9)]
        public int Experts { get; init; } = 9;

        [CommandOption("--applications <n>")]
        [DefaultValue(100)]
        public int Applications { get; init; } = 100;

        [CommandOption("-k|--per-application <n>")]
        [Description("Experts per application (the panel's assignment rule places them).")]
        [DefaultValue(5)]
        public int PerApplication { get; init; } = 5;

        [CommandOption("--work <dir>")]
        [Description("Where the throw-away store goes (default: a new temporary folder, removed afterwards).")]
        public string? Work { get; init; }

        public override Spectre.Console.ValidationResult Validate() =>
            Experts < 2 || Applications < 2 || PerApplication < 1 || PerApplication > Experts
                ? Spectre.Console.ValidationResult.Error("--experts and --applications take at least 2, -k between 1 and --experts")
                : Spectre.Console.ValidationResult.Success();
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        logLevel.Minimum = settings.LogLevel;
        var output = Console.Out;
        var work = settings.Work is { } w ? Path.GetFullPath(w) : Directory.CreateTempSubdirectory("piloteval-bench-web-").FullName;
        try
        {
            var store = Path.Combine(work, "panel.db");
            if (File.Exists(store)) throw new UsageException($"{store} exists; give an empty --work folder");
            var round = await WebLoad.OpenAsync(mediator, work, new WebLoad.Options(settings.Experts, settings.Applications, settings.PerApplication), cancellationToken);
            var pairs = round.Assigned.Values.Sum(s => s.Count);
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"bench-web on {Environment.ProcessorCount} cores: {settings.Experts} experts, {settings.Applications} applications, k = {settings.PerApplication} ({pairs} expert × application pairs), SQLite {store}"));
            await output.WriteLineAsync($"load average before: {BenchTools.LoadAverage()}");

            WebLoad.Outcome outcome;
            IReadOnlyCollection<string> errors;
            await using (var site = await LiveSite.StartAsync(round.Db, cancellationToken: cancellationToken))
            {
                outcome = await WebLoad.RunAsync(site.Address, round, cancellationToken);
                errors = site.Errors;
            }
            await output.WriteLineAsync($"load average after:  {BenchTools.LoadAverage()}");
            var lost = await WebLoad.LostWritesAsync(round.Db, outcome.Expected, cancellationToken);

            var c = CultureInfo.InvariantCulture;
            foreach (var (label, saves) in new[] { ("all saves", outcome.Saves), ("drafts", outcome.Saves.Where(s => s.Action == "save")), ("submits", outcome.Saves.Where(s => s.Action == "submit")) })
            {
                var sorted = saves.Select(s => s.Elapsed).Order().ToList();
                await output.WriteLineAsync(string.Create(c,
                    $"  {label,-10} count {sorted.Count,5}  p50 {Ms(WebLoad.Percentile(sorted, 50)),7:0.0} ms  p95 {Ms(WebLoad.Percentile(sorted, 95)),7:0.0} ms  max {Ms(sorted.LastOrDefault()),7:0.0} ms"));
            }
            await output.WriteLineAsync(string.Create(c, $"  scores read back {outcome.Expected.Length - lost.Length}/{outcome.Expected.Length}; lost writes {lost.Length}; refused or failed requests {outcome.Problems.Length}; server errors {errors.Count}"));
            foreach (var line in outcome.Problems.Concat(lost).Concat(errors).Take(10)) await output.WriteLineAsync("  ! " + line);
            return outcome.Problems.IsEmpty && lost.IsEmpty && errors.Count == 0 ? CliErrors.Ok : CliErrors.Internal;
        }
        finally
        {
            if (settings.Work is null)
            {
                try { Directory.Delete(work, recursive: true); }
                catch (IOException) { }
            }
        }
    }

    private static double Ms(TimeSpan t) => t.TotalMilliseconds;
}
