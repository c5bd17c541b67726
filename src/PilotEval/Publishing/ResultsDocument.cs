using System.Collections.Immutable;
using System.Text.Json.Serialization;
using PilotEval.Documents;
using PilotEval.Pipeline;

namespace PilotEval.Publishing;

/// <summary>
/// <c>results.json</c>, exactly as DESIGN.md's contract describes it (schema version 1), plus a few
/// welcome extras (coverage, rule, lacking, exclusions, partners = 联合申报单位 for the public notice).
/// Field order here is the order in the file.
/// </summary>
public sealed record ResultsDocument(
    int SchemaVersion,
    ImmutableArray<ResultsDocument.RubricRef> Rubrics,
    ImmutableArray<ResultsDocument.SubmissionResult> Submissions,
    ImmutableArray<ResultsDocument.ShortlistResult> Shortlists,
    ImmutableArray<ResultsDocument.ExclusionResult> Exclusions,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] LlmRunItem? Llm = null)
{
    public const int CurrentSchemaVersion = 1;

    public sealed record RubricRef(string Track, string Name, string Sha256, string File);

    public sealed record Quote(string Quote_, string File, int? Page, int Paragraph,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Signal = null);

    public sealed record EligibilityItem(string Check, string Name, bool Passed, string Reason, Quote? Evidence);

    public sealed record FlagItem(string Code, string Detail, string? File, int? Page, int? Paragraph);

    public sealed record CriterionItem(string Id, string Name, double Weight, string Level, double Score, string Rule,
        ImmutableArray<Quote> Evidence, ImmutableArray<string> Lacking,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] AdvisoryItem? Advisory = null);

    public sealed record SummaryItem(string Method, string Text, string? FallbackReason,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Model = null,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] ImmutableArray<AdvisoryQuote>? Quotes = null,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? DroppedQuotes = null,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] TokensItem? Tokens = null);

    public sealed record ErrorItem(string File, string Code, string Message);

    public sealed record SubmissionResult(
        string Source,
        ImmutableArray<string> Files,
        string Status,
        string? Track,
        string? TrackSource,
        string? Enterprise,
        string? Project,
        bool Eligible,
        ImmutableArray<EligibilityItem> Eligibility,
        ImmutableArray<FlagItem> Flags,
        double? Score,
        int? Rank,
        double? Coverage,
        ImmutableArray<CriterionItem> Criteria,
        SummaryItem? Summary,
        ImmutableArray<ErrorItem> Errors,
        string? Partners = null);

    /// <param name="VerifiedEvidence">Quotes found verbatim in the text they cite: the tie-break after coverage.</param>
    public sealed record ShortlistEntryItem(int Rank, string Source, double Score, double Coverage, ImmutableArray<string> Flags,
        int VerifiedEvidence);

    public sealed record ShortlistResult(string Track, string Name, ImmutableArray<ShortlistEntryItem> Entries);

    /// <param name="Codes">The failed eligibility checks (ineligible) or the file error codes (unreadable).</param>
    /// <param name="Flags">The submission's flag codes: an excluded submission stays marked too.</param>
    public sealed record ExclusionResult(string Source, string? Track, string Reason, string Detail,
        ImmutableArray<string> Codes, ImmutableArray<string> Flags, double? Score);

    public static ResultsDocument From(EvaluationRun run)
    {
        var submissions = run.Assessments
            .Select(a => Submission(a, run.RankOf(a.Source)))
            .OrderBy(s => s.Track is null ? 1 : 0).ThenBy(s => s.Track, StringComparer.Ordinal)
            .ThenBy(s => s.Rank ?? int.MaxValue)
            .ThenBy(s => s.Source, StringComparer.Ordinal)
            .ToImmutableArray();

        return new ResultsDocument(
            CurrentSchemaVersion,
            [.. run.Rubrics.Rubrics.OrderBy(r => r.Track, StringComparer.Ordinal)
                .Select(r => new RubricRef(r.Track, r.Name, r.Sha256, Path.GetFileName(r.SourceFile)))],
            submissions,
            [.. run.Shortlists.Select(s => new ShortlistResult(s.Track, s.TrackName,
                [.. s.Entries.Select(e => new ShortlistEntryItem(e.Rank, e.Source, e.Score, e.Coverage, e.Flags, e.EvidenceCount))]))],
            [.. run.Exclusions.Select(e => new ExclusionResult(e.Source, e.Track, e.Reason, e.Detail, e.Codes, e.Flags, e.Score))],
            LlmResults.RunUsage(run.Assessments));
    }

    private static SubmissionResult Submission(SubmissionAssessment a, int? rank) => new(
        Source: a.Source,
        Files: a.Submission.Files,
        Status: a.Failed ? "failed" : "scored",
        Track: a.Track?.Track,
        TrackSource: a.Track?.Source,
        Enterprise: a.Cover.Enterprise,
        Project: a.Cover.Project,
        Eligible: !a.Failed && a.Eligible,
        Eligibility: [.. a.Eligibility.Select(e => new EligibilityItem(e.Check, e.Name, e.Passed, e.Reason,
            e.Evidence is null ? null : ToQuote(e.Evidence, withSignal: false)))],
        Flags: [.. a.Flags.Select(f => new FlagItem(f.Code, f.Detail, f.Location?.File, f.Location?.Page, f.Location?.Paragraph))],
        Score: a.Scorecard?.Total,
        Rank: rank,
        Coverage: a.Scorecard?.Coverage,
        Criteria: [.. (a.Scorecard?.Criteria ?? []).Select(c => new CriterionItem(c.CriterionId, c.Name, c.Weight, c.Level,
            c.Score, c.Rule, [.. c.Evidence.Select(e => ToQuote(e, withSignal: true))], c.Lacking,
            LlmResults.Advisory(a.Summary, c.CriterionId)))],
        Summary: LlmResults.Summary(a.Summary),
        Errors: [.. a.Errors.Select(e => new ErrorItem(e.File, e.Code, e.Message))],
        Partners: a.Cover.Get(Evidence.CoverLabels.Partners)?.Value);

    private static Quote ToQuote(Evidence.Evidence e, bool withSignal) =>
        new(e.Quote, e.Location.File, e.Location.Page, e.Location.Paragraph, withSignal ? e.Signal : null);
}
