using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Telemetry;

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

        // Polly reports every failed attempt as an error with its stack; for a model that is a retry, not a
        // failure. Its events go to debug; retries get one line below, and LlmChat logs the final outcome.
        services.Configure<TelemetryOptions>(telemetry => telemetry.SeverityProvider = _ => ResilienceEventSeverity.Debug);
        services.AddSingleton<LlmChat>();
        services.AddSingleton<LlmResponseCache>();
        services.AddSingleton<LlmReviewer>();
        var client = services.AddHttpClient(LlmChat.HttpClientName)
            .ConfigureHttpClient(client => client.Timeout = Timeout.InfiniteTimeSpan)
            // Request logging would print the endpoint on every call; failures are logged by LlmChat instead.
            .RemoveAllLoggers();
        client.AddResilienceHandler("llm", static (pipeline, context) =>
            {
                var options = context.ServiceProvider.GetRequiredService<LlmOptions>();
                var logger = context.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(LlmChat));
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
                        OnRetry = retry =>
                        {
                            logger.LogInformation("LLM call attempt {Attempt} failed ({Outcome}); retrying in {Delay:0.0} s", retry.AttemptNumber + 1,
                                retry.Outcome.Result is { } response ? $"HTTP {(int)response.StatusCode}" : retry.Outcome.Exception?.GetType().Name,
                                retry.RetryDelay.TotalSeconds);
                            return ValueTask.CompletedTask;
                        },
                    });
                }
                pipeline.AddTimeout(options.Timeout);
            });
        // Handlers run in the order added: the counter, added after the resilience handler, sits inside the retries
        // and sees every attempt, for a fallback reason that says how many were really made.
        client.AddHttpMessageHandler(() => new LlmAttemptCounter());
        return services;
    }
}
