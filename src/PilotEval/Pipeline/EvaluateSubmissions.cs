using System.Collections.Immutable;
using Mediator;
using Microsoft.Extensions.Logging;
using PilotEval.Documents;
using PilotEval.Evidence;
using PilotEval.Integrity;
using PilotEval.Publishing;
using PilotEval.Ranking;
using PilotEval.Rubrics;
using PilotEval.Scoring;
using PilotEval.Summaries;

namespace PilotEval.Pipeline;

/// <summary>
/// The orchestrating slice, and the only one that orders the stages: every submission goes through
/// ingest → integrity screen → evidence → score → summary, then all of them through the near-duplicate
/// check, shortlists and publishing.
/// </summary>
public static class EvaluateSubmissions
{
    /// <param name="SubmissionsDirectory">Each file or sub-folder in it is one submission.</param>
    /// <param name="Shortlist">Overrides the configured <see cref="ShortlistOptions"/> for this run (the CLI's --quota, --min-score).</param>
    public sealed record Command(string SubmissionsDirectory, string RubricsDirectory, string OutputDirectory,
        ShortlistOptions? Shortlist = null) : ICommand<Result>;

    public sealed record Result(EvaluationRun Run, ImmutableArray<string> Files);

    public sealed class Handler(IMediator mediator, AuditTrail audit, ShortlistOptions shortlistOptions,
        LlmOptions llmOptions, ILogger<Handler> logger) : ICommandHandler<Command, Result>
    {
        public async ValueTask<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            // A bad rubric stops the run before any work: RubricFileException reaches the caller.
            var rubrics = RubricLoader.LoadDirectory(command.RubricsDirectory);
            var sources = SubmissionDiscovery.Find(command.SubmissionsDirectory, command.OutputDirectory);
            logger.LogInformation("Evaluating {Count} submissions in {Directory} against {Tracks} track rubrics",
                sources.Length, command.SubmissionsDirectory, rubrics.Rubrics.Length);
            audit.Clear();

            var done = 0;
            var assessments = new SubmissionAssessment[sources.Length];
            await Parallel.ForEachAsync(Enumerable.Range(0, sources.Length),
                // A submission waiting on the model holds no CPU: with a model, run as many as it may serve at once.
                new ParallelOptions
                {
                    MaxDegreeOfParallelism = Math.Max(Environment.ProcessorCount, llmOptions.Enabled ? llmOptions.MaxConcurrency : 0),
                    CancellationToken = cancellationToken,
                },
                async (i, ct) =>
                {
                    assessments[i] = await Assess(new SubmissionAssessment(sources[i]), rubrics, ct);
                    var finished = Interlocked.Increment(ref done);
                    var a = assessments[i];
                    logger.LogInformation("[{Done}/{Total}] {Source}: {Outcome}", finished, sources.Length, a.Source,
                        a.Failed ? "failed (" + string.Join(", ", a.Errors.Select(e => e.Code).Distinct()) + ")"
                        : a.Scorecard is { } s ? $"{a.Track?.Track} {s.Total:0.0}" : "not scored (track unknown)");
                });

            var duplicates = await mediator.Send(new DetectDuplicates.Command([.. assessments]), cancellationToken);
            logger.LogInformation("Near-duplicate check: {Pairs} pairs flagged after comparing {Candidates} candidate pairs",
                duplicates.Pairs.Length, duplicates.CandidatePairs);
            var screened = duplicates.Assessments;
            var shortlists = await mediator.Send(new BuildShortlists.Command(screened, rubrics, command.Shortlist ?? shortlistOptions), cancellationToken);
            var run = new EvaluationRun(Path.GetFullPath(command.SubmissionsDirectory), rubrics, screened,
                shortlists.Shortlists, shortlists.Exclusions, audit.Snapshot());
            var published = await mediator.Send(new PublishResults.Command(run, command.OutputDirectory), cancellationToken);
            return new Result(run, published.Files);
        }

        /// <summary>Runs the per-submission stages in order; a submission with nothing readable stops after ingest.</summary>
        private async Task<SubmissionAssessment> Assess(SubmissionAssessment assessment, RubricSet rubrics, CancellationToken ct)
        {
            assessment = await mediator.Send(new IngestSubmission.Command(assessment), ct);
            if (assessment.Failed) return assessment;
            assessment = await mediator.Send(new ScreenIntegrity.Command(assessment), ct);
            if (assessment.Failed) return assessment;
            assessment = await mediator.Send(new ExtractEvidence.Command(assessment, rubrics), ct);
            if (assessment.Failed) return assessment;
            assessment = await mediator.Send(new ScoreSubmission.Command(assessment, rubrics), ct);
            if (assessment.Failed) return assessment;
            return await mediator.Send(new SummarizeSubmission.Command(assessment, rubrics), ct);
        }
    }
}
