using System.ComponentModel;
using Mediator;
using PilotEval.Cli.Infrastructure;
using PilotEval.Panel;
using Spectre.Console.Cli;

namespace PilotEval.Cli.Commands.Panel;

/// <summary><c>piloteval panel sheets --db panel.db --out sheets</c>: one .xlsx score sheet per expert.</summary>
public sealed class PanelSheetsCommand(IMediator mediator, LogLevelSwitch logLevel) : AsyncCommand<PanelSheetsCommand.Settings>
{
    public sealed class Settings : PanelSettings
    {
        [CommandOption("--out <dir>")]
        [Description("Where the sheets are written.")]
        [DefaultValue("sheets")]
        public string Out { get; init; } = "sheets";
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        logLevel.Minimum = settings.LogLevel;
        var result = await PanelCommandBase.GuardAsync(() => mediator.Send(new WriteScoreSheets.Command(settings.Db!, settings.Out), cancellationToken));
        await Console.Error.WriteLineAsync($"Wrote {result.Files.Length} score sheets: {string.Join(", ", result.Files.Select(PanelCommandBase.Relative))}");
        return CliErrors.Ok;
    }
}
