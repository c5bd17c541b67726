using System.ComponentModel;
using Mediator;
using PilotEval.Cli.Infrastructure;
using PilotEval.Panel;
using Spectre.Console.Cli;

namespace PilotEval.Cli.Commands.Panel;

/// <summary><c>piloteval panel import --db panel.db sheet.xlsx scores.csv …</c>: all or nothing.</summary>
public sealed class PanelImportCommand(IMediator mediator, LogLevelSwitch logLevel) : AsyncCommand<PanelImportCommand.Settings>
{
    public sealed class Settings : PanelSettings
    {
        [CommandArgument(0, "<files>")]
        [Description("Filled score sheets (.xlsx) and scores.csv files (header expert,source,criterion,score,comment).")]
        public string[] Files { get; init; } = [];

        [CommandOption("--expert <name>")]
        [Description("Refuse any sheet that is not this expert's (when importing what one expert sent).")]
        public string? Expert { get; init; }
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        logLevel.Minimum = settings.LogLevel;
        var result = await PanelCommandBase.GuardAsync(() => mediator.Send(
            new ImportScores.Command(settings.Db!, [.. settings.Files], settings.Who, settings.Expert), cancellationToken));
        await Console.Error.WriteLineAsync($"Imported {result.Written} scores ({result.Changed} changed) from {string.Join(", ", result.Experts)}.");
        return CliErrors.Ok;
    }
}
