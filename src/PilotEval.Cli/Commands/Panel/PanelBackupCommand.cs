using System.ComponentModel;
using Mediator;
using PilotEval.Cli.Infrastructure;
using PilotEval.Panel;
using Spectre.Console.Cli;

namespace PilotEval.Cli.Commands.Panel;

/// <summary><c>piloteval panel backup --db panel.db backup.db</c>: a consistent copy as a SQLite file.</summary>
public sealed class PanelBackupCommand(IMediator mediator, LogLevelSwitch logLevel) : AsyncCommand<PanelBackupCommand.Settings>
{
    public sealed class Settings : PanelSettings
    {
        [CommandArgument(0, "<target>")]
        [Description("The SQLite file to write (must not exist).")]
        public string Target { get; init; } = "";
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        logLevel.Minimum = settings.LogLevel;
        var result = await PanelCommandBase.GuardAsync(() => mediator.Send(new BackupStore.Command(settings.Db!, settings.Target), cancellationToken));
        await Console.Error.WriteLineAsync($"Backed up to {PanelCommandBase.Relative(result.Target)} ({result.Bytes} bytes).");
        return CliErrors.Ok;
    }
}
