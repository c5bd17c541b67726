using Microsoft.EntityFrameworkCore;
using PilotEval.Cli.Infrastructure;
using PilotEval.Panel.Store;
using Spectre.Console.Cli;

namespace PilotEval.Cli.Commands.Panel;

/// <summary><c>piloteval panel audit --db panel.db</c>: the audit log, oldest first, one line per change (tab-separated).</summary>
public sealed class PanelAuditCommand(LogLevelSwitch logLevel) : AsyncCommand<PanelSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, PanelSettings settings, CancellationToken cancellationToken)
    {
        logLevel.Minimum = settings.LogLevel;
        var (store, _) = await PanelCommandBase.GuardAsync(() => PanelStore.OpenRoundAsync(settings.Db!, cancellationToken));
        await using var __ = store;
        await foreach (var a in store.Audit.AsNoTracking().OrderBy(a => a.Id).AsAsyncEnumerable().WithCancellation(cancellationToken))
            Console.Out.WriteLine(string.Join('\t', a.At.ToString("u", System.Globalization.CultureInfo.InvariantCulture), a.Who, a.Action, a.Subject, a.Previous ?? "", a.Current ?? ""));
        return CliErrors.Ok;
    }
}
