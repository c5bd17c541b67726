using System.Collections.Immutable;
using PilotEval.Pipeline;
using PilotEval.Summaries;

namespace PilotEval.Publishing;

/// <summary>The model's advisory level beside a criterion's rule-based one, with its verified quotes.</summary>
/// <param name="Disagrees">Two or more levels from the rule-based level; the submission then has an <c>llm-disagreement</c> flag.</param>
public sealed record AdvisoryItem(string Level, string Rationale, ImmutableArray<AdvisoryQuote> Quotes, int DroppedQuotes, bool Disagrees);

/// <summary>A verified quote of the model, where it stands, and the id the sentence had in the prompt.</summary>
public sealed record AdvisoryQuote(string Quote_, string File, int? Page, int Paragraph, string Sentence);

public sealed record TokensItem(int Prompt, int Completion);

/// <summary>
/// The run's use of the model: reviews used, fallbacks, quotes dropped and tokens (cached answers count
/// with the tokens they cost when made, so a replay writes the same numbers).
/// </summary>
public sealed record LlmRunItem(string? Model, int Reviewed, int Fallbacks, int DroppedQuotes, TokensItem Tokens);

/// <summary>Maps the LLM part of the run state onto results.json; absent from the file for an offline run.</summary>
public static class LlmResults
{
    public static ResultsDocument.SummaryItem? Summary(Summary? summary)
    {
        if (summary is null) return null;
        var reviewed = summary.Method == Summaries.Summary.Llm;
        return new ResultsDocument.SummaryItem(summary.Method, summary.Text, summary.FallbackReason,
            Model: summary.Model,
            Quotes: reviewed ? [.. summary.Quotes.Select(ToQuote)] : null,
            DroppedQuotes: reviewed ? summary.DroppedQuotes : null,
            Tokens: summary.Usage is { } u ? new TokensItem(u.PromptTokens, u.CompletionTokens) : null,
            InputTrimmed: reviewed ? summary.InputTrimmed : null);
    }

    public static AdvisoryItem? Advisory(Summary? summary, string criterionId)
    {
        var advisory = summary?.Advisories.FirstOrDefault(a => a.CriterionId == criterionId);
        return advisory is null ? null
            : new AdvisoryItem(advisory.Level, advisory.Rationale, [.. advisory.Quotes.Select(ToQuote)], advisory.DroppedQuotes, advisory.Disagrees);
    }

    public static LlmRunItem? RunUsage(ImmutableArray<SubmissionAssessment> assessments)
    {
        var summaries = assessments.Select(a => a.Summary).OfType<Summary>()
            .Where(s => s.Model is not null || s.FallbackReason is not null).ToList();
        if (summaries.Count == 0) return null;
        return new LlmRunItem(
            summaries.Select(s => s.Model).FirstOrDefault(m => m is not null),
            summaries.Count(s => s.Method == Summaries.Summary.Llm),
            summaries.Count(s => s.FallbackReason is not null),
            summaries.Sum(s => s.DroppedQuotes),
            new TokensItem(summaries.Sum(s => s.Usage?.PromptTokens ?? 0), summaries.Sum(s => s.Usage?.CompletionTokens ?? 0)));
    }

    private static AdvisoryQuote ToQuote(CitedQuote q) => new(q.Quote, q.Location.File, q.Location.Page, q.Location.Paragraph, q.SentenceId);
}
