using Mediator;
using PilotEval.Pipeline;

namespace PilotEval.Summaries;

/// <summary>Stage 4: a summary for the panel. Offline and extractive unless a model is configured on purpose.</summary>
public static class SummarizeSubmission
{
    public sealed record Command(SubmissionAssessment Assessment) : ISubmissionStage
    {
        public Stage Stage => Stage.Summarize;
    }

    public sealed class Handler : ICommandHandler<Command, SubmissionAssessment>
    {
        public ValueTask<SubmissionAssessment> Handle(Command command, CancellationToken cancellationToken)
        {
            var assessment = command.Assessment;
            var text = ExtractiveSummarizer.Summarize(assessment.Sentences());
            return ValueTask.FromResult((assessment with { Summary = new Summary("extractive", text) })
                .Finished(Stage.Summarize));
        }
    }
}
