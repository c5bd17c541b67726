using System.ClientModel.Primitives;
using System.Globalization;
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
/// <param name="FinishReason">The server's <c>finish_reason</c> (<c>stop</c>, <c>length</c>…), lower case; null when it gave none.</param>
/// <param name="Rejection">Set when the server refused the request with a 4xx, so the caller can adapt (trim a prompt too long for the context).</param>
public sealed record ChatOutcome(string? Content, int PromptTokens, int CompletionTokens, string? FailureCode, string? FailureDetail,
    string? FinishReason = null, ServerRejection? Rejection = null)
{
    public static ChatOutcome Failed(string code, string detail, ServerRejection? rejection = null) => new(null, 0, 0, code, detail, null, rejection);
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
        var attempts = LlmAttemptCounter.Begin();
        try
        {
            Microsoft.SemanticKernel.ChatMessageContent answer;
            var format = Format();
            try
            {
                answer = await service.GetChatMessageContentAsync(history, Settings(format, options.MaxTokens), kernel: null, cancellationToken);
            }
            catch (HttpOperationException ex) when (format == "json_schema" && IsSchemaRejection(ex))
            {
                // Only a server that really refused the schema loses it: older vLLM and llama.cpp builds, some
                // proxies. The schema then travels inside json_object, which llama.cpp enforces as a grammar (a bare
                // json_object it does not enforce for chat templates such as Qwen's); other servers ignore it there,
                // and the answer is validated in code either way.
                _schemaRejected = true;
                logger.LogWarning("The server rejected the JSON schema response format (HTTP {Status}); sending the schema inside json_object instead", (int)ex.StatusCode!);
                attempts = LlmAttemptCounter.Begin();
                answer = await service.GetChatMessageContentAsync(history, Settings(Format(), options.MaxTokens), kernel: null, cancellationToken);
            }
            var usage = answer.Metadata is { } metadata && metadata.TryGetValue("Usage", out var u) && u is ChatTokenUsage tokens ? tokens : null;
            var finish = answer.Metadata is { } m && m.TryGetValue("FinishReason", out var f) && f is not null ? f.ToString()?.ToLowerInvariant() : null;
            return new ChatOutcome(answer.Content ?? "", usage?.InputTokenCount ?? 0, usage?.OutputTokenCount ?? 0, null, null, finish);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            var (code, detail, rejection) = Classify(ex, attempts.Attempts);
            // The exception's type and status only: messages and response bodies may quote the request.
            logger.LogWarning("LLM call failed: {Code} ({Exception})", code, ex.GetType().Name);
            return ChatOutcome.Failed(code, detail, rejection);
        }
        finally
        {
            gate.Release();
        }
    }

    private static bool IsSchemaRejection(HttpOperationException ex) =>
        ex.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.UnprocessableEntity or HttpStatusCode.NotImplemented &&
        ServerRejection.Read(ex.StatusCode.Value, ex.ResponseContent).Kind == RejectionKind.SchemaUnsupported;

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
            "json_schema" => ChatResponseFormat.CreateJsonSchemaFormat("application_review", BinaryData.FromString(Schema), jsonSchemaIsStrict: true),
            // {"type": "json_object", "schema": {…}}: the form llama.cpp reads. The SDK has no such factory, but its
            // models keep the properties they do not know when read, and write them back.
            "json_object" => ModelReaderWriter.Read<ChatResponseFormat>(BinaryData.FromString($$"""{"type":"json_object","schema":{{Schema}}}""")),
            _ => null,
        },
    };

    private static string Schema => PromptResources.Read("review-schema.json");

    /// <summary>A stable reason for results.json: the same failure gives the same words on every run.</summary>
    /// <param name="attempts">HTTP attempts really made, counted by <see cref="LlmAttemptCounter"/>; never the most the settings allow.</param>
    private (string Code, string Detail, ServerRejection? Rejection) Classify(Exception ex, int attempts)
    {
        var tries = attempts == 1 ? "1 attempt" : $"{attempts} attempts";
        for (var e = ex; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case TimeoutRejectedException or TaskCanceledException:
                    // Fewer attempts than the retries allow: the bound on the whole call (or a long wait) ended it.
                    return attempts < options.MaxRetries + 1
                        ? ("timeout", $"no answer within {Seconds(options.Timeout)} s per attempt; Llm:TotalTimeout ({Seconds(options.TotalTimeout)} s) ended the call after {tries}", null)
                        : ("timeout", $"no answer within {Seconds(options.Timeout)} s ({tries})", null);
                case HttpOperationException { StatusCode: HttpStatusCode.TooManyRequests }:
                    return ("rate-limited", $"HTTP 429 after {tries}", null);
                case HttpOperationException { StatusCode: { } status } when (int)status >= 500:
                    return ("server-error", $"HTTP {(int)status} after {tries}", null);
                case HttpOperationException { StatusCode: { } status } http:
                    return Rejected(ServerRejection.Read(status, http.ResponseContent));
                case HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError } or SocketException:
                    return ("unreachable", $"the endpoint could not be reached (connection refused or lost) after {tries}", null);
                case HttpRequestException { HttpRequestError: HttpRequestError.ResponseEnded }:
                    return ("unreachable", $"the server closed the connection without an answer after {tries}", null);
                case HttpRequestException:
                    return ("unreachable", $"the endpoint could not be reached after {tries}", null);
            }
        }
        return ("llm-error", ex.GetType().Name, null);
    }

    /// <summary>Each cause of a 4xx in words an operator can act on, naming the setting to change.</summary>
    private (string Code, string Detail, ServerRejection? Rejection) Rejected(ServerRejection r)
    {
        var said = r.Glimpse.Length > 0 ? $": {r.Glimpse}" : "";
        return r.Kind switch
        {
            RejectionKind.ContextTooLong => ("context-too-long",
                $"HTTP {r.Status}: the prompt{(r.PromptTokens is { } p ? $" ({p} tokens)" : "")} does not fit the model's context" +
                $"{(r.ContextTokens is { } n ? $" ({n} tokens)" : "")} with room for Llm:MaxTokens ({options.MaxTokens})", r),
            RejectionKind.SchemaUnsupported => ("schema-unsupported",
                $"HTTP {r.Status}: the server refused the response format{said}; set Llm:ResponseFormat to json_object or text", r),
            RejectionKind.Authentication => ("authentication",
                $"HTTP {r.Status}: the server refused the key; check {LlmCredentials.Variable}", r),
            RejectionKind.ModelNotFound => ("model-not-found",
                $"HTTP {r.Status}: the server has no model or deployment named '{options.Model}' (Llm:Model, --llm-model)", r),
            RejectionKind.EndpointNotFound => ("endpoint-not-found",
                $"HTTP {r.Status}: no chat completions API at Llm:Endpoint (an OpenAI-compatible URL ends in /v1)", r),
            _ => ("http-error", $"HTTP {r.Status}{said}", r),
        };
    }

    private static string Seconds(TimeSpan t) => t.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture);
}
