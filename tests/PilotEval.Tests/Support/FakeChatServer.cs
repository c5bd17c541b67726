using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Net;
using System.Net.Sockets;

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
/// A chat-completions server on 127.0.0.1 (a free port), speaking both the OpenAI path
/// (<c>/v1/chat/completions</c>) and the Azure one (<c>/openai/deployments/{d}/chat/completions?api-version=…</c>).
/// It records every request and answers with what the test's function returns; the function gets the request
/// and its 1-based number, so a test can script "429, then success". Built on <see cref="HttpListener"/>, which
/// the base framework has, so neither the tests nor the CLI they start depend on ASP.NET Core.
/// </summary>
public sealed class FakeChatServer : IAsyncDisposable
{
    private readonly HttpListener _listener;
    private readonly Func<RecordedRequest, int, FakeResponse> _respond;
    private readonly CancellationTokenSource _stopping = new();
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();
    private readonly ConcurrentDictionary<Task, byte> _handlers = new();
    private Task _accepting = Task.CompletedTask;
    private int _count;
    private int _inFlight;
    private int _maxInFlight;

    private FakeChatServer(HttpListener listener, Func<RecordedRequest, int, FakeResponse> respond, string baseUrl)
    {
        _listener = listener;
        _respond = respond;
        BaseUrl = baseUrl;
    }

    public string BaseUrl { get; }

    /// <summary>The base URL an OpenAI-compatible client is given.</summary>
    public string OpenAIEndpoint => BaseUrl + "/v1";

    public string AzureEndpoint => BaseUrl + "/";

    public IReadOnlyList<RecordedRequest> Requests => [.. _requests];

    /// <summary>The most requests the server was answering at one moment.</summary>
    public int MaxInFlight => Volatile.Read(ref _maxInFlight);

    /// <summary>Requests being answered right now.</summary>
    public int InFlight => Volatile.Read(ref _inFlight);

    public static Task<FakeChatServer> StartAsync(Func<RecordedRequest, int, FakeResponse> respond)
    {
        // HttpListener needs a concrete port: take a free one from the kernel, then listen on it.
        for (var attempt = 0; ; attempt++)
        {
            var probe = new TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            var port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
            var baseUrl = $"http://127.0.0.1:{port}";
            var listener = new HttpListener();
            listener.Prefixes.Add(baseUrl + "/");
            try
            {
                listener.Start();
            }
            catch (HttpListenerException) when (attempt < 5)
            {
                listener.Close();
                continue;
            }
            var server = new FakeChatServer(listener, respond, baseUrl);
            server._accepting = Task.Run(server.AcceptAsync);
            return Task.FromResult(server);
        }
    }

    private async Task AcceptAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }
            var handler = Task.Run(() => Handle(context));
            _handlers[handler] = 0;
            _ = handler.ContinueWith(t => _handlers.TryRemove(t, out _), TaskScheduler.Default);
        }
    }

    private async Task Handle(HttpListenerContext context)
    {
        var path = context.Request.Url?.AbsolutePath ?? "";
        if (!context.Request.HttpMethod.Equals("POST", StringComparison.OrdinalIgnoreCase) ||
            !(path == "/v1/chat/completions" || path.StartsWith("/openai/deployments/", StringComparison.Ordinal) && path.EndsWith("/chat/completions", StringComparison.Ordinal)))
        {
            context.Response.StatusCode = 404;
            context.Response.Close();
            return;
        }

        var inFlight = Interlocked.Increment(ref _inFlight);
        for (var seen = Volatile.Read(ref _maxInFlight); inFlight > seen; seen = Volatile.Read(ref _maxInFlight))
        {
            if (Interlocked.CompareExchange(ref _maxInFlight, inFlight, seen) == seen) break;
        }
        try
        {
            using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
            var body = await reader.ReadToEndAsync();
            var headers = context.Request.Headers.AllKeys.OfType<string>()
                .ToDictionary(k => k, k => context.Request.Headers[k] ?? "", StringComparer.OrdinalIgnoreCase);
            var request = new RecordedRequest(path, context.Request.Url?.Query ?? "", headers, body);
            _requests.Enqueue(request);
            var response = _respond(request, Interlocked.Increment(ref _count));
            if (response.Delay > TimeSpan.Zero) await Task.Delay(response.Delay, _stopping.Token);
            context.Response.StatusCode = response.Status;
            context.Response.ContentType = "application/json";
            foreach (var (name, value) in response.Headers ?? new Dictionary<string, string>()) context.Response.Headers[name] = value;
            var bytes = Encoding.UTF8.GetBytes(response.Body);
            context.Response.ContentLength64 = bytes.Length;
            await context.Response.OutputStream.WriteAsync(bytes, _stopping.Token);
            context.Response.Close();
        }
        catch (Exception ex) when (ex is OperationCanceledException or HttpListenerException or IOException or ObjectDisposedException)
        {
            // The client gave up (its timeout) or the server is stopping: nothing to answer.
            try { context.Response.Abort(); } catch (ObjectDisposedException) { }
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        _listener.Stop();
        await _accepting;
        await Task.WhenAll(_handlers.Keys);
        // Close after Stop looks the port's endpoint up again, and on Linux that binds the port anew: when another test's
        // server has taken the freed port meanwhile it throws "Address already in use". The listener is stopped and
        // serves nothing by then, so there is nothing left to release.
        try { _listener.Close(); } catch (HttpListenerException) { }
        _stopping.Dispose();
    }
}
