using System.Collections.Immutable;
using System.ComponentModel;
using Mediator;
using Microsoft.Extensions.Configuration;
using PilotEval.Cli.Infrastructure;
using PilotEval.Panel;
using PilotEval.Publishing;
using Spectre.Console.Cli;

namespace PilotEval.Cli.Commands.Panel;

/// <summary>
/// <c>piloteval panel decide --db panel.db --select a.docx,b.pdf [--reason b.pdf=…] [--confirm c.docx=in-operation:…]</c>
/// </summary>
public sealed class PanelDecideCommand(IMediator mediator, IConfiguration configuration, LogLevelSwitch logLevel) : AsyncCommand<PanelDecideCommand.Settings>
{
    public sealed class Settings : PanelSettings
    {
        [CommandOption("--select <sources>")]
        [Description("The selected applications: a CSV file with sources in its first column, or sources separated by commas.")]
        public string? Select { get; init; }

        [CommandOption("--reason <source=text>")]
        [Description("Why the decision departs from the ranking for this application (repeatable).")]
        public string[] Reasons { get; init; } = [];

        [CommandOption("--confirm <source=check:note>")]
        [Description("A person's confirmation of a 待核实 eligibility check, with what was checked (repeatable).")]
        public string[] Confirm { get; init; } = [];

        [CommandOption("--rank-by <trimmed|calibrated>")]
        [Description("The ranking departures are measured against (Panel:RankBy).")]
        public string? RankBy { get; init; }

        public override Spectre.Console.ValidationResult Validate()
        {
            if (Select is null && Confirm.Length == 0) return Spectre.Console.ValidationResult.Error("give --select <sources> and/or --confirm <source=check:note>");
            if (Reasons.FirstOrDefault(r => !r.Contains('=')) is { } bad) return Spectre.Console.ValidationResult.Error($"--reason '{bad}' should be source=reason");
            if (Confirm.FirstOrDefault(c => !c.Contains('=')) is { } badConfirm) return Spectre.Console.ValidationResult.Error($"--confirm '{badConfirm}' should be source=check:note");
            return base.Validate();
        }
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        logLevel.Minimum = settings.LogLevel;
        var reasons = settings.Reasons.Select(r => r.Split('=', 2)).ToDictionary(p => p[0].Trim(), p => p[1].Trim(), StringComparer.Ordinal);
        var confirmations = settings.Confirm.Select(c =>
        {
            var (source, rest) = (c.Split('=', 2)[0].Trim(), c.Split('=', 2)[1]);
            var parts = rest.Split([':', '：'], 2);
            return new Decide.Confirmation(source, parts[0].Trim(), parts.Length > 1 ? parts[1].Trim() : "");
        }).ToList();
        var options = PanelCommandBase.Options(configuration, null, settings.RankBy, null);
        var result = await PanelCommandBase.GuardAsync(() => mediator.Send(new Decide.Command(settings.Db!, settings.Who,
            settings.Select is { } s ? NoticeSelection.ParseSources(s) : [], reasons.ToImmutableDictionary(StringComparer.Ordinal), [.. confirmations], options), cancellationToken));
        await Console.Error.WriteLineAsync($"Recorded {result.Confirmed} confirmations; {result.Selected.Length} applications selected, {result.Departures.Length} departures from the ranking with their reasons.");
        return CliErrors.Ok;
    }
}
