using System.ComponentModel;
using System.Globalization;
using Mediator;
using PilotEval.Cli.Infrastructure;
using PilotEval.Panel;
using Spectre.Console.Cli;

namespace PilotEval.Cli.Commands.Panel;

/// <summary><c>piloteval panel open --results out/results.json --db panel.db</c></summary>
public sealed class PanelOpenCommand(IMediator mediator, LogLevelSwitch logLevel) : AsyncCommand<PanelOpenCommand.Settings>
{
    public sealed class Settings : PanelSettings
    {
        [CommandOption("--results <file>")]
        [Description("The results.json of the run whose shortlisted and 待核实 applications the panel reviews.")]
        [DefaultValue("out/results.json")]
        public string Results { get; init; } = "out/results.json";

        [CommandOption("--as-of <yyyy-mm-dd>")]
        [Description("Reference day for the three-year rule on former employers (default: today).")]
        public string? AsOf { get; init; }

        public override Spectre.Console.ValidationResult Validate()
        {
            if (AsOf is not null && !DateOnly.TryParseExact(AsOf, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
                return Spectre.Console.ValidationResult.Error($"--as-of '{AsOf}' is not a date like 2024-11-20");
            return base.Validate();
        }
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        logLevel.Minimum = settings.LogLevel;
        DateOnly? asOf = settings.AsOf is { } a ? DateOnly.ParseExact(a, "yyyy-MM-dd", CultureInfo.InvariantCulture) : null;
        var result = await PanelCommandBase.GuardAsync(() => mediator.Send(new OpenRound.Command(settings.Db!, settings.Results, settings.Who, asOf), cancellationToken));
        await Console.Error.WriteLineAsync($"Opened the round: {result.Shortlisted} shortlisted and {result.Unconfirmed} 待核实 applications in {string.Join(", ", result.Tracks)}.");
        return CliErrors.Ok;
    }
}
