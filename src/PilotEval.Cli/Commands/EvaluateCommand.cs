using System.ComponentModel;
using Mediator;
using Microsoft.Extensions.Logging;
using PilotEval.Cli.Infrastructure;
using PilotEval.Integrity;
using PilotEval.Pipeline;
using PilotEval.Ranking;
using Spectre.Console.Cli;

namespace PilotEval.Cli.Commands;

/// <summary><c>piloteval evaluate &lt;submissions-dir&gt; [--rubrics rubrics] [--out out] [--quota n] [--min-score s]</c></summary>
public sealed class EvaluateCommand(IMediator mediator, LogLevelSwitch logLevel, ShortlistOptions configured,
    DuplicateOptions duplicates)
    : AsyncCommand<EvaluateCommand.Settings>
{
    public sealed class Settings : CommonSettings
    {
        [CommandArgument(0, "<submissions-dir>")]
        [Description("Directory of submissions: each file, or each sub-folder (application + attachments), is one submission.")]
        public string SubmissionsDirectory { get; init; } = "";

        [CommandOption("--rubrics <dir>")]
        [Description("Directory of rubric YAML files (one per track, plus eligibility.yaml).")]
        [DefaultValue("rubrics")]
        public string Rubrics { get; init; } = "rubrics";

        [CommandOption("--out <dir>")]
        [Description("Where results.json, shortlist.md and the other reports are written.")]
        [DefaultValue("out")]
        public string Out { get; init; } = "out";

        [CommandOption("--quota <n>")]
        [Description("Most shortlisted applications per track (overrides Shortlist:Quota). Default: no limit.")]
        public int? Quota { get; init; }

        [CommandOption("--min-score <score>")]
        [Description("Lowest score (0-100) that can be shortlisted (overrides Shortlist:MinimumScore). Default: 0.")]
        public double? MinScore { get; init; }

        public override Spectre.Console.ValidationResult Validate()
        {
            if (!Directory.Exists(SubmissionsDirectory))
                return Spectre.Console.ValidationResult.Error($"submissions directory '{SubmissionsDirectory}' does not exist");
            if (Quota is < 1) return Spectre.Console.ValidationResult.Error($"--quota must be at least 1 (got {Quota})");
            if (MinScore is < 0 or > 100) return Spectre.Console.ValidationResult.Error($"--min-score must be between 0 and 100 (got {MinScore})");
            return Spectre.Console.ValidationResult.Success();
        }
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        logLevel.Minimum = settings.LogLevel;
        // Flags win over configuration; a bad configured value is the user's to fix, so it is a usage error.
        var shortlist = configured with
        {
            Quota = settings.Quota ?? configured.Quota,
            MinimumScore = settings.MinScore ?? configured.MinimumScore,
        };
        if ((shortlist.Problem() ?? duplicates.Problem()) is { } problem) throw new UsageException(problem);
        var result = await mediator.Send(
            new EvaluateSubmissions.Command(settings.SubmissionsDirectory, settings.Rubrics, settings.Out, shortlist), cancellationToken);

        var run = result.Run;
        var failed = run.Assessments.Count(a => a.Failed);
        var ranked = run.Shortlists.Sum(s => s.Entries.Length);
        await Console.Error.WriteLineAsync(
            $"{run.Assessments.Length} submissions: {run.Assessments.Length - failed} read, {failed} failed, {ranked} shortlisted. " +
            $"Wrote {string.Join(", ", result.Files.Select(f => Path.GetRelativePath(Directory.GetCurrentDirectory(), f)))}");
        return CliErrors.Ok;
    }
}

/// <summary>Options every command shares.</summary>
public abstract class CommonSettings : CommandSettings
{
    [CommandOption("-v|--verbose")]
    [Description("Log every stage of every submission.")]
    public bool Verbose { get; init; }

    [CommandOption("-q|--quiet")]
    [Description("Log warnings and errors only.")]
    public bool Quiet { get; init; }

    public LogLevel LogLevel => Verbose ? LogLevel.Debug : Quiet ? LogLevel.Warning : LogLevel.Information;
}
