using System.ComponentModel;
using Mediator;
using PilotEval.Cli.Infrastructure;
using PilotEval.Pipeline;
using PilotEval.Scoring;
using Spectre.Console.Cli;

namespace PilotEval.Cli.Commands;

/// <summary>
/// <c>piloteval confirm &lt;submissions-dir&gt; --source S --check C --by NAME --reason WHY [--status passed|failed]
/// [--confirmations FILE] [--out out] [--rubrics rubrics]</c>: appends the decision to the confirmations file and
/// evaluates again with every confirmation in it, so results.json and every report show the decision, who made it,
/// when and why, and the shortlist and <c>publish</c> follow it. Re-evaluating (rather than patching the reports)
/// keeps one path from application to report: a failed confirmation moves the application to the exclusions.
/// </summary>
public sealed class ConfirmCommand(IMediator mediator, LogLevelSwitch logLevel) : AsyncCommand<ConfirmCommand.Settings>
{
    public sealed class Settings : CommonSettings
    {
        [CommandArgument(0, "<submissions-dir>")]
        [Description("The submissions directory that was evaluated.")]
        public string SubmissionsDirectory { get; init; } = "";

        [CommandOption("--source <file>")]
        [Description("The submission, as results.json names it (its file or folder name).")]
        public string? Source { get; init; }

        [CommandOption("--check <id>")]
        [Description("The eligibility check: registered-in-beijing, no-major-incident, in-operation, or one the rules define.")]
        public string? Check { get; init; }

        [CommandOption("--status <status>")]
        [Description("passed (default) or failed.")]
        [DefaultValue("passed")]
        public string Status { get; init; } = "passed";

        [CommandOption("--by <name>")]
        [Description("Who confirmed it.")]
        public string? By { get; init; }

        [CommandOption("--reason <text>")]
        [Description("Why: what was checked and where (营业执照、现场核验、承诺书…).")]
        public string? Reason { get; init; }

        [CommandOption("--confirmations <file>")]
        [Description("The confirmations file to append to (default <out>/confirmations.csv).")]
        public string? Confirmations { get; init; }

        [CommandOption("--rubrics <dir>")]
        [DefaultValue("rubrics")]
        public string Rubrics { get; init; } = "rubrics";

        [CommandOption("--out <dir>")]
        [DefaultValue("out")]
        public string Out { get; init; } = "out";

        public string ConfirmationsFile => Confirmations ?? Path.Combine(Out, "confirmations.csv");

        public override Spectre.Console.ValidationResult Validate()
        {
            if (!Directory.Exists(SubmissionsDirectory))
                return Spectre.Console.ValidationResult.Error($"submissions directory '{SubmissionsDirectory}' does not exist");
            foreach (var (name, value) in new[] { ("--source", Source), ("--check", Check), ("--by", By), ("--reason", Reason) })
            {
                if (string.IsNullOrWhiteSpace(value)) return Spectre.Console.ValidationResult.Error($"{name} is required");
            }
            if (EligibilityStatuses.Parse(Status) is not (EligibilityStatus.Passed or EligibilityStatus.Failed))
                return Spectre.Console.ValidationResult.Error($"--status must be passed or failed, not '{Status}'");
            return Spectre.Console.ValidationResult.Success();
        }
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        logLevel.Minimum = settings.LogLevel;
        var confirmation = new EligibilityConfirmation(settings.Source!.Trim(), settings.Check!.Trim(),
            EligibilityStatuses.Parse(settings.Status)!.Value, settings.By!.Trim(), DateTimeOffset.Now, settings.Reason!.Trim());

        // Checked against the submissions and rules before anything is written: a typo must not be recorded.
        var sources = SubmissionDiscovery.Find(settings.SubmissionsDirectory).Select(s => s.Source).ToList();
        var checks = Rubrics.RubricLoader.LoadDirectory(settings.Rubrics).Eligibility.Checks.Select(c => c.Id).ToList();
        if (Confirmations.Unmatched([confirmation], sources, checks).FirstOrDefault() is { } problem) throw new UsageException(problem);

        await Confirmations.AppendAsync(settings.ConfirmationsFile, confirmation, cancellationToken);
        var result = await mediator.Send(new EvaluateSubmissions.Command(settings.SubmissionsDirectory, settings.Rubrics, settings.Out,
            ConfirmationsFile: settings.ConfirmationsFile), cancellationToken);
        var assessment = result.Run.Assessments.First(a => a.Source == confirmation.Source);
        await Console.Error.WriteLineAsync(
            $"Recorded in {settings.ConfirmationsFile}: {confirmation.Source} {confirmation.Check} {settings.Status} by {confirmation.By}. " +
            $"Eligible now: {assessment.Eligible switch { true => "yes", false => "no", null => "unconfirmed" }}. Reports rewritten in {settings.Out}.");
        return CliErrors.Ok;
    }
}
