using System.ComponentModel;
using Mediator;
using PilotEval.Cli.Infrastructure;
using PilotEval.Panel;
using Spectre.Console.Cli;

namespace PilotEval.Cli.Commands.Panel;

/// <summary><c>piloteval panel assign --db panel.db [--k 5]</c></summary>
public sealed class PanelAssignCommand(IMediator mediator, LogLevelSwitch logLevel) : AsyncCommand<PanelAssignCommand.Settings>
{
    public sealed class Settings : PanelSettings
    {
        [CommandOption("-k|--per-application <n>")]
        [Description("Experts per application (default: every non-conflicted expert of the track panel).")]
        public int? K { get; init; }
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        logLevel.Minimum = settings.LogLevel;
        var result = await PanelCommandBase.GuardAsync(() => mediator.Send(new AssignExperts.Command(settings.Db!, settings.Who, settings.K), cancellationToken));
        await Console.Error.WriteLineAsync($"{result.Assignments.Length} assignments; load per expert: "
            + string.Join(", ", result.Load.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => $"{l.Key} {l.Value}")));
        foreach (var gap in result.Gaps)
            await Console.Error.WriteLineAsync($"  {gap.Source} has {gap.Assigned} of {gap.Wanted} experts: {gap.Reason}");
        return CliErrors.Ok;
    }
}
