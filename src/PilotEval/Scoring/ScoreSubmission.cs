using Mediator;
using PilotEval.Documents;
using PilotEval.Language;
using PilotEval.Pipeline;
using PilotEval.Rubrics;

namespace PilotEval.Scoring;

/// <summary>Stage 3: the knock-out checks, then the rule-based score of each criterion of the track.</summary>
public static class ScoreSubmission
{
    /// <param name="Confirmations">People's decisions on checks (evaluate --confirmations); they replace PilotEval's outcome.</param>
    public sealed record Command(SubmissionAssessment Assessment, RubricSet Rubrics,
        IReadOnlyList<EligibilityConfirmation>? Confirmations = null) : ISubmissionStage
    {
        public Stage Stage => Stage.Score;
    }

    public sealed class Handler : ICommandHandler<Command, SubmissionAssessment>
    {
        public ValueTask<SubmissionAssessment> Handle(Command command, CancellationToken cancellationToken)
        {
            var assessment = command.Assessment;
            var eligibility = Eligibility(assessment, command.Rubrics, command.Confirmations ?? []);
            var scorecard = command.Rubrics.Find(assessment.Track?.Track) is { } rubric
                ? CriterionScorer.Score(rubric, assessment.Evidence)
                : null;
            var scored = assessment with { Eligibility = eligibility, Scorecard = scorecard };
            var open = eligibility.Where(e => e.Status == EligibilityStatus.Unconfirmed).ToList();
            if (open.Count > 0)
            {
                scored = scored.WithFlags([new DocumentFlag(FlagCodes.EligibilityUnconfirmed,
                    $"待核实：{string.Join("；", open.Select(e => $"{e.Check}（{e.Name}）"))}")]);
            }
            return ValueTask.FromResult(scored.Finished(Stage.Score));
        }
    }

    /// <summary>
    /// The checks read against the application's own date (its 申报日期; today when the cover has none), allowed for
    /// pages that were not read, then the people's confirmations applied.
    /// </summary>
    /// <param name="asOf">The day to read dates against when the cover has no 申报日期 (default: today).</param>
    public static System.Collections.Immutable.ImmutableArray<EligibilityResult> Eligibility(SubmissionAssessment assessment,
        RubricSet rubrics, IEnumerable<EligibilityConfirmation> confirmations, DateOnly? asOf = null)
    {
        var analyser = new ClauseAnalyser(rubrics.Lexicon, assessment.Cover.Date ?? asOf ?? DateOnly.FromDateTime(DateTime.UtcNow));
        var unread = string.Join("；", assessment.Flags.Where(f => f.Code == FlagCodes.PartiallyRead)
            .Select(f => f.Location?.File is { } file ? $"{file} {f.Detail}" : f.Detail));
        // Every sentence, cover lines included: 「…有限公司，注册于北京市海淀区…，统一社会信用代码：…」 holds a cover field and
        // the registration both. Scoring leaves cover lines out (a name is a claim); eligibility needs what they state.
        var sentences = Evidence.Sentences.Of(assessment.Documents).Where(s => !assessment.Integrity.Withholds(s)).ToList();
        // The three checks read the same sentences: each is analysed once for all of them.
        using var kept = AnalysedClauses.Keep();
        var results = EligibilityChecker.Check(rubrics.Eligibility, analyser, assessment.Cover, sentences)
            .Select(e => e.Evidence is null ? e : e with { Evidence = e.Evidence with { Section = assessment.Sections.PathOf(e.Evidence.Location) } })
            .Select(e => unread.Length == 0 ? e
                : EligibilityChecker.AllowForUnreadPages(e, rubrics.Eligibility.Checks.First(c => c.Id == e.Check), $"部分页面（{unread}）"))
            .ToList();
        return Confirmations.Apply(results, assessment.Source, confirmations);
    }
}
