using System.Collections.Immutable;
using PilotEval.Ranking;
using PilotEval.Rubrics;

namespace PilotEval.Pipeline;

/// <summary>Everything one <c>evaluate</c> run produced, as the reports read it.</summary>
public sealed record EvaluationRun(
    string SubmissionsDirectory,
    RubricSet Rubrics,
    ImmutableArray<SubmissionAssessment> Assessments,
    ImmutableArray<Shortlist> Shortlists,
    ImmutableArray<Exclusion> Exclusions,
    ImmutableArray<AuditEntry> Audit)
{
    /// <summary>The rank of a submission in its track's shortlist, or null.</summary>
    public int? RankOf(string source) =>
        Shortlists.SelectMany(s => s.Entries).FirstOrDefault(e => e.Source == source)?.Rank;
}

/// <summary>One stage run on one submission: what ran, how long, and how it ended.</summary>
public sealed record AuditEntry(string Source, string Stage, DateTimeOffset StartedAt, double Milliseconds, string Outcome);
