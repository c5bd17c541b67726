using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace PilotEval.Tests.Support;

/// <summary>One request as the server received it.</summary>
public sealed record RecordedRequest(string Path, string Query, IReadOnlyDictionary<string, string> Headers, string Body)
{
    public JsonNode? Json { get; } = TryParse(Body);

    public string System => Message("system");

    public string User => Message("user");

    public string Model => Json?["model"]?.GetValue<string>() ?? "";

    private string Message(string role) => string.Join("\n", (Json?["messages"]?.AsArray() ?? [])
        .Where(m => m?["role"]?.GetValue<string>() == role)
        .Select(m => m?["content"] is JsonArray parts
            ? string.Concat(parts.Select(p => p?["text"]?.GetValue<string>()))
            : m?["content"]?.GetValue<string>() ?? ""));

    private static JsonNode? TryParse(string body)
    {
        try { return JsonNode.Parse(body); } catch (JsonException) { return null; }
    }
}

/// <summary>What the server answers to one request.</summary>
public sealed record FakeResponse(int Status, string Body, TimeSpan Delay = default, IReadOnlyDictionary<string, string>? Headers = null)
{
    /// <summary>A chat.completion whose message content is <paramref name="content"/>.</summary>
    public static FakeResponse Chat(string content, int promptTokens = 1200, int completionTokens = 300, TimeSpan delay = default) =>
        new(200, new JsonObject
        {
            ["id"] = "chatcmpl-test",
            ["object"] = "chat.completion",
            ["created"] = 1_700_000_000,
            ["model"] = "test-model",
            ["choices"] = new JsonArray(new JsonObject
            {
                ["index"] = 0,
                ["message"] = new JsonObject { ["role"] = "assistant", ["content"] = content },
                ["finish_reason"] = "stop",
            }),
            ["usage"] = new JsonObject
            {
                ["prompt_tokens"] = promptTokens,
                ["completion_tokens"] = completionTokens,
                ["total_tokens"] = promptTokens + completionTokens,
            },
        }.ToJsonString(), delay);

    public static FakeResponse Error(int status, TimeSpan delay = default, IReadOnlyDictionary<string, string>? headers = null) =>
        new(status, new JsonObject { ["error"] = new JsonObject { ["message"] = $"fake {status}", ["type"] = "server_error" } }.ToJsonString(), delay, headers);
}

/// <summary>
/// A chat-completions server on 127.0.0.1 (a random port), speaking both the OpenAI path
/// (<c>/v1/chat/completions</c>) and the Azure one (<c>/openai/deployments/{d}/chat/completions?api-version=…</c>).
/// It records every request and answers with what the test's function returns; the function gets the request
/// and its 1-based number, so a test can script "429, then success".
/// </summary>
public sealed class FakeChatServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();
    private int _count;
    private int _inFlight;
    private int _maxInFlight;

    private FakeChatServer(WebApplication app) => _app = app;

    public string BaseUrl { get; private set; } = "";

    /// <summary>The base URL an OpenAI-compatible client is given.</summary>
    public string OpenAIEndpoint => BaseUrl + "/v1";

    public string AzureEndpoint => BaseUrl + "/";

    public IReadOnlyList<RecordedRequest> Requests => [.. _requests];

    /// <summary>The most requests the server was answering at one moment.</summary>
    public int MaxInFlight => Volatile.Read(ref _maxInFlight);

    public static async Task<FakeChatServer> StartAsync(Func<RecordedRequest, int, FakeResponse> respond)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var server = new FakeChatServer(app);
        app.Run(context => server.Handle(context, respond));
        await app.StartAsync();
        server.BaseUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');
        return server;
    }

    private async Task Handle(HttpContext context, Func<RecordedRequest, int, FakeResponse> respond)
    {
        var path = context.Request.Path.Value ?? "";
        if (!context.Request.Method.Equals("POST", StringComparison.OrdinalIgnoreCase) ||
            !(path == "/v1/chat/completions" || path.StartsWith("/openai/deployments/", StringComparison.Ordinal) && path.EndsWith("/chat/completions", StringComparison.Ordinal)))
        {
            context.Response.StatusCode = 404;
            return;
        }

        var inFlight = Interlocked.Increment(ref _inFlight);
        for (var seen = Volatile.Read(ref _maxInFlight); inFlight > seen; seen = Volatile.Read(ref _maxInFlight))
        {
            if (Interlocked.CompareExchange(ref _maxInFlight, inFlight, seen) == seen) break;
        }
        try
        {
            using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
            var body = await reader.ReadToEndAsync();
            var request = new RecordedRequest(path, context.Request.QueryString.Value ?? "",
                context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase), body);
            _requests.Enqueue(request);
            var response = respond(request, Interlocked.Increment(ref _count));
            if (response.Delay > TimeSpan.Zero)
            {
                try { await Task.Delay(response.Delay, context.RequestAborted); }
                catch (OperationCanceledException) { return; }
            }
            context.Response.StatusCode = response.Status;
            context.Response.ContentType = "application/json";
            foreach (var (name, value) in response.Headers ?? new Dictionary<string, string>()) context.Response.Headers[name] = value;
            await context.Response.WriteAsync(response.Body, context.RequestAborted);
        }
        catch (OperationCanceledException)
        {
            // The client gave up (its timeout); nothing to answer.
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
