using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PilotEval.Cli.Commands;
using PilotEval.Cli.Infrastructure;
using PilotEval.Tests.Summaries;
using PilotEval.Tests.Support;
using Spectre.Console.Cli;

namespace PilotEval.Tests.Cli;

/// <summary>These tests set process environment variables, so they run alone.</summary>
[CollectionDefinition(nameof(EnvironmentCollection), DisableParallelization = true)]
public sealed class EnvironmentCollection;

/// <summary>
/// <c>evaluate</c>'s LLM settings in the usual .NET order: appsettings.json, then PILOTEVAL_Llm__* variables,
/// then flags; the key only from PILOTEVAL_LLM_API_KEY, and never in any output or log.
/// </summary>
[Collection(nameof(EnvironmentCollection))]
public sealed class EvaluateLlmFlagsTests
{
    [Fact]
    public async Task Llm_none_sends_nothing_even_when_the_environment_configures_a_model()
    {
        using var scenario = new LlmScenario();
        await using var server = await FakeChatServer.StartAsync((r, _) => FakeResponse.Chat(FakeReviewer.Answer(r)));
        using var environment = new Environment(("PILOTEVAL_Llm__Provider", "openai"), ("PILOTEVAL_Llm__Endpoint", server.OpenAIEndpoint),
            ("PILOTEVAL_Llm__Model", "qwen"), ("PILOTEVAL_LLM_API_KEY", LlmScenario.ApiKey));

        var (exit, _) = await RunAsync("evaluate", scenario.Submissions, "--rubrics", RepoPaths.Rubrics, "--out", scenario.Out, "--llm", "none");

        Assert.Equal(0, exit);
        Assert.Empty(server.Requests);
        var results = JsonNode.Parse(await File.ReadAllTextAsync(scenario.ResultsPath))!;
        Assert.Equal("extractive", LlmScenario.Submission(results)["summary"]!["method"]!.GetValue<string>());
        Assert.Null(results["llm"]);
    }

    [Fact]
    public async Task The_environment_configures_the_model_flags_win_and_the_key_never_appears_in_outputs_or_logs()
    {
        using var scenario = new LlmScenario();
        await using var server = await FakeChatServer.StartAsync((r, _) => FakeResponse.Chat(FakeReviewer.Answer(r)));
        using var environment = new Environment(("PILOTEVAL_Llm__Provider", "openai"), ("PILOTEVAL_Llm__Endpoint", "http://127.0.0.1:9/v1"),
            ("PILOTEVAL_Llm__Model", "from-environment"), ("PILOTEVAL_Llm__MaxRetries", "0"), ("PILOTEVAL_LLM_API_KEY", LlmScenario.ApiKey));

        var (exit, logs) = await RunAsync("evaluate", scenario.Submissions, "--rubrics", RepoPaths.Rubrics, "--out", scenario.Out,
            "--llm-endpoint", server.OpenAIEndpoint, "--llm-model", "from-flag", "--verbose");

        Assert.Equal(0, exit);
        var request = Assert.Single(server.Requests);
        Assert.Equal("from-flag", request.Model);
        Assert.Equal("Bearer " + LlmScenario.ApiKey, request.Headers["Authorization"]);
        Assert.Equal("llm", LlmScenario.Submission(JsonNode.Parse(await File.ReadAllTextAsync(scenario.ResultsPath))!)["summary"]!["method"]!.GetValue<string>());
        // The cache defaults to <out>/llm-cache.
        Assert.NotEmpty(Directory.EnumerateFiles(Path.Combine(scenario.Out, "llm-cache"), "*.json", SearchOption.AllDirectories));
        Assert.NotEmpty(logs);
        Assert.DoesNotContain(logs, line => line.Contains(LlmScenario.ApiKey, StringComparison.Ordinal));
        foreach (var file in Directory.EnumerateFiles(scenario.Out, "*", SearchOption.AllDirectories))
            Assert.DoesNotContain(LlmScenario.ApiKey, await File.ReadAllTextAsync(file));
    }

    [Theory]
    [InlineData("--llm", "bogus")]
    [InlineData("--llm", "openai")]
    [InlineData("--llm", "azure", "--llm-endpoint", "http://127.0.0.1:9/", "--llm-model", "deployment")]
    public async Task An_unusable_llm_setting_is_a_usage_error(params string[] flags)
    {
        using var scenario = new LlmScenario();
        using var environment = new Environment(("PILOTEVAL_LLM_API_KEY", null));

        var (exit, _) = await RunAsync(["evaluate", scenario.Submissions, "--rubrics", RepoPaths.Rubrics, "--out", scenario.Out, .. flags]);

        Assert.Equal(CliErrors.Usage, exit);
        Assert.False(File.Exists(scenario.ResultsPath));
    }

    /// <summary>The evaluate command as Program.cs wires it, on the CLI's own configuration and services, with logs captured.</summary>
    private static async Task<(int Exit, IReadOnlyList<string> Logs)> RunAsync(params string[] args)
    {
        var logs = new ConcurrentQueue<string>();
        var services = CliServices.Create();
        services.AddLogging(logging => logging.AddProvider(new CapturingLoggerProvider(logs)));
        var app = new CommandApp(new TypeRegistrar(services));
        app.Configure(config =>
        {
            config.PropagateExceptions();
            config.AddCommand<EvaluateCommand>("evaluate");
        });
        var exit = await CliErrors.RunAsync(app, args, TextWriter.Null);
        return (exit, [.. logs]);
    }

    private sealed class Environment : IDisposable
    {
        private readonly List<(string Name, string? Value)> _saved = [];

        public Environment(params (string Name, string? Value)[] variables)
        {
            foreach (var (name, value) in variables)
            {
                _saved.Add((name, System.Environment.GetEnvironmentVariable(name)));
                System.Environment.SetEnvironmentVariable(name, value);
            }
        }

        public void Dispose()
        {
            foreach (var (name, value) in _saved) System.Environment.SetEnvironmentVariable(name, value);
        }
    }

    private sealed class CapturingLoggerProvider(ConcurrentQueue<string> lines) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new Logger(categoryName, lines);

        public void Dispose()
        {
        }

        private sealed class Logger(string category, ConcurrentQueue<string> lines) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                lines.Enqueue($"{category} {logLevel}: {formatter(state, exception)} {exception}");
        }
    }
}
