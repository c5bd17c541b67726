using System.Collections.Immutable;
using PilotEval.Documents;
using PilotEval.Evidence;
using PilotEval.Integrity;
using PilotEval.Scoring;
using PilotEval.Summaries;

namespace PilotEval.Pipeline;

/// <summary>One submission as found in the submissions directory: a file, or a folder of application and attachments.</summary>
/// <param name="Source">The file or folder name relative to the submissions directory; the submission's identity.</param>
/// <param name="Root">The submissions directory.</param>
/// <param name="Files">Paths of its files relative to <paramref name="Root"/>, application first.</param>
public sealed record SubmissionSource(string Source, string Root, ImmutableArray<string> Files);

/// <summary>The pipeline stages, in the order the orchestrator runs them.</summary>
public enum Stage
{
    Ingest,
    ScreenIntegrity,
    ExtractEvidence,
    Score,
    Summarize,
}

/// <summary>
/// The typed run state of one submission. Each stage takes it and returns a new one with its own
/// part filled in; <see cref="Completed"/> records which stages finished, so a report can say how far
/// a submission got and a failure never loses what was already done.
/// </summary>
public sealed record SubmissionAssessment(SubmissionSource Submission)
{
    public ImmutableArray<DocumentText> Documents { get; init; } = [];
    public ImmutableArray<FileError> Errors { get; init; } = [];
    public ImmutableArray<DocumentFlag> Flags { get; init; } = [];
    public IntegrityScreen Integrity { get; init; } = IntegrityScreen.None;
    public CoverFields Cover { get; init; } = CoverFields.None;
    /// <summary>The outline of each file (numbered and styled headings), set by ExtractEvidence.</summary>
    public SectionMap Sections { get; init; } = SectionMap.Empty;
    public TrackDecision? Track { get; init; }
    public ImmutableArray<CriterionEvidence> Evidence { get; init; } = [];
    public ImmutableArray<EligibilityResult> Eligibility { get; init; } = [];
    public Scorecard? Scorecard { get; init; }
    public Summary? Summary { get; init; }
    /// <summary>Other submissions that share much of this one's text, with the passages (set by DetectDuplicates).</summary>
    public ImmutableArray<TextReuseFinding> TextReuse { get; init; } = [];
    public ImmutableHashSet<Stage> Completed { get; init; } = [];

    /// <summary>
    /// Set once the per-submission stages are done and the documents' blocks were let go (they are in the store, by
    /// content): what the run-level stages would otherwise have read from them. Null while the text is held.
    /// </summary>
    public ReleasedText? Released { get; init; }

    public string Source => Submission.Source;

    /// <summary>Nothing in the submission could be read, or a stage failed on it.</summary>
    public bool Failed => Errors.Any(e => e.Code == FileErrorCodes.InternalError) ||
                          Completed.Contains(Stage.Ingest) && !(Released?.Readable ?? Documents.Any(d => d.IsReadable));

    /// <summary>false when a check failed on a quoted statement, true when all passed, null when some are unconfirmed (or none ran).</summary>
    public bool? Eligible => EligibilityStatuses.Eligible([.. Eligibility.Select(e => e.Status)]);

    /// <summary>
    /// Sentences of all readable files, the application and its attachments, without the cover fields wherever they are
    /// repeated (a project's name is what it claims, not evidence that it did it) and without injected instructions.
    /// Only the sentence holding a field is left out, so a body paragraph that also states 「注册地：…」 keeps
    /// its other sentences.
    /// </summary>
    public IReadOnlyList<Sentence> Sentences()
    {
        return [.. PilotEval.Evidence.Sentences.Of(Documents).Where(s => !Cover.Restates(s) && !Integrity.Withholds(s))];
    }

    /// <summary>
    /// The submission as the run holds it through the run-level stages once its result is in the store: everything
    /// the near-duplicate check, the shortlists and the reports' lists and tables read, without the quotes (the
    /// evidence found, each criterion's and each eligibility check's), which are most of a result. Whatever needs
    /// the quotes reads the full result back from the store (see <see cref="Store.SubmissionDetails"/>), so a run
    /// holds a few KB per submission rather than the whole result of every one.
    /// </summary>
    public SubmissionAssessment Brief() => this with
    {
        Evidence = [],
        Scorecard = Scorecard is { } scorecard ? scorecard with { Criteria = [.. scorecard.Criteria.Select(c => c with { Evidence = [] })] } : null,
        Eligibility = [.. Eligibility.Select(e => e with { Evidence = null })],
    };

    public SubmissionAssessment Finished(Stage stage) => this with { Completed = Completed.Add(stage) };

    public SubmissionAssessment WithFlags(IEnumerable<DocumentFlag> flags) => this with { Flags = Flags.AddRange(flags) };
}

/// <summary>What a submission's text told the run-level stages, kept when the text itself is let go.</summary>
/// <param name="Readable">At least one of its files was read.</param>
/// <param name="VerifiedEvidence">Quotes found verbatim in the blocks they cite (the shortlists' tie-break).</param>
public sealed record ReleasedText(bool Readable, int VerifiedEvidence);
