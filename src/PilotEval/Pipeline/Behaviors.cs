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
                Errors = message.Assessment.Errors.Add(new FileError(message.Assessment.Source, FileErrorCodes.InternalError,
                    $"{message.Assessment.Source}: 处理阶段 {message.Stage} 出错（{ex.GetType().Name}: {ex.Message}）")),
            };
            return (TResponse)(object)failed;
        }
    }
}
