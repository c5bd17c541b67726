using System.Collections.Immutable;
using Mediator;
using PilotEval.Documents;
using PilotEval.Pipeline;
using PilotEval.Rubrics;

namespace PilotEval.Summaries;

/// <summary>Stage 4: a summary for the panel. Offline and extractive unless a model is configured on purpose.</summary>
public static class SummarizeSubmission
{
    /// <param name="Rubrics">The run's rubrics, so the model reviews against the same criteria and level descriptors.</param>
    public sealed record Command(SubmissionAssessment Assessment, RubricSet? Rubrics = null) : ISubmissionStage
    {
        public Stage Stage => Stage.Summarize;
    }

    public sealed class Handler(LlmOptions options, LlmReviewer reviewer) : ICommandHandler<Command, SubmissionAssessment>
    {
        public async ValueTask<SubmissionAssessment> Handle(Command command, CancellationToken cancellationToken)
        {
            var assessment = command.Assessment;
            // Provider none: not a single request, whatever else the configuration holds.
            if (!options.Enabled)
            {
                var text = ExtractiveSummarizer.Summarize(assessment.Sentences());
                return (assessment with { Summary = new Summary(Summary.Extractive, text) }).Finished(Stage.Summarize);
            }

            var rubric = command.Rubrics?.Find(assessment.Track?.Track ?? assessment.Scorecard?.Track);
            var review = await reviewer.ReviewAsync(assessment, rubric, cancellationToken);
            return (assessment with { Summary = review.Summary })
                .WithFlags(NewFlags(assessment.Flags, review.Flags))
                .Finished(Stage.Summarize);
        }

        /// <summary>A sentence another stage already flagged for the same reason is not flagged twice.</summary>
        private static IEnumerable<DocumentFlag> NewFlags(ImmutableArray<DocumentFlag> existing, ImmutableArray<DocumentFlag> raised) =>
            raised.Where(f => f.Location is null || !existing.Any(e => e.Code == f.Code && e.Location == f.Location));
    }
}
