using System.Collections.Immutable;
using System.Text.Json;
using PilotEval.Documents;
using PilotEval.Evidence;
using PilotEval.Integrity;
using PilotEval.Pipeline;
using PilotEval.Scoring;
using PilotEval.Summaries;

namespace PilotEval.Store;

/// <summary>
/// A submission after its per-submission stages, as kept in the store: everything the run-level stages and the
/// reports read, without the documents' blocks (those are in the store by content already, and a run over 1,000
/// applications must not hold them all). Both a fresh and a stored result reach the run-level stages through this
/// one form, so a resumed or incremental run renders exactly what an uninterrupted cold run renders.
/// </summary>
internal sealed record SubmissionSnapshot(
    ImmutableArray<DocumentText> Documents,
    ImmutableArray<FileError> Errors,
    ImmutableArray<DocumentFlag> Flags,
    ImmutableArray<InjectionFinding> Injections,
    MinHashSignature Signature,
    ImmutableArray<CoverField> CoverFields,
    ImmutableArray<CoverField> CoverOccurrences,
    TrackDecision? Track,
    ImmutableArray<CriterionEvidence> Evidence,
    ImmutableArray<SubmissionSnapshot.EligibilityOutcome> Eligibility,
    Scorecard? Scorecard,
    Summary? Summary,
    ImmutableArray<Stage> Completed,
    ReleasedText Released)
{
    /// <summary><see cref="EligibilityResult"/> has two constructors, which JSON cannot choose between; this has one.</summary>
    internal sealed record EligibilityOutcome(string Check, string Name, EligibilityStatus Status, string Reason,
        Evidence.Evidence? Evidence, string? Ask, EligibilityConfirmation? Confirmation);

    /// <summary>The snapshot of a submission whose per-submission stages are done; its documents keep all but their blocks.</summary>
    public static SubmissionSnapshot Of(SubmissionAssessment a) => new(
        [.. a.Documents.Select(d => d with { Blocks = [] })],
        a.Errors,
        a.Flags,
        a.Integrity.Injections,
        a.Integrity.Signature,
        a.Cover.Fields,
        a.Cover.Occurrences.IsDefault ? [] : a.Cover.Occurrences,
        a.Track,
        a.Evidence,
        [.. a.Eligibility.Select(e => new EligibilityOutcome(e.Check, e.Name, e.Status, e.Reason, e.Evidence, e.Ask, e.Confirmation))],
        a.Scorecard,
        a.Summary,
        [.. a.Completed.Order()],
        a.Released ?? new ReleasedText(a.Documents.Any(d => d.IsReadable), Ranking.EvidenceVerification.CountVerified(a)));

    /// <summary>The submission as the run-level stages take it, for <paramref name="submission"/> as found in this run.</summary>
    public SubmissionAssessment Restore(SubmissionSource submission) => new SubmissionAssessment(submission)
    {
        Documents = Documents,
        Errors = Errors,
        Flags = Flags,
        Integrity = new IntegrityScreen(Injections, Signature),
        Cover = new CoverFields(CoverFields) { Occurrences = CoverOccurrences },
        Track = Track,
        Evidence = Evidence,
        Eligibility = [.. Eligibility.Select(e => new EligibilityResult(e.Check, e.Name, e.Status, e.Reason, e.Evidence)
        {
            Ask = e.Ask,
            Confirmation = e.Confirmation,
        })],
        Scorecard = Scorecard,
        Summary = Summary,
        Completed = [.. Completed],
        Released = Released,
    };

    public byte[] ToBytes() => RunStore.Compress(JsonSerializer.SerializeToUtf8Bytes(this, DocumentWorker.Json));

    public static SubmissionSnapshot? FromBytes(byte[] bytes) =>
        JsonSerializer.Deserialize<SubmissionSnapshot>(RunStore.Decompress(bytes), DocumentWorker.Json);
}
