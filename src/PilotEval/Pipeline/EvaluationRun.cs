using System.Collections.Immutable;
using PilotEval.Ranking;
using PilotEval.Rubrics;

namespace PilotEval.Pipeline;

/// <summary>Everything one <c>evaluate</c> run produced, as the reports read it.</summary>
/// <param name="Assessments">
/// Every submission, in its brief form when its result is in the store (<see cref="SubmissionAssessment.Brief"/>:
/// without the quotes, which <see cref="Details"/> reads back), whole otherwise.
/// </param>
public sealed record EvaluationRun(
    string SubmissionsDirectory,
    RubricSet Rubrics,
    ImmutableArray<SubmissionAssessment> Assessments,
    ImmutableArray<Shortlist> Shortlists,
    ImmutableArray<Exclusion> Exclusions,
    ImmutableArray<AuditEntry> Audit)
{
    /// <summary>Who ran what, when, on which files and rules; null only for runs assembled by hand (tests).</summary>
    public RunRecord? Record { get; init; }

    /// <summary>The near-duplicate pairs' connected groups, largest first: the reports list groups, not every pair.</summary>
    public ImmutableArray<Integrity.DuplicateCluster> DuplicateClusters { get; init; } = [];

    /// <summary>Reads the full results of the submissions held in brief back from the store; null when every one is held whole.</summary>
    public Store.SubmissionDetails? Details { get; init; }

    /// <summary>
    /// Every submission in full, in <see cref="Assessments"/>' order: read back from the store a batch at a time, so
    /// enumerate it, do not hold it (the reports render from it; tests and callers that want the quotes read them here).
    /// </summary>
    public IEnumerable<SubmissionAssessment> Full() => Details is { } details ? details.Full(Assessments) : Assessments;

    /// <summary>The rank of a submission in its track's shortlist, or null.</summary>
    public int? RankOf(string source) =>
        Shortlists.SelectMany(s => s.Entries).FirstOrDefault(e => e.Source == source)?.Rank;
}

/// <summary>One stage run on one submission (or, with <see cref="Scope"/> <c>run</c>, on the whole run): what ran, how long, and how it ended.</summary>
public sealed record AuditEntry(string Source, string Stage, DateTimeOffset StartedAt, double Milliseconds, string Outcome)
{
    /// <summary>The run the entry belongs to (see <see cref="RunRecord.Id"/>).</summary>
    [System.Text.Json.Serialization.JsonPropertyOrder(-1)]
    public string? Run { get; init; }

    /// <summary><c>submission</c>, or <c>run</c> for the stages over all submissions (near-duplicates, shortlists, reports).</summary>
    public string Scope { get; init; } = "submission";

    /// <summary>A run-level stage made of parts side by side (the reports): each part's wall seconds; absent otherwise.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<StageTotal>? Parts { get; init; }
}
