using Mediator;

namespace PilotEval.Pipeline;

/// <summary>
/// A per-submission pipeline stage: takes the run state of one submission and returns it advanced.
/// The pipeline behaviors rely on this shape to time, audit and isolate every stage the same way.
/// </summary>
public interface ISubmissionStage : ICommand<SubmissionAssessment>
{
    SubmissionAssessment Assessment { get; }

    Stage Stage { get; }
}
