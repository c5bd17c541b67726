using System.Collections.Immutable;
using System.Globalization;
using Mediator;
using PilotEval.Pipeline;
using PilotEval.Rubrics;

namespace PilotEval.Ranking;

/// <summary>
/// Stage 5, over all submissions: per track, the readable, eligible applications of a known track ranked by score,
/// with a deterministic tie-break (coverage, then verified evidence count, then source name). Every submission left
/// out is listed with its reason. Flags never remove a submission: a flagged one is ranked or excluded like any
/// other and carries its flags, so the panel sees it and decides.
/// </summary>
public static class BuildShortlists
{
    public sealed record Command(ImmutableArray<SubmissionAssessment> Assessments, RubricSet Rubrics, ShortlistOptions Options)
        : ICommand<Result>;

    public sealed record Result(ImmutableArray<Shortlist> Shortlists, ImmutableArray<Exclusion> Exclusions);

    public sealed class Handler : ICommandHandler<Command, Result>
    {
        public ValueTask<Result> Handle(Command command, CancellationToken cancellationToken) =>
            ValueTask.FromResult(Build(command.Assessments, command.Rubrics, command.Options));
    }

    /// <summary>A candidate with the keys it is ranked by, computed once.</summary>
    private sealed record Candidate(SubmissionAssessment Assessment, string Track, double Score, double Coverage, int Verified);

    public static Result Build(IEnumerable<SubmissionAssessment> assessments, RubricSet rubrics, ShortlistOptions options)
    {
        if (options.Problem() is { } problem) throw new ArgumentException(problem, nameof(options));
        var exclusions = new List<Exclusion>();
        var candidates = new List<Candidate>();
        foreach (var a in assessments.OrderBy(a => a.Source, StringComparer.Ordinal))
        {
            if (Exclude(a, rubrics, options) is { } exclusion)
            {
                exclusions.Add(exclusion with { Flags = FlagCodes(a), Score = a.Scorecard?.Total });
                continue;
            }
            // Ties are judged at the precision the panel sees (one decimal), not on floating-point noise.
            candidates.Add(new Candidate(a, a.Track!.Track!, Math.Round(a.Scorecard!.Total, 1, MidpointRounding.AwayFromZero),
                Math.Round(a.Scorecard.Coverage, 4), EvidenceVerification.CountVerified(a)));
        }

        var shortlists = ImmutableArray.CreateBuilder<Shortlist>();
        foreach (var rubric in rubrics.Rubrics.OrderBy(r => r.Track, StringComparer.Ordinal))
        {
            var ranked = Rank(candidates.Where(c => c.Track == rubric.Track)).ToList();
            var kept = options.Quota is { } quota ? ranked.Take(quota).ToList() : ranked;
            foreach (var dropped in ranked.Skip(kept.Count))
            {
                exclusions.Add(new Exclusion(dropped.Assessment.Source, rubric.Track, ExclusionReasons.OverQuota,
                    string.Create(CultureInfo.InvariantCulture, $"得分 {dropped.Score:0.0}，排在本方向名额 {options.Quota} 之外"))
                {
                    Flags = FlagCodes(dropped.Assessment),
                    Score = dropped.Assessment.Scorecard!.Total,
                });
            }
            shortlists.Add(new Shortlist(rubric.Track, rubric.Name, [.. kept.Select((c, i) => new ShortlistEntry(
                i + 1, c.Assessment.Source, c.Assessment.Scorecard!.Total, c.Assessment.Scorecard.Coverage, c.Verified,
                FlagCodes(c.Assessment)))]));
        }
        return new Result(shortlists.ToImmutable(), [.. exclusions.OrderBy(e => e.Source, StringComparer.Ordinal)]);
    }

    /// <summary>Score, then coverage, then verified evidence, then source name (ordinal): a total order, so the same input gives the same ranking.</summary>
    private static IEnumerable<Candidate> Rank(IEnumerable<Candidate> candidates) => candidates
        .OrderByDescending(c => c.Score)
        .ThenByDescending(c => c.Coverage)
        .ThenByDescending(c => c.Verified)
        .ThenBy(c => c.Assessment.Source, StringComparer.Ordinal);

    /// <summary>The first reason, in the order a panel would ask: can it be read, which track, is it eligible, is it good enough.</summary>
    private static Exclusion? Exclude(SubmissionAssessment a, RubricSet rubrics, ShortlistOptions options)
    {
        var track = a.Track?.Track;
        if (a.Failed || a.Scorecard is null && track is not null)
        {
            var errors = a.Errors;
            var detail = errors.Length > 0
                ? string.Join("；", errors.Select(e => e.Message.Contains(e.File, StringComparison.Ordinal) ? e.Message : $"{e.File}：{e.Message}"))
                : "没有可读取的内容";
            return new Exclusion(a.Source, track, ExclusionReasons.Unreadable, detail)
            {
                Codes = [.. errors.Select(e => e.Code).Distinct()],
            };
        }
        if (track is null || a.Scorecard is null)
        {
            return new Exclusion(a.Source, null, ExclusionReasons.TrackUnknown, a.Track?.Detail ?? "无法确定申报方向");
        }
        // Only a check failed on a quoted statement excludes; an unconfirmed one stays, flagged eligibility-unconfirmed.
        if (a.Eligible == false || a.Eligibility.IsEmpty)
        {
            var failed = a.Eligibility.Where(e => e.Status == Scoring.EligibilityStatus.Failed).ToList();
            var detail = failed.Count > 0
                ? string.Join("；", failed.Select(e => $"{e.Name}：{e.Reason}"))
                : "未进行资格审查";
            return new Exclusion(a.Source, track, ExclusionReasons.Ineligible, detail)
            {
                Codes = [.. failed.Select(e => e.Check)],
            };
        }
        if (rubrics.Find(track)?.Levels is { Length: > 0 } levels && options.MinimumCriteriaAboveLowest > 0
            && a.Scorecard.Criteria.Count(c => c.Level != levels[^1].Id) < options.MinimumCriteriaAboveLowest)
        {
            return new Exclusion(a.Source, track, ExclusionReasons.BelowFloor, options.MinimumCriteriaAboveLowest == 1
                ? $"各评分项均为最低等级（{levels[^1].Id}），申报书中没有可供评审的成效证据"
                : string.Create(CultureInfo.InvariantCulture,
                    $"高于最低等级（{levels[^1].Id}）的评分项少于 {options.MinimumCriteriaAboveLowest} 项，申报书中可供评审的证据不足"));
        }
        if (a.Scorecard.Total < options.MinimumScore)
        {
            return new Exclusion(a.Source, track, ExclusionReasons.BelowMinimum, string.Create(CultureInfo.InvariantCulture,
                $"得分 {a.Scorecard.Total:0.0} 低于入围最低分 {options.MinimumScore:0.#}"));
        }
        return null;
    }

    private static ImmutableArray<string> FlagCodes(SubmissionAssessment a) =>
        [.. a.Flags.Select(f => f.Code).Distinct().Order(StringComparer.Ordinal)];
}
