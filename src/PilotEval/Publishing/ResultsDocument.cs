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
    SubmissionResults Submissions,
    ImmutableArray<ResultsDocument.ShortlistResult> Shortlists,
    ImmutableArray<ResultsDocument.ExclusionResult> Exclusions,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] LlmRunItem? Llm = null)
{
    public const int CurrentSchemaVersion = 1;

    /// <summary>The call the run was for (rubrics/call.yaml): publish takes the programme year from here, not from the notice's date.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public CallItem? Call { get; init; }

    /// <param name="Year">The programme year, null when call.yaml does not state it.</param>
    public sealed record CallItem(string Name, int? Year, ImmutableArray<string> Tracks);

    /// <summary>
    /// The run that produced the file: id, PilotEval version, start and end, settings in force, SHA-256 of every
    /// submission file and rules file. First in the file, so an auditor sees it before any score.
    /// </summary>
    [JsonPropertyOrder(-1)]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public RunRecord? Run { get; init; }

    /// <summary>
    /// The near-duplicate pairs' connected groups, largest first: each member's flag names its closest few, and the
    /// groups show the panel which applications share one text without a line for every pair.
    /// </summary>
    public ImmutableArray<DuplicateClusterItem> NearDuplicateClusters { get; init; } = [];

    /// <param name="Members">Sources in the group, in ordinal order.</param>
    /// <param name="Pairs">Near-duplicate pairs inside the group.</param>
    /// <param name="Highest">Highest estimated similarity of a pair in the group (0–1).</param>
    /// <param name="Lowest">Lowest estimated similarity of a pair in the group (0–1).</param>
    public sealed record DuplicateClusterItem(ImmutableArray<string> Members, int Pairs, double Highest, double Lowest);

    public sealed record RubricRef(string Track, string Name, string Sha256, string File);

    public sealed record Quote(string Quote_, string File, int? Page, int Paragraph,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Signal = null)
    {
        /// <summary>The outline path of the section the quote stands in (五、应用成效 / （一）…), or null.</summary>
        public string? Section { get; init; }

        /// <summary>Criterion evidence only: the signal's kind (keyword, quantity, change, certification, standard, patent, software-copyright).</summary>
        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public string? Kind { get; init; }

        /// <summary>Criterion evidence only: why the sentence satisfied the signal, in Chinese.</summary>
        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public string? Why { get; init; }

        /// <summary>Criterion evidence only: <c>full</c>, <c>half: plan</c> or <c>half: slogan</c>.</summary>
        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public string? Counted { get; init; }
    }

    /// <param name="Status">passed | failed | unconfirmed (nothing decisive stated; the reason names the missing statement).</param>
    /// <param name="Passed">True only for passed, for readers of the first contract.</param>
    public sealed record EligibilityItem(string Check, string Name, string Status, bool Passed, string Reason, Quote? Evidence)
    {
        /// <summary>What the enterprise should add to settle the check; absent when passed.</summary>
        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public string? Ask { get; init; }

        /// <summary>A person's decision that replaced PilotEval's outcome; absent when none.</summary>
        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public ConfirmationItem? Confirmation { get; init; }

        [JsonIgnore]
        public bool IsUnconfirmed => Status == Scoring.EligibilityStatuses.Unconfirmed;
    }

    /// <summary>Who confirmed or overruled a check, when, why, and what PilotEval had read (<paramref name="Was"/>).</summary>
    public sealed record ConfirmationItem(string Status, string By, DateTimeOffset At, string Reason, string? Was);

    public sealed record FlagItem(string Code, string Detail, string? File, int? Page, int? Paragraph);

    public sealed record CriterionItem(string Id, string Name, double Weight, string Level, double Score, string Rule,
        ImmutableArray<Quote> Evidence, ImmutableArray<string> Lacking,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] AdvisoryItem? Advisory = null)
    {
        /// <summary>The points the signals earned, which set the level.</summary>
        public double Points { get; init; }

        /// <summary>What the awarded level means, from the rubric's descriptors.</summary>
        public string? Descriptor { get; init; }
    }

    /// <summary>One cover field as read, with where it stands.</summary>
    public sealed record CoverFieldItem(string Label, string Value, string File, int? Page, int Paragraph);

    /// <summary>The cover (封面) as read: every field found, and the checks made on them.</summary>
    public sealed record CoverItem(ImmutableArray<CoverFieldItem> Fields, string? Contact, string? Date, string? CreditCode, bool? CreditCodeValid);

    public sealed record SummaryItem(string Method, string Text, string? FallbackReason,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Model = null,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] ImmutableArray<AdvisoryQuote>? Quotes = null,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? DroppedQuotes = null,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] TokensItem? Tokens = null,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? InputTrimmed = null);

    public sealed record ErrorItem(string File, string Code, string Message);

    public sealed record SubmissionResult(
        string Source,
        ImmutableArray<string> Files,
        string Status,
        string? Track,
        string? TrackSource,
        string? Enterprise,
        string? Project,
        bool? Eligible,
        ImmutableArray<EligibilityItem> Eligibility,
        ImmutableArray<FlagItem> Flags,
        double? Score,
        int? Rank,
        double? Coverage,
        ImmutableArray<CriterionItem> Criteria,
        SummaryItem? Summary,
        ImmutableArray<ErrorItem> Errors,
        string? Partners = null)
    {
        /// <summary>For an inferred track, the winner's share of matched signals; for a cover track, null.</summary>
        public double? TrackConfidence { get; init; }

        /// <summary>The track the content points to, whatever the cover says (differs from <c>track</c> when flagged <c>track-mismatch</c>).</summary>
        public string? ContentTrack { get; init; }

        /// <summary>The content track's share of all signals matched across tracks (0–1), whatever the cover says.</summary>
        public double? ContentConfidence { get; init; }

        public CoverItem? Cover { get; init; }

        /// <summary>Other submissions sharing much of this one's text, with the passages side by side (flag <c>text-reuse</c>).</summary>
        public ImmutableArray<TextReuseItem> TextReuse { get; init; } = [];
    }

    /// <param name="OtherFoundHere">Share of the other submission's text found in this one.</param>
    /// <param name="ThisFoundThere">Share of this submission's text found in the other one.</param>
    public sealed record TextReuseItem(string Other, double OtherFoundHere, double ThisFoundThere, ImmutableArray<ReusedPassageItem> Passages);

    /// <summary>A passage of the other submission beside its match in this one.</summary>
    public sealed record ReusedPassageItem(Quote Other, Quote Here);

    /// <param name="VerifiedEvidence">Quotes found verbatim in the text they cite: the tie-break after coverage.</param>
    public sealed record ShortlistEntryItem(int Rank, string Source, double Score, double Coverage, ImmutableArray<string> Flags,
        int VerifiedEvidence);

    public sealed record ShortlistResult(string Track, string Name, ImmutableArray<ShortlistEntryItem> Entries);

    /// <param name="Codes">The failed eligibility checks (ineligible) or the file error codes (unreadable).</param>
    /// <param name="Flags">The submission's flag codes: an excluded submission stays marked too.</param>
    public sealed record ExclusionResult(string Source, string? Track, string Reason, string Detail,
        ImmutableArray<string> Codes, ImmutableArray<string> Flags, double? Score);

    /// <summary>
    /// The document of a run. Its submissions are in brief when the run held them so (see <see cref="SubmissionResults"/>),
    /// each report reading the full ones back from the store as it writes them.
    /// </summary>
    public static ResultsDocument From(EvaluationRun run)
    {
        // The first shortlist entry of a source is its rank, as EvaluationRun.RankOf reads it; looked up once, not per submission.
        var ranks = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var entry in run.Shortlists.SelectMany(s => s.Entries)) ranks.TryAdd(entry.Source, entry.Rank);
        int? RankOf(string source) => ranks.TryGetValue(source, out var rank) ? rank : null;
        var ordered = run.Assessments
            .Select(a => (Assessment: a, Result: Submission(a, RankOf(a.Source))))
            .OrderBy(x => x.Result.Track is null ? 1 : 0).ThenBy(x => x.Result.Track, StringComparer.Ordinal)
            .ThenBy(x => x.Result.Rank ?? int.MaxValue)
            .ThenBy(x => x.Result.Source, StringComparer.Ordinal)
            .ToList();
        SubmissionResults submissions;
        if (run.Details is { } details)
        {
            var (read, expect) = details.Shared([.. ordered.Select(x => x.Assessment)], a => Submission(a, RankOf(a.Source)));
            submissions = SubmissionResults.Streamed(ordered.Select(x => x.Result), read, expect);
        }
        else
        {
            submissions = SubmissionResults.Create([.. ordered.Select(x => x.Result)]);
        }

        return new ResultsDocument(
            CurrentSchemaVersion,
            [.. run.Rubrics.Rubrics.OrderBy(r => r.Track, StringComparer.Ordinal)
                .Select(r => new RubricRef(r.Track, r.Name, r.Sha256, Path.GetFileName(r.SourceFile)))],
            submissions,
            [.. run.Shortlists.Select(s => new ShortlistResult(s.Track, s.TrackName,
                [.. s.Entries.Select(e => new ShortlistEntryItem(e.Rank, e.Source, e.Score, e.Coverage, e.Flags, e.EvidenceCount))]))],
            [.. run.Exclusions.Select(e => new ExclusionResult(e.Source, e.Track, e.Reason, e.Detail, e.Codes, e.Flags, e.Score))],
            LlmResults.RunUsage(run.Assessments))
        {
            Call = run.Rubrics.Call.SourceFile is null ? null
                : new CallItem(run.Rubrics.Call.Name, run.Rubrics.Call.Year, run.Rubrics.Call.Tracks),
            Run = run.Record,
            NearDuplicateClusters = [.. run.DuplicateClusters.Select(c => new DuplicateClusterItem(c.Members, c.Pairs,
                Math.Round(c.Highest, 3), Math.Round(c.Lowest, 3)))],
        };
    }

    private static SubmissionResult Submission(SubmissionAssessment a, int? rank) => new SubmissionResult(
        Source: a.Source,
        Files: a.Submission.Files,
        Status: a.Failed ? "failed" : "scored",
        Track: a.Track?.Track,
        TrackSource: a.Track?.Source,
        Enterprise: a.Cover.Enterprise,
        Project: a.Cover.Project,
        Eligible: a.Failed ? false : a.Eligible,
        Eligibility: [.. a.Eligibility.Select(e => new EligibilityItem(e.Check, e.Name, Scoring.EligibilityStatuses.Code(e.Status), e.Passed, e.Reason,
            e.Evidence is null ? null : ToQuote(e.Evidence, withSignal: false))
        {
            Ask = e.Ask,
            Confirmation = e.Confirmation is { } c
                ? new ConfirmationItem(Scoring.EligibilityStatuses.Code(c.Status), c.By, c.At, c.Reason,
                    c.Was is { } was ? Scoring.EligibilityStatuses.Code(was) : null)
                : null,
        })],
        Flags: [.. a.Flags.Select(f => new FlagItem(f.Code, f.Detail, f.Location?.File, f.Location?.Page, f.Location.BlockParagraph()))],
        Score: a.Scorecard?.Total,
        Rank: rank,
        Coverage: a.Scorecard?.Coverage,
        Criteria: [.. (a.Scorecard?.Criteria ?? []).Select(c => new CriterionItem(c.CriterionId, c.Name, c.Weight, c.Level,
            c.Score, c.Rule, [.. c.Evidence.Select(e => ToQuote(e, withSignal: true))], c.Lacking,
            LlmResults.Advisory(a.Summary, c.CriterionId))
        {
            Points = c.Points,
            Descriptor = c.Descriptor,
        })],
        Summary: LlmResults.Summary(a.Summary),
        Errors: [.. a.Errors.Select(e => new ErrorItem(e.File, e.Code, e.Message))],
        Partners: a.Cover.Get(Evidence.CoverLabels.Partners)?.Value)
    {
        TrackConfidence = a.Track?.Confidence,
        ContentTrack = a.Track?.ContentTrack,
        ContentConfidence = a.Track?.ContentConfidence,
        Cover = new CoverItem(
            [.. a.Cover.Fields.Select(f => new CoverFieldItem(f.Label, f.Value, f.Location.File, f.Location.Page, f.Location.Paragraph))],
            a.Cover.Contact,
            a.Cover.Date?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            a.Cover.CreditCode,
            a.Cover.CreditCodeValid),
        TextReuse = [.. a.TextReuse.Select(r => new TextReuseItem(r.Other, Math.Round(r.OtherFoundHere, 3), Math.Round(r.ThisFoundThere, 3),
            [.. r.Passages.Select(p => new ReusedPassageItem(
                new Quote(p.Text, p.Location.File, p.Location.Page, p.Location.Paragraph),
                new Quote(p.ReusedAs, p.ReusedAt.File, p.ReusedAt.Page, p.ReusedAt.Paragraph)))]))],
    };

    private static Quote ToQuote(Evidence.Evidence e, bool withSignal) =>
        new(e.Quote, e.Location.File, e.Location.Page, e.Location.Paragraph, withSignal ? e.Signal : null)
        {
            Section = e.Section,
            Kind = withSignal ? e.Kind : null,
            Why = withSignal ? e.Why : null,
            Counted = withSignal ? e.Counted : null,
        };
}
