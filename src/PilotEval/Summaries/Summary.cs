namespace PilotEval.Summaries;

/// <summary>A summary for the panel.</summary>
/// <param name="Method"><c>extractive</c> (offline, deterministic) or <c>llm</c>.</param>
/// <param name="FallbackReason">Why a configured model was not used, or null.</param>
public sealed record Summary(string Method, string Text, string? FallbackReason = null);
