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
    /// <summary>Calls made for one prompt that the server found too long for its context: the first, then up to two trimmed retries.</summary>
    private const int ContextRounds = 3;

    public async Task<ReviewOutcome> ReviewAsync(SubmissionAssessment assessment, Rubric? rubric, CancellationToken cancellationToken)
    {
        var prompt = ReviewPrompt.Build(assessment, rubric, options);
        if (prompt.Sentences.IsEmpty)
            return Fallback(assessment, "no-text", "no visible body text to send", []);
        string? trimmed = null;
        if (options.ContextTokens is { } configured && ContextFit.DocumentLimit(prompt, configured, options.MaxTokens, null) is { } fit)
        {
            if (fit <= 0)
                return Fallback(assessment, "context-too-long", $"Llm:ContextTokens ({configured}) leaves no room for the instructions beside Llm:MaxTokens ({options.MaxTokens})", []);
            prompt = ReviewPrompt.Build(assessment, rubric, options, maxInputCharacters: fit);
            trimmed = Trimmed(prompt, $"Llm:ContextTokens ({configured})");
        }

        CachedAnswer? answer = null;
        var fromCache = false;
        for (var round = 1; answer is null; round++)
        {
            answer = await cache.TryGetAsync(prompt.CacheKey, cancellationToken);
            fromCache = answer is not null;
            if (answer is not null) break;
            if (options.Replay)
                return Fallback(assessment, "replay-miss", "no cached answer for this prompt and model", []);
            if (NotConfigured() is { } problem)
                return Fallback(assessment, "not-configured", problem, []);

            var outcome = await chat.CompleteAsync(prompt, cancellationToken);
            if (outcome.Rejection is { Kind: RejectionKind.ContextTooLong } rejection)
            {
                // Trim the document to the context the server reported (or the one configured) and ask again.
                var context = rejection.ContextTokens ?? options.ContextTokens;
                var limit = context is { } n ? ContextFit.DocumentLimit(prompt, n, options.MaxTokens, rejection.PromptTokens) : null;
                if (round < ContextRounds && limit is > 0 && limit < prompt.DocumentLength)
                {
                    logger.LogInformation("{Source}: the prompt does not fit the server's context ({Context} tokens); trimming the document to {Limit} characters",
                        assessment.Source, context, limit);
                    prompt = ReviewPrompt.Build(assessment, rubric, options, maxInputCharacters: limit);
                    trimmed = Trimmed(prompt, $"the server's context ({context} tokens)");
                    continue;
                }
                var tried = trimmed is null ? "" : $"; {trimmed}, still too long";
                return Fallback(assessment, outcome.FailureCode!, outcome.FailureDetail + tried +
                    ": raise the server's context (llama-server -c, Ollama num_ctx, vLLM --max-model-len) or lower Llm:MaxTokens", []);
            }
            if (outcome.FailureCode is not null)
                return Fallback(assessment, outcome.FailureCode, outcome.FailureDetail!, []);
            answer = new CachedAnswer(options.Model!, outcome.Content!, outcome.PromptTokens, outcome.CompletionTokens, outcome.FinishReason);
            await cache.PutAsync(prompt.CacheKey, answer, cancellationToken);
        }

        var usage = new LlmUsage(answer.PromptTokens, answer.CompletionTokens, fromCache);
        if (answer.FinishReason == "length")
        {
            var cut = Fallback(assessment, "truncated", CutOff(answer), []);
            return cut with { Summary = cut.Summary with { Usage = usage } };
        }
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
            InputTrimmed = trimmed,
        }, review.Flags.AddRange(disagreements));
    }

    /// <summary>
    /// finish_reason "length": the answer stopped mid-way. Either it used all of Llm:MaxTokens, or the server's
    /// context filled up first (prompt and answer share it); the reason names the setting that would have helped.
    /// </summary>
    private string CutOff(CachedAnswer answer) =>
        answer.CompletionTokens > 0 && answer.CompletionTokens < options.MaxTokens
            ? $"the answer was cut off after {answer.CompletionTokens} tokens, before Llm:MaxTokens ({options.MaxTokens}) (finish_reason: length): " +
              "the server's context filled up; raise it (llama-server -c, Ollama num_ctx) or set Llm:ContextTokens so the document is trimmed to leave room"
            : $"the answer was cut off at Llm:MaxTokens ({options.MaxTokens} tokens, finish_reason: length); raise Llm:MaxTokens";

    private static string Trimmed(ReviewPrompt prompt, string why) =>
        $"the document was cut after {prompt.Sentences.Length} sentences ({prompt.DocumentLength} characters) to fit {why}";

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
