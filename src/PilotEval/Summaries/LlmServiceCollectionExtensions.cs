using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Polly;

namespace PilotEval.Summaries;

public static class LlmServiceCollectionExtensions
{
    /// <summary>
    /// The LLM review's services. Callers may register their own <see cref="LlmOptions"/> or
    /// <see cref="LlmCredentials"/> first. The HttpClient's handler, outermost first: a bound on the whole call,
    /// retries with exponential backoff and jitter on 429, 5xx, timeouts and connection failures (a Retry-After
    /// header wins over the backoff), then a timeout per attempt. The client's own timeout is off so these govern.
    /// </summary>
    public static IServiceCollection AddLlmReview(this IServiceCollection services)
    {
        services.TryAddSingleton(new LlmOptions());
        services.TryAddSingleton(new LlmCredentials());
        if (services.Any(d => d.ServiceType == typeof(LlmChat))) return services;

        services.AddSingleton<LlmChat>();
        services.AddSingleton<LlmResponseCache>();
        services.AddSingleton<LlmReviewer>();
        services.AddHttpClient(LlmChat.HttpClientName)
            .ConfigureHttpClient(client => client.Timeout = Timeout.InfiniteTimeSpan)
            // Request logging would print the endpoint on every call; failures are logged by LlmChat instead.
            .RemoveAllLoggers()
            .AddResilienceHandler("llm", static (pipeline, context) =>
            {
                var options = context.ServiceProvider.GetRequiredService<LlmOptions>();
                pipeline.AddTimeout(options.TotalTimeout);
                if (options.MaxRetries > 0)
                {
                    pipeline.AddRetry(new HttpRetryStrategyOptions
                    {
                        MaxRetryAttempts = options.MaxRetries,
                        Delay = options.RetryDelay,
                        BackoffType = DelayBackoffType.Exponential,
                        UseJitter = true,
                        ShouldRetryAfterHeader = true,
                    });
                }
                pipeline.AddTimeout(options.Timeout);
            });
        return services;
    }
}
