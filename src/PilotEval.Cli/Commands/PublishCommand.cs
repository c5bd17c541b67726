using System.ComponentModel;
using System.Globalization;
using System.Text.Json;
using Mediator;
using PilotEval.Cli.Infrastructure;
using PilotEval.Publishing;
using Spectre.Console.Cli;

namespace PilotEval.Cli.Commands;

/// <summary>
/// <c>piloteval publish (--selected &lt;csv&gt; | --top N) [--results out/results.json] [--out dir]</c>:
/// the public notice and the exemplar casebook for the selected applications of the last run.
/// </summary>
public sealed class PublishCommand(IMediator mediator, LogLevelSwitch logLevel) : AsyncCommand<PublishCommand.Settings>
{
    public sealed class Settings : CommonSettings
    {
        [CommandOption("--selected <sources>")]
        [Description("The selected applications: a CSV file with sources in its first column, or sources separated by commas.")]
        public string? Selected { get; init; }

        [CommandOption("--top <n>")]
        [Description("Select the first N of each track's shortlist instead.")]
        public int? Top { get; init; }

        [CommandOption("--db <store>")]
        [Description("Publish the decision recorded with 'piloteval panel decide' in this panel store (a SQLite file or a PostgreSQL connection string); the store's copy of the run is used.")]
        public string? Db { get; init; }

        [CommandOption("--results <file>")]
        [Description("The results.json of the run to publish from.")]
        [DefaultValue("out/results.json")]
        public string Results { get; init; } = "out/results.json";

        [CommandOption("--out <dir>")]
        [Description("Where notice.docx and exemplars.docx are written (default: beside results.json).")]
        public string? Out { get; init; }

        [CommandOption("--issuer <name>")]
        [Description("Who issues the notice and receives objections.")]
        [DefaultValue(NoticeOptions.DefaultIssuer)]
        public string Issuer { get; init; } = NoticeOptions.DefaultIssuer;

        [CommandOption("--date <yyyy-mm-dd>")]
        [Description("Date of the notice; the 5-working-day objection period starts on it (default: today).")]
        public string? Date { get; init; }

        [CommandOption("--year <year>")]
        [Description("Programme year in the title (default: the year of --date).")]
        public int? Year { get; init; }

        [CommandOption("--contact <text>")]
        [Description("Phone and address for objections, printed in the notice.")]
        public string? Contact { get; init; }

        public override Spectre.Console.ValidationResult Validate()
        {
            if (new[] { Selected is not null, Top is not null, Db is not null }.Count(given => given) != 1)
                return Spectre.Console.ValidationResult.Error("give exactly one of --selected <sources>, --top <n> or --db <panel store>");
            if (Top is < 1) return Spectre.Console.ValidationResult.Error("--top must be a positive number");
            if (Db is null && !File.Exists(Results))
                return Spectre.Console.ValidationResult.Error($"results file '{Results}' does not exist (run 'piloteval evaluate' first, or pass --results)");
            if (Date is not null && !DateOnly.TryParseExact(Date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
                return Spectre.Console.ValidationResult.Error($"--date '{Date}' is not a date like 2024-12-02");
            return Spectre.Console.ValidationResult.Success();
        }
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        logLevel.Minimum = settings.LogLevel;
        var date = settings.Date is { } d
            ? DateOnly.ParseExact(d, "yyyy-MM-dd", CultureInfo.InvariantCulture)
            : DateOnly.FromDateTime(DateTime.Now);
        var options = new NoticeOptions(settings.Issuer, date, settings.Year ?? date.Year, settings.Contact);
        var panel = settings.Db is { } db ? await Panel.PanelCommandBase.GuardAsync(() => PilotEval.Panel.Decide.ReadAsync(db, cancellationToken)) : null;
        var outDir = settings.Out
            ?? (panel is null ? Path.GetDirectoryName(Path.GetFullPath(settings.Results))!
                : PilotEval.Panel.Store.PanelStore.IsPostgres(settings.Db!) ? Directory.GetCurrentDirectory() : Path.GetDirectoryName(Path.GetFullPath(settings.Db!))!);

        PublishNotice.Result result;
        try
        {
            result = await mediator.Send(new PublishNotice.Command(settings.Results, outDir,
                settings.Selected is { } s ? NoticeSelection.ParseSources(s) : [], settings.Top, options, panel), cancellationToken);
        }
        catch (JsonException ex)
        {
            throw new UsageException($"'{settings.Results}' is not a results.json written by 'piloteval evaluate': {ex.Message}");
        }

        if (!result.Refusals.IsEmpty)
        {
            throw new UsageException("the selection cannot be published; nothing was written:\n  " + string.Join("\n  ", result.Refusals));
        }
        foreach (var warning in result.Warnings) await Console.Error.WriteLineAsync("warning: " + warning);
        await Console.Error.WriteLineAsync(
            $"{result.Chosen.Length} applications in the notice. Wrote {string.Join(", ", result.Files.Select(f => Path.GetRelativePath(Directory.GetCurrentDirectory(), f)))}");
        return CliErrors.Ok;
    }
}
