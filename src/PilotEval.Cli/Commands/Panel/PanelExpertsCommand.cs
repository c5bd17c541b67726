using System.ComponentModel;
using Mediator;
using PilotEval.Cli.Infrastructure;
using PilotEval.Panel;
using Spectre.Console.Cli;

namespace PilotEval.Cli.Commands.Panel;

/// <summary><c>piloteval panel experts --db panel.db experts.csv</c>: add or update experts, recompute conflicts.</summary>
public sealed class PanelExpertsCommand(IMediator mediator, LogLevelSwitch logLevel) : AsyncCommand<PanelExpertsCommand.Settings>
{
    public sealed class Settings : PanelSettings
    {
        [CommandArgument(0, "<experts>")]
        [Description("experts.csv (UTF-8) or .xlsx with the header name,organisation,tracks,former_employers,relations[,credit_code].")]
        public string File { get; init; } = "";
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        logLevel.Minimum = settings.LogLevel;
        var result = await PanelCommandBase.GuardAsync(() => mediator.Send(new ImportExperts.Command(settings.Db!, settings.File, settings.Who), cancellationToken));
        await Console.Error.WriteLineAsync($"{result.Added} experts added, {result.Updated} updated; {result.Conflicts.Length} conflicts of interest:");
        foreach (var c in result.Conflicts) await Console.Error.WriteLineAsync($"  {c.Expert} × {c.Source}: {c.Reason}");
        foreach (var w in result.Withdrawn) await Console.Error.WriteLineAsync($"  withdrawn (conflict found after assignment): {w}");
        return CliErrors.Ok;
    }
}
