using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PilotEval.Documents;
using PilotEval.Integrity;
using PilotEval.Pipeline;
using PilotEval.Ranking;
using PilotEval.Summaries;

namespace PilotEval.Cli.Infrastructure;

/// <summary>
/// Configuration in the usual .NET order — embedded defaults, appsettings.json beside the binary or in the
/// working directory, then PILOTEVAL_ environment variables — and the pipeline's services.
/// </summary>
public static class CliServices
{
    public static IServiceCollection Create()
    {
        var configuration = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true)
            .AddJsonFile(Path.Combine(Directory.GetCurrentDirectory(), "appsettings.json"), optional: true)
            .AddEnvironmentVariables("PILOTEVAL_")
            .Build();

        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddSingleton(configuration.GetSection("Reading").Get<ReaderLimits>() ?? new ReaderLimits());
        services.AddSingleton(configuration.GetSection("Shortlist").Get<ShortlistOptions>() ?? new ShortlistOptions());
        services.AddSingleton(configuration.GetSection("Duplicates").Get<DuplicateOptions>() ?? new DuplicateOptions());
        // The key is not in this section and never bound: LlmCredentials reads PILOTEVAL_LLM_API_KEY at call time.
        services.AddSingleton(configuration.GetSection(LlmOptions.Section).Get<LlmOptions>() ?? new LlmOptions());
        var level = new LogLevelSwitch();
        services.AddSingleton(level);
        services.AddLogging(logging => logging
            .AddSimpleConsole(options =>
            {
                options.SingleLine = true;
                options.TimestampFormat = "HH:mm:ss ";
            })
            // Progress and diagnostics belong on stderr; stdout stays for what the user asked to see.
            .AddConsole(options => options.LogToStandardErrorThreshold = LogLevel.Trace)
            .AddFilter((category, messageLevel) => messageLevel >= level.Minimum && !(category?.StartsWith("System.Net", StringComparison.Ordinal) ?? false)));
        services.AddPilotEval();
        return services;
    }
}

/// <summary>The log level chosen by --verbose / --quiet, read by the logging filter at run time.</summary>
public sealed class LogLevelSwitch
{
    public LogLevel Minimum { get; set; } = LogLevel.Information;
}
