using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using PilotEval.Documents;
using PilotEval.Ranking;
using PilotEval.Summaries;

namespace PilotEval.Pipeline;

public static class ServiceCollectionExtensions
{
    /// <summary>
    /// Registers the whole pipeline: Mediator with its behaviors in order (audit outermost, then error
    /// capture), the readers and their limits. Callers may register their own <see cref="ReaderLimits"/>
    /// or <see cref="ShortlistOptions"/> first; the defaults here only fill what is missing.
    /// </summary>
    public static IServiceCollection AddPilotEval(this IServiceCollection services)
    {
        services.AddMediator(options =>
        {
            options.ServiceLifetime = ServiceLifetime.Singleton;
            options.Namespace = "PilotEval.Pipeline.Generated";
            options.PipelineBehaviors =
            [
                typeof(StageAuditBehavior<,>),
                typeof(SubmissionErrorBehavior<,>),
            ];
        });
        services.AddLogging();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(new ReaderLimits());
        services.TryAddSingleton(new ShortlistOptions());
        services.TryAddSingleton<AuditTrail>();
        services.TryAddSingleton<DocumentReader>();
        services.AddLlmReview();
        return services;
    }
}
