using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using PilotEval.Documents;
using PilotEval.Integrity;
using PilotEval.Ranking;
using PilotEval.Summaries;

namespace PilotEval.Pipeline;

public static class ServiceCollectionExtensions
{
    /// <summary>
    /// Registers the whole pipeline: Mediator with its behaviors in order (error capture outermost, so that
    /// nothing inside it, audit included, can stop the batch), the readers and their limits. Callers may register
    /// their own <see cref="ReaderLimits"/>, <see cref="ShortlistOptions"/> or <see cref="DuplicateOptions"/> first;
    /// the defaults here only fill what is missing.
    /// </summary>
    public static IServiceCollection AddPilotEval(this IServiceCollection services)
    {
        services.AddMediator(options =>
        {
            options.ServiceLifetime = ServiceLifetime.Singleton;
            options.Namespace = "PilotEval.Pipeline.Generated";
            options.PipelineBehaviors =
            [
                typeof(SubmissionErrorBehavior<,>),
                typeof(StageAuditBehavior<,>),
            ];
        });
        services.AddLogging();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(new ReaderLimits());
        services.TryAddSingleton(new ShortlistOptions());
        services.TryAddSingleton(new DuplicateOptions());
        services.TryAddSingleton<MinHasher>();
        services.TryAddSingleton<AuditTrail>();
        services.AddContentDecoders();
        services.TryAddSingleton<DocumentReader>();
        services.AddLlmReview();
        return services;
    }
}
