namespace PilotEval.Summaries;

/// <summary>Where the model runs. <see cref="None"/> (the default) means no request ever leaves the machine.</summary>
public enum LlmProvider
{
    None,
    /// <summary>Any OpenAI-compatible server: vLLM, Ollama, llama.cpp, or OpenAI itself.</summary>
    OpenAI,
    /// <summary>Azure OpenAI: the model name is the deployment.</summary>
    Azure,
}

/// <summary>
/// Settings of the LLM-assisted review, bound from the configuration section <c>Llm</c>
/// (<c>PILOTEVAL_Llm__Provider</c>, …) and then overridden by <c>--llm</c> flags. Deliberately has no key
/// property: the key is read from <see cref="LlmCredentials"/> only, so no configuration file can hold it.
/// </summary>
public sealed class LlmOptions
{
    public const string Section = "Llm";

    public LlmProvider Provider { get; set; } = LlmProvider.None;

    /// <summary>OpenAI-compatible base URL (ending in <c>/v1</c>) or the Azure OpenAI endpoint.</summary>
    public string? Endpoint { get; set; }

    /// <summary>Model name, or the Azure deployment.</summary>
    public string? Model { get; set; }

    /// <summary>Azure OpenAI API version (e.g. <c>2024-10-21</c>); null lets the client library choose.</summary>
    public string? ApiVersion { get; set; }

    /// <summary>One attempt may take this long; a slow model is cut off and retried, then falls back.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(120);

    /// <summary>Bounds a whole call with its retries and waits, whatever a Retry-After header asks for.</summary>
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromMinutes(6);

    /// <summary>Retries after the first attempt, on 429, 5xx, timeouts and connection failures.</summary>
    public int MaxRetries { get; set; } = 3;

    /// <summary>First backoff delay; it grows exponentially with jitter unless the server sends Retry-After.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Requests in flight at once, across all submissions of a run.</summary>
    public int MaxConcurrency { get; set; } = 4;

    /// <summary>Completion token cap per call, sent as both <c>max_completion_tokens</c> and <c>max_tokens</c>.</summary>
    public int MaxTokens { get; set; } = 2048;

    /// <summary>Characters of application text sent per call; the rest is left out and the prompt says so.</summary>
    public int MaxInputCharacters { get; set; } = 24000;

    /// <summary>
    /// The model's context in tokens, as the server is configured (llama.cpp <c>-c</c>, Ollama <c>num_ctx</c>, vLLM
    /// <c>--max-model-len</c>); null when unknown. When set, a document that would not fit beside the instructions and
    /// <see cref="MaxTokens"/> is trimmed before the call: Ollama silently drops the start of a prompt that is too
    /// long, instructions included. Without it, a server that reports its context in its refusal (llama.cpp, vLLM,
    /// OpenAI) still gets a trimmed retry.
    /// </summary>
    public int? ContextTokens { get; set; }

    /// <summary><c>json_schema</c> (strict structured output), <c>json_object</c>, or <c>text</c> for servers that support neither.</summary>
    public string ResponseFormat { get; set; } = "json_schema";

    /// <summary>Where answers are cached by prompt and model hash; null means no cache (the CLI defaults it to <c>&lt;out&gt;/llm-cache</c>).</summary>
    public string? CacheDirectory { get; set; }

    /// <summary>Answer only from the cache and never call the model: reproduces a recorded run exactly.</summary>
    public bool Replay { get; set; }

    /// <summary>A review is wanted: any provider but none. Replay needs a provider too, so its cache keys name the same model.</summary>
    public bool Enabled => Provider != LlmProvider.None;

    /// <summary>Parses the <c>--llm</c> value; null when it is not one of none, openai, azure.</summary>
    public static LlmProvider? ParseProvider(string? value) => value?.Trim().ToLowerInvariant() switch
    {
        "none" => LlmProvider.None,
        "openai" => LlmProvider.OpenAI,
        "azure" => LlmProvider.Azure,
        _ => null,
    };
}

/// <summary>
/// The API key, read from <c>PILOTEVAL_LLM_API_KEY</c> at the moment of a call and handed to the client
/// library only: never logged, cached, hashed into cache keys or written to any report.
/// </summary>
public sealed class LlmCredentials(Func<string?> apiKey)
{
    public const string Variable = "PILOTEVAL_LLM_API_KEY";

    public LlmCredentials() : this(() => Environment.GetEnvironmentVariable(Variable))
    {
    }

    internal string? ApiKey()
    {
        var key = apiKey();
        return string.IsNullOrWhiteSpace(key) ? null : key.Trim();
    }

    /// <summary>Never the key itself, whatever prints this object.</summary>
    public override string ToString() => nameof(LlmCredentials);
}
