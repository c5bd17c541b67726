using System.ComponentModel;
using Mediator;
using Microsoft.Extensions.Hosting;
using PilotEval.Cli.Commands.Panel;
using PilotEval.Cli.Infrastructure;
using PilotEval.Panel;
using PilotEval.Panel.Store;
using PilotEval.Web;
using Spectre.Console.Cli;

namespace PilotEval.Cli.Commands;

/// <summary>
/// <c>piloteval serve --db panel.db [--urls http://127.0.0.1:5080] [--submissions dir]</c>: the panel round in the
/// browser (PilotEval.Web), on the same store as <c>piloteval panel …</c>. Listens on loopback unless told otherwise.
/// </summary>
public sealed class ServeCommand(IMediator mediator, LogLevelSwitch logLevel) : AsyncCommand<ServeCommand.Settings>
{
    public sealed class Settings : CommonSettings
    {
        [CommandOption("--db <store>")]
        [Description("The panel store (a SQLite file or a PostgreSQL connection string), opened with 'panel open'.")]
        public string? Db { get; init; }

        [CommandOption("--urls <urls>")]
        [Description("Where to listen (default http://127.0.0.1:5080: this machine only; publish it through an HTTPS reverse proxy).")]
        [DefaultValue("http://127.0.0.1:5080")]
        public string Urls { get; init; } = "http://127.0.0.1:5080";

        [CommandOption("--submissions <dir>")]
        [Description("Where the applications' files are now, if they moved since 'evaluate' (default: the folder the run read).")]
        public string? Submissions { get; init; }

        [CommandOption("--rubrics <dir>")]
        [Description("The rubric folder, for the level descriptors shown beside each criterion (default: ./rubrics or the installed ones).")]
        public string? Rubrics { get; init; }

        [CommandOption("--behind-proxy")]
        [Description("Behind an HTTPS reverse proxy on this machine: trust its X-Forwarded-* headers, send cookies over HTTPS only.")]
        public bool BehindProxy { get; init; }

        public override Spectre.Console.ValidationResult Validate() =>
            string.IsNullOrWhiteSpace(Db) ? Spectre.Console.ValidationResult.Error("--db <store> is required (the panel store opened with 'piloteval panel open')")
            : Submissions is not null && !Directory.Exists(Submissions) ? Spectre.Console.ValidationResult.Error($"--submissions '{Submissions}' is not a folder")
            : Spectre.Console.ValidationResult.Success();
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        logLevel.Minimum = settings.LogLevel;
        // The store must hold a round before anyone signs in; and with no secretariat nobody could create accounts.
        await PanelCommandBase.GuardAsync(async Task<int> () =>
        {
            var (store, _) = await PanelStore.OpenRoundAsync(settings.Db!, cancellationToken);
            await store.DisposeAsync();
            return 0;
        });
        var accounts = await mediator.Send(new ListAccounts.Query(settings.Db!), cancellationToken);
        if (!accounts.Any(a => a.Role == AccountRoles.Secretariat))
        {
            await Console.Error.WriteLineAsync(
                "No secretariat account yet; nobody can sign in to create the others. Create one (it prints a one-time password, changed at first sign-in):\n" +
                $"  piloteval panel account add --db {Quote(PanelStore.Describe(settings.Db!))} --role secretariat --name 秘书处");
        }
        var args = new List<string> { "--Serve:Db=" + settings.Db, "--urls=" + settings.Urls };
        if (settings.Submissions is { } s) args.Add("--Serve:Submissions=" + Path.GetFullPath(s));
        if (settings.Rubrics is { } r) args.Add("--Serve:Rubrics=" + Path.GetFullPath(r));
        if (settings.BehindProxy) args.Add("--Serve:BehindProxy=true");
        var app = PanelSite.Create([.. args]);
        await Console.Error.WriteLineAsync($"Serving the panel round of {PanelStore.Describe(settings.Db!)} at {settings.Urls} (Ctrl+C to stop).");
        await app.StartAsync(cancellationToken);
        await app.WaitForShutdownAsync(cancellationToken);
        return CliErrors.Ok;
    }

    private static string Quote(string value) => value.Contains(' ') || value.Contains(';') ? $"\"{value}\"" : value;
}
