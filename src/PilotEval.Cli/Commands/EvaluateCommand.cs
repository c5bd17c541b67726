using System.ComponentModel;
using Mediator;
using Microsoft.Extensions.Logging;
using PilotEval.Cli.Infrastructure;
using PilotEval.Integrity;
using PilotEval.Pipeline;
using PilotEval.Ranking;
using PilotEval.Summaries;
using Spectre.Console.Cli;

namespace PilotEval.Cli.Commands;

/// <summary><c>piloteval evaluate &lt;submissions-dir&gt; [--rubrics rubrics] [--out out] [--quota n] [--min-score s] [--llm …]</c></summary>
public sealed class EvaluateCommand(IMediator mediator, LogLevelSwitch logLevel, ShortlistOptions configured,
    DuplicateOptions duplicates, LlmOptions llmOptions, LlmReviewer llmReviewer)
    : AsyncCommand<EvaluateCommand.Settings>
{
    public sealed class Settings : CommonSettings
    {
        [CommandArgument(0, "<submissions-dir>")]
        [Description("Directory of submissions: each file, or each sub-folder (application + attachments), is one submission.")]
        public string SubmissionsDirectory { get; init; } = "";

        [CommandOption("--rubrics <dir>")]
        [Description("Directory of rubric YAML files (one per track, plus eligibility.yaml and call.yaml). Default: ./rubrics, else the rubrics installed beside the program.")]
        public string? Rubrics { get; init; }

        [CommandOption("--out <dir>")]
        [Description("Where results.json, shortlist.md and the other reports are written.")]
        [DefaultValue("out")]
        public string Out { get; init; } = "out";

        [CommandOption("--store <file>")]
        [Description("The content-addressed store of what was read (SQLite); default <out>/store.db. Share one across runs and folders.")]
        public string? Store { get; init; }

        [CommandOption("--quota <n>")]
        [Description("Most shortlisted applications per track (overrides Shortlist:Quota). Default: no limit.")]
        public int? Quota { get; init; }

        [CommandOption("--min-score <score>")]
        [Description("Lowest score (0-100) that can be shortlisted (overrides Shortlist:MinimumScore). Default: 0.")]
        public double? MinScore { get; init; }

        [CommandOption("--confirmations <file>")]
        [Description("CSV of people's decisions on eligibility checks (source,check,status,by,at,reason), e.g. written by 'piloteval confirm'.")]
        public string? Confirmations { get; init; }

        [CommandOption("--llm <provider>")]
        [Description("none (default: no request leaves the machine), openai (any OpenAI-compatible server) or azure. Wins over Llm:Provider.")]
        public string? Llm { get; init; }

        [CommandOption("--llm-endpoint <url>")]
        [Description("OpenAI-compatible base URL ending in /v1, or the Azure OpenAI endpoint. The key comes only from PILOTEVAL_LLM_API_KEY.")]
        public string? LlmEndpoint { get; init; }

        [CommandOption("--llm-model <name>")]
        [Description("Model name, or the Azure deployment.")]
        public string? LlmModel { get; init; }

        [CommandOption("--llm-cache <dir>")]
        [Description("Where model answers are cached by prompt and model hash (default <out>/llm-cache).")]
        public string? LlmCache { get; init; }

        [CommandOption("--llm-replay")]
        [Description("Answer only from the cache, never call the model: reproduces a recorded run.")]
        public bool LlmReplay { get; init; }

        public override Spectre.Console.ValidationResult Validate()
        {
            if (!Directory.Exists(SubmissionsDirectory))
                return Spectre.Console.ValidationResult.Error($"submissions directory '{SubmissionsDirectory}' does not exist");
            if (Confirmations is not null && !File.Exists(Confirmations))
                return Spectre.Console.ValidationResult.Error($"confirmations file '{Confirmations}' does not exist");
            if (Quota is < 1) return Spectre.Console.ValidationResult.Error($"--quota must be at least 1 (got {Quota})");
            if (MinScore is < 0 or > 100) return Spectre.Console.ValidationResult.Error($"--min-score must be between 0 and 100 (got {MinScore})");
            if (Llm is not null && LlmOptions.ParseProvider(Llm) is null)
                return Spectre.Console.ValidationResult.Error($"--llm must be none, openai or azure, not '{Llm}'");
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
        ApplyLlmFlags(settings);
        // Everything a user can get wrong is checked before the first file is read.
        var rubrics = RubricsFolder.Resolve(settings.Rubrics);
        OutputFolder.EnsureWritable(settings.Out);
        if (SubmissionDiscovery.Find(settings.SubmissionsDirectory, settings.Out).IsEmpty)
        {
            throw new UsageException(
                $"submissions directory '{settings.SubmissionsDirectory}' holds no application files; nothing was evaluated and '{settings.Out}' was left as it was");
        }
        var result = await mediator.Send(
            new EvaluateSubmissions.Command(settings.SubmissionsDirectory, rubrics, settings.Out, shortlist, settings.Store, settings.Confirmations),
            cancellationToken);

        if (result.Standing is { } standing)
        {
            await Console.Error.WriteLineAsync(
                $"Nothing changed since run {standing.Run}: its {standing.Outputs.Length} output files stand, each verified by its SHA-256; nothing was written but a line in {Path.GetRelativePath(Directory.GetCurrentDirectory(), result.Files[0])}.");
            return CliErrors.Ok;
        }
        var run = result.Run;
        var failed = run.Assessments.Count(a => a.Failed);
        var ranked = run.Shortlists.Sum(s => s.Entries.Length);
        await Console.Error.WriteLineAsync(
            $"{run.Assessments.Length} submissions: {run.Assessments.Length - failed} read, {failed} failed, {ranked} shortlisted. " +
            $"Wrote {string.Join(", ", result.Files.Select(f => Path.GetRelativePath(Directory.GetCurrentDirectory(), f)))}");
        if (run.Assessments.Select(a => a.Summary).OfType<Summary>().Where(s => s.Model is not null).ToList() is { Count: > 0 } reviewed)
        {
            var used = reviewed.Where(s => s.Usage is not null).ToList();
            await Console.Error.WriteLineAsync(
                $"LLM {llmOptions.Model}: {reviewed.Count(s => s.Method == Summary.Llm)} reviewed, {reviewed.Count(s => s.FallbackReason is not null)} fell back; " +
                $"{used.Count(s => !s.Usage!.FromCache)} answers from the model, {used.Count(s => s.Usage!.FromCache)} from the cache; " +
                $"tokens {used.Sum(s => s.Usage!.PromptTokens)} prompt + {used.Sum(s => s.Usage!.CompletionTokens)} completion");
        }
        return CliErrors.Ok;
    }

    /// <summary>Flags win over appsettings.json and PILOTEVAL_Llm__* variables; --llm none switches the model off whatever they say.</summary>
    private void ApplyLlmFlags(Settings settings)
    {
        if (settings.Llm is not null) llmOptions.Provider = LlmOptions.ParseProvider(settings.Llm)!.Value;
        if (settings.LlmEndpoint is not null) llmOptions.Endpoint = settings.LlmEndpoint;
        if (settings.LlmModel is not null) llmOptions.Model = settings.LlmModel;
        if (settings.LlmReplay) llmOptions.Replay = true;
        if (settings.LlmCache is not null) llmOptions.CacheDirectory = settings.LlmCache;
        llmOptions.CacheDirectory ??= Path.Combine(settings.Out, "llm-cache");
        if (llmOptions.Enabled && llmOptions.Replay && string.IsNullOrWhiteSpace(llmOptions.Model))
            throw new UsageException("--llm-replay: the model (--llm-model) is part of every cache key and must be given");
        if (llmOptions.Enabled && !llmOptions.Replay && llmReviewer.NotConfigured() is { } problem)
            throw new UsageException($"--llm {llmOptions.Provider.ToString().ToLowerInvariant()}: {problem}");
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
