using System.Collections.Immutable;
using Mediator;
using PilotEval.Pipeline;
using PilotEval.Rubrics;

namespace PilotEval.Ranking;

/// <summary>
/// Stage 5, over all submissions: per track, the readable, eligible applications ranked by score, with a
/// deterministic tie-break (coverage, then evidence count, then source name). Every submission left out
/// is listed with its reason.
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

    public static Result Build(IEnumerable<SubmissionAssessment> assessments, RubricSet rubrics, ShortlistOptions options)
    {
        var exclusions = new List<Exclusion>();
        var candidates = new List<SubmissionAssessment>();
        foreach (var a in assessments.OrderBy(a => a.Source, StringComparer.Ordinal))
        {
            var track = a.Track?.Track;
            if (a.Failed || a.Scorecard is null && track is not null)
            {
                exclusions.Add(new Exclusion(a.Source, track, "unreadable",
                    string.Join("；", a.Errors.Select(e => $"{e.Code}: {e.Message}"))));
            }
            else if (track is null || a.Scorecard is null)
            {
                exclusions.Add(new Exclusion(a.Source, null, "track-unknown", a.Track?.Detail ?? "无法确定申报方向"));
            }
            else if (!a.Eligible)
            {
                var failed = a.Eligibility.Where(e => !e.Passed).ToList();
                exclusions.Add(new Exclusion(a.Source, track, "ineligible",
                    string.Join("；", failed.Select(e => $"{e.Check}: {e.Reason}"))));
            }
            else if (a.Scorecard.Total < options.MinimumScore)
            {
                exclusions.Add(new Exclusion(a.Source, track, "below-minimum",
                    $"得分 {a.Scorecard.Total:0.#} 低于入围最低分 {options.MinimumScore:0.#}"));
            }
            else
            {
                candidates.Add(a);
            }
        }

        var shortlists = ImmutableArray.CreateBuilder<Shortlist>();
        foreach (var rubric in rubrics.Rubrics.OrderBy(r => r.Track, StringComparer.Ordinal))
        {
            var ranked = candidates.Where(a => a.Track!.Track == rubric.Track)
                .OrderByDescending(a => a.Scorecard!.Total)
                .ThenByDescending(a => a.Scorecard!.Coverage)
                .ThenByDescending(a => a.Scorecard!.EvidenceCount)
                .ThenBy(a => a.Source, StringComparer.Ordinal)
                .ToList();
            var kept = options.Quota is { } quota ? ranked.Take(quota).ToList() : ranked;
            foreach (var dropped in ranked.Skip(kept.Count))
            {
                exclusions.Add(new Exclusion(dropped.Source, rubric.Track, "over-quota",
                    $"得分 {dropped.Scorecard!.Total:0.#}，排在本方向名额 {options.Quota} 之外"));
            }
            shortlists.Add(new Shortlist(rubric.Track, rubric.Name, [.. kept.Select((a, i) => new ShortlistEntry(
                i + 1, a.Source, a.Scorecard!.Total, a.Scorecard.Coverage, a.Scorecard.EvidenceCount,
                [.. a.Flags.Select(f => f.Code).Distinct().Order(StringComparer.Ordinal)]))]));
        }
        return new Result(shortlists.ToImmutable(), [.. exclusions.OrderBy(e => e.Source, StringComparer.Ordinal)]);
    }
}
