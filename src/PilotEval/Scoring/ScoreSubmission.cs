using Mediator;
using PilotEval.Pipeline;
using PilotEval.Rubrics;

namespace PilotEval.Scoring;

/// <summary>Stage 3: the knock-out checks, then the rule-based score of each criterion of the track.</summary>
public static class ScoreSubmission
{
    public sealed record Command(SubmissionAssessment Assessment, RubricSet Rubrics) : ISubmissionStage
    {
        public Stage Stage => Stage.Score;
    }

    public sealed class Handler : ICommandHandler<Command, SubmissionAssessment>
    {
        public ValueTask<SubmissionAssessment> Handle(Command command, CancellationToken cancellationToken)
        {
            var assessment = command.Assessment;
            var sentences = assessment.Sentences();
            var eligibility = EligibilityChecker.Check(command.Rubrics.Eligibility, assessment.Cover, sentences)
                .Select(e => e.Evidence is null ? e : e with { Evidence = e.Evidence with { Section = assessment.Sections.PathOf(e.Evidence.Location) } });
            var scorecard = command.Rubrics.Find(assessment.Track?.Track) is { } rubric
                ? CriterionScorer.Score(rubric, assessment.Evidence)
                : null;
            return ValueTask.FromResult((assessment with { Eligibility = [.. eligibility], Scorecard = scorecard })
                .Finished(Stage.Score));
        }
    }
}
