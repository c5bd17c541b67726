using System.Diagnostics;
using Mediator;
using Microsoft.Extensions.Logging;
using PilotEval.Documents;

namespace PilotEval.Pipeline;

/// <summary>
/// Times every stage of every submission, logs it at debug level and records it in the audit trail,
/// whether the stage finished or threw.
/// </summary>
public sealed class StageAuditBehavior<TMessage, TResponse>(AuditTrail audit, TimeProvider clock,
    ILogger<StageAuditBehavior<TMessage, TResponse>> logger) : IPipelineBehavior<TMessage, TResponse>
    where TMessage : ISubmissionStage
{
    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next,
        CancellationToken cancellationToken)
    {
        var started = clock.GetUtcNow();
        var watch = Stopwatch.StartNew();
        var outcome = "exception";
        try
        {
            var response = await next(message, cancellationToken);
            outcome = response is SubmissionAssessment a && a.Errors.Length > message.Assessment.Errors.Length
                ? "errors: " + string.Join(",", a.Errors.Skip(message.Assessment.Errors.Length).Select(e => e.Code))
                : "ok";
            return response;
        }
        finally
        {
            var elapsed = watch.Elapsed.TotalMilliseconds;
            audit.Record(new AuditEntry(message.Assessment.Source, message.Stage.ToString(), started, Math.Round(elapsed, 1), outcome));
            logger.LogDebug("{Stage} {Source}: {Outcome} in {Milliseconds:0} ms", message.Stage, message.Assessment.Source, outcome, elapsed);
        }
    }
}

/// <summary>
/// Outermost: isolates a failure of PilotEval itself on one submission: the stage's exception becomes an
/// <c>internal-error</c> on that submission, with everything done before it kept, and the batch goes on.
/// Failures of the files are already data (see <see cref="DocumentReader"/>); this catches our own bugs.
/// </summary>
public sealed class SubmissionErrorBehavior<TMessage, TResponse>(ILogger<SubmissionErrorBehavior<TMessage, TResponse>> logger)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : ISubmissionStage
{
    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next,
        CancellationToken cancellationToken)
    {
        try
        {
            return await next(message, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            logger.LogError(ex, "{Stage} failed on {Source}", message.Stage, message.Assessment.Source);
            var failed = message.Assessment with
            {
                Errors = message.Assessment.Errors.Add(SubmissionFailure.InternalError(message.Assessment.Source, ex, message.Stage.ToString())),
            };
            return (TResponse)(object)failed;
        }
    }
}

/// <summary>
/// The one wording of PilotEval's own failure on a submission, wherever it is caught (a stage, or the bookkeeping
/// around the stages): the applicant reads that the fault is not in its files and that a re-run is the remedy.
/// </summary>
public static class SubmissionFailure
{
    public static FileError InternalError(string source, Exception ex, string? stage = null) =>
        new(source, FileErrorCodes.InternalError,
            $"{source}: 系统处理时出错{(stage is null ? "" : $"（{stage}）")}，不是申报材料的问题，重新运行即可（{ex.GetType().Name}: {ex.Message}）");
}
