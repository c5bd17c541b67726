using System.ComponentModel;
using Mediator;
using PilotEval.Cli.Infrastructure;
using PilotEval.Panel;
using PilotEval.Panel.Store;
using Spectre.Console.Cli;

namespace PilotEval.Cli.Commands.Panel;

/// <summary>
/// <c>piloteval panel account add --db panel.db --role secretariat --name 秘书处</c>: an account for
/// <c>piloteval serve</c> with a one-time password printed once on stdout (changed at first sign-in). The way to
/// create the first secretariat account; the secretariat creates the others in the browser.
/// </summary>
public sealed class PanelAccountAddCommand(IMediator mediator, LogLevelSwitch logLevel) : AsyncCommand<PanelAccountAddCommand.Settings>
{
    public sealed class Settings : PanelSettings
    {
        [CommandOption("--name <name>")]
        [Description("The account's sign-in name.")]
        public string? Name { get; init; }

        [CommandOption("--role <role>")]
        [Description("secretariat, chair or expert.")]
        public string? Role { get; init; }

        [CommandOption("--expert <name>")]
        [Description("For an expert account: the expert of the round (as in the experts file) it scores as.")]
        public string? Expert { get; init; }

        public override Spectre.Console.ValidationResult Validate() =>
            string.IsNullOrWhiteSpace(Name) ? Spectre.Console.ValidationResult.Error("--name <name> is required")
            : Role is null || !AccountRoles.All.Contains(Role) ? Spectre.Console.ValidationResult.Error($"--role must be one of {string.Join(", ", AccountRoles.All)}")
            : base.Validate();
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        logLevel.Minimum = settings.LogLevel;
        var result = await PanelCommandBase.GuardAsync(() => mediator.Send(new AddAccount.Command(settings.Db!, settings.Name!, settings.Role!, settings.Expert, settings.Who), cancellationToken));
        await Console.Error.WriteLineAsync($"Account '{result.Name}' ({result.Role}) created. One-time password (shown once; it must be changed at first sign-in):");
        Console.Out.WriteLine(result.OneTimePassword);
        return CliErrors.Ok;
    }
}

/// <summary><c>piloteval panel account reset --db panel.db --name 张伟</c>: a new one-time password; lifts a lockout.</summary>
public sealed class PanelAccountResetCommand(IMediator mediator, LogLevelSwitch logLevel) : AsyncCommand<PanelAccountResetCommand.Settings>
{
    public sealed class Settings : PanelSettings
    {
        [CommandOption("--name <name>")]
        [Description("The account's sign-in name.")]
        public string? Name { get; init; }

        public override Spectre.Console.ValidationResult Validate() =>
            string.IsNullOrWhiteSpace(Name) ? Spectre.Console.ValidationResult.Error("--name <name> is required") : base.Validate();
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        logLevel.Minimum = settings.LogLevel;
        var result = await PanelCommandBase.GuardAsync(() => mediator.Send(new ResetPassword.Command(settings.Db!, settings.Name!, settings.Who), cancellationToken));
        await Console.Error.WriteLineAsync($"New one-time password for '{result.Name}' (shown once; every session of the account has ended):");
        Console.Out.WriteLine(result.OneTimePassword);
        return CliErrors.Ok;
    }
}
