using System.Collections.Immutable;
using PilotEval.Documents;

namespace PilotEval.Summaries;

/// <summary>A summary for the panel, and with a model, its advisory review of each criterion.</summary>
/// <param name="Method"><c>extractive</c> (offline, deterministic) or <c>llm</c>.</param>
/// <param name="FallbackReason">Why a configured model was not used, or null.</param>
public sealed record Summary(string Method, string Text, string? FallbackReason = null)
{
    public const string Extractive = "extractive";
    public const string Llm = "llm";

    /// <summary>The model that wrote it (or was asked and failed); null for an offline run.</summary>
    public string? Model { get; init; }

    /// <summary>Verified quotes that back the summary.</summary>
    public ImmutableArray<CitedQuote> Quotes { get; init; } = [];

    /// <summary>Quotes the model gave that were not found in the sentence they named, over the whole review.</summary>
    public int DroppedQuotes { get; init; }

    /// <summary>The model's level per criterion, advisory only: the score stays rule-based.</summary>
    public ImmutableArray<CriterionAdvisory> Advisories { get; init; } = [];

    /// <summary>How the document was cut to fit the model's context, when it was: the model saw only that part. Null otherwise.</summary>
    public string? InputTrimmed { get; init; }

    /// <summary>Tokens of the call, or of the cached answer reused; null when no model answered.</summary>
    public LlmUsage? Usage { get; init; }
}

/// <summary>A quote the model gave, verified against the sentence it named; <paramref name="Quote"/> is verbatim from the text sent.</summary>
/// <param name="SentenceId">The id the sentence had in the prompt, e.g. <c>S12</c>.</param>
public sealed record CitedQuote(string Quote, string SentenceId, SourceLocation Location);

/// <summary>The model's advisory level for one criterion, beside the rule-based one.</summary>
/// <param name="DroppedQuotes">Quotes for this criterion that failed verification.</param>
public sealed record CriterionAdvisory(string CriterionId, string Level, string Rationale, ImmutableArray<CitedQuote> Quotes, int DroppedQuotes)
{
    /// <summary>Two or more levels from the rule-based level: the panel should look (an <c>llm-disagreement</c> flag).</summary>
    public bool Disagrees { get; init; }
}

/// <summary>Token usage of one review.</summary>
/// <param name="FromCache">The answer came from the cache (no call was made); kept out of results.json so a replay writes the same bytes.</param>
public sealed record LlmUsage(int PromptTokens, int CompletionTokens, bool FromCache);
