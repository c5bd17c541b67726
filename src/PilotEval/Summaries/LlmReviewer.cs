using System.Collections.Immutable;
using Microsoft.Extensions.Logging;
using PilotEval.Documents;
using PilotEval.Pipeline;
using PilotEval.Rubrics;

namespace PilotEval.Summaries;

/// <summary>The review of one submission: the summary to publish and the flags it raised.</summary>
public sealed record ReviewOutcome(Summary Summary, ImmutableArray<DocumentFlag> Flags);

/// <summary>
/// Reviews one submission with the configured model: builds the spotlighted, redacted prompt, answers from
/// the cache when it can (and only from it in replay mode), calls the model otherwise, and validates the
/// answer. Whatever goes wrong, the panel still gets the extractive summary, with the reason recorded.
/// </summary>
public sealed class LlmReviewer(LlmOptions options, LlmCredentials credentials, LlmChat chat, LlmResponseCache cache, ILogger<LlmReviewer> logger)
{
    public async Task<ReviewOutcome> ReviewAsync(SubmissionAssessment assessment, Rubric? rubric, CancellationToken cancellationToken)
    {
        var prompt = ReviewPrompt.Build(assessment, rubric, options);
        if (prompt.Sentences.IsEmpty)
            return Fallback(assessment, "no-text", "no visible body text to send", []);
        var answer = await cache.TryGetAsync(prompt.CacheKey, cancellationToken);
        var fromCache = answer is not null;
        if (answer is null)
        {
            if (options.Replay)
                return Fallback(assessment, "replay-miss", "no cached answer for this prompt and model", []);
            if (NotConfigured() is { } problem)
                return Fallback(assessment, "not-configured", problem, []);

            var outcome = await chat.CompleteAsync(prompt, cancellationToken);
            if (outcome.FailureCode is not null)
                return Fallback(assessment, outcome.FailureCode, outcome.FailureDetail!, []);
            answer = new CachedAnswer(options.Model!, outcome.Content!, outcome.PromptTokens, outcome.CompletionTokens);
            await cache.PutAsync(prompt.CacheKey, answer, cancellationToken);
        }

        var usage = new LlmUsage(answer.PromptTokens, answer.CompletionTokens, fromCache);
        var known = assessment.Flags.Where(f => f.Code == FlagCodes.PromptInjection && f.Location is not null)
            .SelectMany(f => InjectedText(assessment, f.Location!));
        var review = ReviewInterpreter.Interpret(prompt, answer.Content, known);
        logger.LogDebug("LLM review of {Source}: {Outcome}{Cached}", assessment.Source, review.FailureCode ?? "ok", fromCache ? " (cached)" : "");
        if (!review.Succeeded)
        {
            var fallback = Fallback(assessment, review.FailureCode!, review.FailureDetail!, review.Flags);
            return fallback with { Summary = fallback.Summary with { Usage = usage } };
        }

        var rules = assessment.Scorecard?.Criteria.Select(c => (c.CriterionId, c.Name, c.Level)) ?? [];
        var (advisories, disagreements) = ReviewInterpreter.Disagreements(review.Advisories, rules, prompt.Levels);
        return new ReviewOutcome(new Summary(Summary.Llm, review.SummaryText)
        {
            Model = options.Model,
            Quotes = review.SummaryQuotes,
            DroppedQuotes = review.DroppedQuotes,
            Advisories = advisories,
            Usage = usage,
        }, review.Flags.AddRange(disagreements));
    }

    /// <summary>Why a call cannot be made as configured, or null. The CLI reports these as usage errors before the run.</summary>
    public string? NotConfigured()
    {
        if (!Uri.TryCreate(options.Endpoint, UriKind.Absolute, out var endpoint) || endpoint.Scheme is not ("http" or "https"))
            return "Llm:Endpoint (--llm-endpoint) is not an http(s) URL";
        if (string.IsNullOrWhiteSpace(options.Model))
            return "Llm:Model (--llm-model) is not set";
        if (options.Provider == LlmProvider.Azure && credentials.ApiKey() is null)
            return LlmCredentials.Variable + " is not set (Azure OpenAI needs a key)";
        return null;
    }

    private ReviewOutcome Fallback(SubmissionAssessment assessment, string code, string detail, ImmutableArray<DocumentFlag> flags)
    {
        logger.LogInformation("{Source}: extractive summary instead of the model ({Code}: {Detail})", assessment.Source, code, detail);
        return new ReviewOutcome(new Summary(Summary.Extractive, ExtractiveSummarizer.Summarize(assessment.Sentences()), $"{code}: {detail}")
        {
            Model = options.Model,
        }, flags);
    }

    /// <summary>The visible text of a block another stage flagged as an instruction, so the answer can be checked for echoes.</summary>
    private static IEnumerable<string> InjectedText(SubmissionAssessment assessment, SourceLocation location) =>
        assessment.Documents.Where(d => d.File == location.File)
            .SelectMany(d => d.Blocks)
            .Where(b => b.Location == location)
            .SelectMany(b => new[] { b.Text, b.HiddenText ?? "" })
            .Where(t => t.Length > 0)
            .Select(PromptSanitizer.Clean);
}
