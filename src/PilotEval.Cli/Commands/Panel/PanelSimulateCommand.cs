using System.ComponentModel;
using System.Globalization;
using PilotEval.Cli.Infrastructure;
using PilotEval.Panel;
using Spectre.Console.Cli;

namespace PilotEval.Cli.Commands.Panel;

/// <summary><c>piloteval panel simulate --seeds 200</c>: calibration on simulated panels with planted severities.</summary>
public sealed class PanelSimulateCommand : Command<PanelSimulateCommand.Settings>
{
    public sealed class Settings : CommonSettings
    {
        [CommandOption("--seeds <n>")]
        [Description("Number of simulated panels.")]
        [DefaultValue(200)]
        public int Seeds { get; init; } = 200;
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var s = new CalibrationSimulation.Settings();
        var o = CalibrationSimulation.Run(settings.Seeds, s);
        var c = CultureInfo.InvariantCulture;
        Console.Out.WriteLine(string.Create(c, $"{o.Seeds} simulated panels: {s.Applications} applications, {s.Experts} experts, {s.PerApplication} per application, top {s.TopK}; quality sd {s.QualitySd}, severity sd {s.SeveritySd}, noise sd {s.NoiseSd}"));
        Console.Out.WriteLine(string.Create(c, $"fitted vs planted severity: mean Pearson r = {o.SeverityCorrelation:0.000}"));
        Console.Out.WriteLine(string.Create(c, $"true top {s.TopK} recovered exactly: calibrated {o.CalibratedExact}/{o.Seeds}, trimmed mean {o.RawExact}/{o.Seeds}"));
        Console.Out.WriteLine(string.Create(c, $"share of the true top {s.TopK} in the top {s.TopK}: calibrated {o.CalibratedOverlap:0.000}, trimmed mean {o.RawOverlap:0.000}"));
        Console.Out.WriteLine(string.Create(c, $"seeds where calibrated recovers more: {o.CalibratedBetter}; trimmed mean more: {o.RawBetter}"));
        return CliErrors.Ok;
    }
}
