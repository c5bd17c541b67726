using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;
using Microsoft.SemanticKernel.Connectors.AzureOpenAI;
using Microsoft.SemanticKernel.Connectors.OpenAI;
using OpenAI.Chat;
using Polly.Timeout;

// The custom-endpoint constructor (how an on-prem vLLM, Ollama or llama.cpp server is reached) and ExtraBody
// (how max_tokens is sent beside max_completion_tokens) are marked experimental in Semantic Kernel 1.82.
#pragma warning disable SKEXP0010

namespace PilotEval.Summaries;

/// <summary>What one call to the model gave: the answer and its usage, or why there is none (a fallback reason).</summary>
public sealed record ChatOutcome(string? Content, int PromptTokens, int CompletionTokens, string? FailureCode, string? FailureDetail)
{
    public static ChatOutcome Failed(string code, string detail) => new(null, 0, 0, code, detail);
}

/// <summary>
/// Semantic Kernel's chat completion service (Azure.AI.OpenAI / OpenAI underneath) on PilotEval's own
/// HttpClient, which carries the retries, backoff, Retry-After and timeouts (see <see cref="LlmServiceCollectionExtensions"/>):
/// Semantic Kernel itself retries nothing and never times out. A semaphore caps the calls in flight.
/// </summary>
public sealed class LlmChat(LlmOptions options, LlmCredentials credentials, IHttpClientFactory httpClients, ILogger<LlmChat> logger)
{
    public const string HttpClientName = "piloteval-llm";

    private readonly Lock _lock = new();
    private IChatCompletionService? _service;
    private SemaphoreSlim? _gate;
    private volatile bool _schemaRejected;

    public async Task<ChatOutcome> CompleteAsync(ReviewPrompt prompt, CancellationToken cancellationToken)
    {
        var (service, gate) = Prepare();
        var history = new ChatHistory();
        history.AddSystemMessage(prompt.System);
        history.AddUserMessage(prompt.User);

        await gate.WaitAsync(cancellationToken);
        try
        {
            Microsoft.SemanticKernel.ChatMessageContent answer;
            var format = Format();
            try
            {
                answer = await service.GetChatMessageContentAsync(history, Settings(format, options.MaxTokens), kernel: null, cancellationToken);
            }
            catch (HttpOperationException ex) when (format == "json_schema" && ex.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.UnprocessableEntity)
            {
                // Schema-constrained output where the server supports it: older vLLM and llama.cpp builds reject
                // json_schema, so ask for a plain JSON object from now on; the answer is validated in code either way.
                _schemaRejected = true;
                logger.LogWarning("The server rejected the JSON schema response format (HTTP {Status}); asking for a JSON object instead", (int)ex.StatusCode!);
                answer = await service.GetChatMessageContentAsync(history, Settings(Format(), options.MaxTokens), kernel: null, cancellationToken);
            }
            var usage = answer.Metadata is { } metadata && metadata.TryGetValue("Usage", out var u) && u is ChatTokenUsage tokens ? tokens : null;
            return new ChatOutcome(answer.Content ?? "", usage?.InputTokenCount ?? 0, usage?.OutputTokenCount ?? 0, null, null);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            var (code, detail) = Classify(ex);
            // The exception's type and status only: messages and response bodies may quote the request.
            logger.LogWarning("LLM call failed: {Code} ({Exception})", code, ex.GetType().Name);
            return ChatOutcome.Failed(code, detail);
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Built on first use, after the CLI has applied its flags to the options.</summary>
    private (IChatCompletionService Service, SemaphoreSlim Gate) Prepare()
    {
        lock (_lock)
        {
            _gate ??= new SemaphoreSlim(Math.Max(1, options.MaxConcurrency));
            _service ??= CreateService();
            return (_service, _gate);
        }
    }

    private IChatCompletionService CreateService()
    {
        var http = httpClients.CreateClient(HttpClientName);
        var key = credentials.ApiKey();
        var model = options.Model ?? throw new InvalidOperationException("Llm:Model is not set");
        var endpoint = options.Endpoint ?? throw new InvalidOperationException("Llm:Endpoint is not set");
        return options.Provider switch
        {
            // A local server needs no key; the client library still wants a non-empty one.
            LlmProvider.OpenAI => new OpenAIChatCompletionService(model, new Uri(endpoint), key ?? "none", organization: null, httpClient: http),
            LlmProvider.Azure => new AzureOpenAIChatCompletionService(model, endpoint, key ?? throw new InvalidOperationException(LlmCredentials.Variable + " is not set"),
                modelId: model, httpClient: http, loggerFactory: null, apiVersion: options.ApiVersion),
            _ => throw new InvalidOperationException("no LLM provider configured"),
        };
    }

    private string Format()
    {
        var configured = options.ResponseFormat.Trim().ToLowerInvariant();
        return configured == "json_schema" && _schemaRejected ? "json_object" : configured;
    }

    private static OpenAIPromptExecutionSettings Settings(string format, int maxTokens) => new()
    {
        Temperature = 0,
        MaxTokens = maxTokens,
        // The SDK sends max_completion_tokens; Ollama and older vLLM read only max_tokens.
        ExtraBody = new Dictionary<string, object?> { ["max_tokens"] = maxTokens },
        ResponseFormat = format switch
        {
            "json_schema" => ChatResponseFormat.CreateJsonSchemaFormat("application_review",
                BinaryData.FromString(PromptResources.Read("review-schema.json")), jsonSchemaIsStrict: true),
            "json_object" => "json_object",
            _ => null,
        },
    };

    /// <summary>A stable reason for results.json: the same failure gives the same words on every run.</summary>
    private (string Code, string Detail) Classify(Exception ex)
    {
        var attempts = options.MaxRetries + 1;
        for (var e = ex; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case TimeoutRejectedException:
                    return ("timeout", $"no answer within {options.Timeout.TotalSeconds:0.###} s ({attempts} attempts)");
                case HttpOperationException { StatusCode: HttpStatusCode.TooManyRequests }:
                    return ("rate-limited", $"HTTP 429 after {attempts} attempts");
                case HttpOperationException { StatusCode: { } status } when (int)status >= 500:
                    return ("server-error", $"HTTP {(int)status} after {attempts} attempts");
                case HttpOperationException { StatusCode: { } status }:
                    return ("http-error", $"HTTP {(int)status}");
                case HttpRequestException or SocketException:
                    return ("unreachable", "the endpoint could not be reached");
                case TaskCanceledException:
                    return ("timeout", $"no answer within {options.Timeout.TotalSeconds:0.###} s ({attempts} attempts)");
            }
        }
        return ("llm-error", ex.GetType().Name);
    }
}
