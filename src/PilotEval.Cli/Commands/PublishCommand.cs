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
public sealed partial class PublishCommand(IMediator mediator, LogLevelSwitch logLevel) : AsyncCommand<PublishCommand.Settings>
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
        [Description("Programme year in the title (default: the year of the evaluated call, from results.json).")]
        public int? Year { get; init; }

        [CommandOption("--contact <text>")]
        [Description("Required: phone and address for objections, printed in the notice (e.g. \"联系电话：010-12345678；地址：北京市…\").")]
        public string? Contact { get; init; }

        [CommandOption("--rubrics <dir>")]
        [Description("Rubrics folder holding holidays.yaml (the official holiday schedules the objection period is counted in) and lexicon.yaml (the form sections the casebook quotes from). Default: ./rubrics, else the installed rubrics.")]
        public string? Rubrics { get; init; }

        public override Spectre.Console.ValidationResult Validate()
        {
            if (new[] { Selected is not null, Top is not null, Db is not null }.Count(given => given) != 1)
                return Spectre.Console.ValidationResult.Error("give exactly one of --selected <sources>, --top <n> or --db <panel store>");
            if (Top is < 1) return Spectre.Console.ValidationResult.Error("--top must be a positive number");
            if (Db is null && !File.Exists(Results))
                return Spectre.Console.ValidationResult.Error($"results file '{Results}' does not exist (run 'piloteval evaluate' first, or pass --results)");
            if (Date is not null && !DateOnly.TryParseExact(Date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
                return Spectre.Console.ValidationResult.Error($"--date '{Date}' is not a date like 2024-12-02");
            // A notice without a way to object cannot be published: the objection period would be empty words.
            if (string.IsNullOrWhiteSpace(Contact) || !PhoneNumber().IsMatch(Contact) || Contact.Count(c => c is >= '\u4e00' and <= '\u9fff') < 4)
                return Spectre.Console.ValidationResult.Error(
                    "--contact is required: the phone and the address for objections, e.g. --contact \"联系电话：010-12345678；地址：北京市海淀区…\"");
            return Spectre.Console.ValidationResult.Success();
        }
    }

    /// <summary>The programme year the evaluated run recorded, read without trusting the rest of the file.</summary>
    private static int? CallYear(string resultsJson)
    {
        try
        {
            using var json = JsonDocument.Parse(resultsJson);
            return json.RootElement.TryGetProperty("call", out var call) && call.TryGetProperty("year", out var y) && y.ValueKind == JsonValueKind.Number
                ? y.GetInt32()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"\d[\d\- ]{6,}\d")]
    private static partial System.Text.RegularExpressions.Regex PhoneNumber();

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        logLevel.Minimum = settings.LogLevel;
        var date = settings.Date is { } d
            ? DateOnly.ParseExact(d, "yyyy-MM-dd", CultureInfo.InvariantCulture)
            : DateOnly.FromDateTime(DateTime.Now);
        var panel = settings.Db is { } db ? await Panel.PanelCommandBase.GuardAsync(() => PilotEval.Panel.Decide.ReadAsync(db, cancellationToken)) : null;
        var rubrics = RubricsFolder.Resolve(settings.Rubrics);
        var calendarPath = Path.Combine(rubrics, WorkingCalendar.FileName);
        var lexiconPath = Path.Combine(rubrics, Language.Lexicon.FileName);
        var calendar = File.Exists(calendarPath) ? WorkingCalendar.Load(calendarPath) : WorkingCalendar.WeekendsOnly;
        var year = settings.Year ?? CallYear(panel?.ResultsJson ?? await File.ReadAllTextAsync(settings.Results, cancellationToken));
        if (year is null)
        {
            await Console.Error.WriteLineAsync($"warning: results.json names no programme year (rubrics/call.yaml: year); the notice uses {date.Year}, the year of its date");
        }
        var options = new NoticeOptions(settings.Issuer, date, year ?? date.Year, settings.Contact) {
            Calendar = calendar,
            Lexicon = File.Exists(lexiconPath) ? Language.Lexicon.Load(lexiconPath).Evidence : Language.EvidenceLexicon.Default,
        };
        var (_, end) = options.ObjectionPeriod();
        if (!calendar.Covers(date) || !calendar.Covers(end))
        {
            await Console.Error.WriteLineAsync(
                $"warning: {calendarPath} has no official holiday schedule for {(calendar.Covers(date) ? end.Year : date.Year)}; the objection period counts weekends only — add that year's schedule and check the dates by hand");
        }
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
