using System.ComponentModel;
using Mediator;
using Microsoft.Extensions.Configuration;
using PilotEval.Cli.Infrastructure;
using PilotEval.Panel;
using Spectre.Console.Cli;

namespace PilotEval.Cli.Commands.Panel;

/// <summary><c>piloteval panel results --db panel.db --out out</c>: panel-results.json, panel-round.xlsx, panel-round.html.</summary>
public sealed class PanelResultsCommand(IMediator mediator, IConfiguration configuration, LogLevelSwitch logLevel) : AsyncCommand<PanelResultsCommand.Settings>
{
    public class Settings : PanelSettings
    {
        [CommandOption("--out <dir>")]
        [Description("Where panel-results.json, panel-round.xlsx and panel-round.html are written.")]
        [DefaultValue("out")]
        public string Out { get; init; } = "out";

        [CommandOption("--discussion <points>")]
        [Description("Spread (highest minus lowest expert total) above which an application goes to discussion (default: Panel:DiscussionSpread, 15).")]
        public double? Discussion { get; init; }

        [CommandOption("--rank-by <trimmed|calibrated>")]
        [Description("Rank by the trimmed mean (the rules, default) or by the calibrated score (Panel:RankBy).")]
        public string? RankBy { get; init; }

        [CommandOption("--slots <n>")]
        [Description("Final places per track; the Q&A list is about 2.5 times that (Panel:Slots, Panel:QaFactor).")]
        public int? Slots { get; init; }
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        logLevel.Minimum = settings.LogLevel;
        var options = PanelCommandBase.Options(configuration, settings.Discussion, settings.RankBy, settings.Slots);
        var result = await PanelCommandBase.GuardAsync(() => mediator.Send(new ComputeResults.Command(settings.Db!, settings.Out, options), cancellationToken));
        foreach (var track in result.Results.Tracks)
        {
            await Console.Error.WriteLineAsync($"{track.Track}: {track.Entries.Count(e => e.Rank is not null)} of {track.Entries.Length} ranked, "
                + $"{track.Entries.Count(e => e.Discussion)} to discuss, Spearman ρ machine vs panel {(track.Spearman is { } r ? r.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture) : "—")}");
        }
        await Console.Error.WriteLineAsync($"Wrote {string.Join(", ", result.Files.Select(PanelCommandBase.Relative))}");
        return CliErrors.Ok;
    }
}
