using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace PilotEval.Summaries;

/// <summary>Why a server refused a request with a 4xx, told apart by what it answered rather than by the status alone.</summary>
public enum RejectionKind
{
    /// <summary>The prompt (with room for the answer) does not fit the model's context.</summary>
    ContextTooLong,
    /// <summary>The server does not accept the <c>json_schema</c> response format, or this schema.</summary>
    SchemaUnsupported,
    /// <summary>The key is missing, wrong or not allowed to use this model (401, 403).</summary>
    Authentication,
    /// <summary>No model or deployment of that name on the server.</summary>
    ModelNotFound,
    /// <summary>A 404 that names no model: the URL is wrong (an endpoint without <c>/v1</c>, say).</summary>
    EndpointNotFound,
    /// <summary>Any other 4xx: the server's own message is kept.</summary>
    Other,
}

/// <summary>
/// A 4xx answer read for its cause. The servers PilotEval meets say the same things in different words:
/// llama.cpp (<c>exceed_context_size_error</c> with <c>n_ctx</c> and <c>n_prompt_tokens</c>), vLLM ("maximum context
/// length is 4096 tokens. However, you requested 5000 tokens"), OpenAI and Azure (<c>context_length_exceeded</c>,
/// <c>param: response_format</c>, <c>DeploymentNotFound</c>), Ollama (<c>{"error":"model … not found"}</c>).
/// </summary>
/// <param name="ContextTokens">The model's context as the server reported it, when it did.</param>
/// <param name="PromptTokens">The prompt's size in tokens as the server counted it, when it said.</param>
public sealed partial record ServerRejection(RejectionKind Kind, int Status, string Message, int? ContextTokens, int? PromptTokens)
{
    public static ServerRejection Read(HttpStatusCode status, string? body)
    {
        var (type, code, param, message, nCtx, nPrompt) = Fields(body);
        var text = $"{type} {code} {param} {message}";
        nCtx ??= FirstNumber(ContextLimit(), message);
        nPrompt ??= FirstNumber(PromptSize(), message);
        var kind = (int)status switch
        {
            401 or 403 => RejectionKind.Authentication,
            _ when type == "exceed_context_size_error" || code == "context_length_exceeded" || ContextWords().IsMatch(text) => RejectionKind.ContextTooLong,
            404 => ModelWords().IsMatch(text) ? RejectionKind.ModelNotFound : RejectionKind.EndpointNotFound,
            _ when param == "response_format" || SchemaWords().IsMatch(text) => RejectionKind.SchemaUnsupported,
            _ when ModelWords().IsMatch(text) && NotFoundWords().IsMatch(text) => RejectionKind.ModelNotFound,
            _ => RejectionKind.Other,
        };
        return new ServerRejection(kind, (int)status, OneLine(message), nCtx, nPrompt);
    }

    /// <summary>The server's message on one line and short: it may quote the request, so no more than a glimpse.</summary>
    public string Glimpse => Message.Length == 0 ? "" : Message.Length <= 160 ? Message : Message[..160] + "…";

    private static (string Type, string Code, string Param, string Message, int? NCtx, int? NPrompt) Fields(string? body)
    {
        if (string.IsNullOrWhiteSpace(body)) return ("", "", "", "", null, null);
        try
        {
            using var json = JsonDocument.Parse(body);
            var root = json.RootElement;
            // OpenAI, Azure, llama.cpp and newer vLLM nest the fields in "error"; older vLLM puts them at the top;
            // Ollama's "error" is the message itself.
            var error = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("error", out var e) ? e : root;
            if (error.ValueKind == JsonValueKind.String) return ("", "", "", error.GetString() ?? "", null, null);
            if (error.ValueKind != JsonValueKind.Object) return ("", "", "", body, null, null);
            return (Text(error, "type"), Text(error, "code"), Text(error, "param"), Text(error, "message"),
                Number(error, "n_ctx"), Number(error, "n_prompt_tokens"));
        }
        catch (JsonException)
        {
            return ("", "", "", body, null, null);
        }
    }

    private static string Text(JsonElement e, string name) => e.TryGetProperty(name, out var v) ? v.ValueKind switch
    {
        JsonValueKind.String => v.GetString() ?? "",
        JsonValueKind.Number => v.GetRawText(),
        _ => "",
    } : "";

    private static int? Number(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out var n) && n > 0 ? n : null;

    private static int? FirstNumber(Regex pattern, string text) =>
        pattern.Match(text) is { Success: true } m && int.TryParse(m.Groups["n"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;

    private static string OneLine(string text) => WhiteSpace().Replace(text, " ").Trim();

    [GeneratedRegex(@"context (length|size|window)|maximum context|max_model_len|too many tokens|prompt is too long|reduce the length", RegexOptions.IgnoreCase)]
    private static partial Regex ContextWords();

    // "maximum context length is 4096 tokens" (OpenAI, vLLM), "context size (2048 tokens)" (llama.cpp).
    [GeneratedRegex(@"(?:maximum context length is|context size \(|max_model_len[^0-9]{0,10})\s*(?<n>\d+)", RegexOptions.IgnoreCase)]
    private static partial Regex ContextLimit();

    // "resulted in 5000 tokens" (OpenAI), "(4000 in the messages" (vLLM: the prompt part), "request (5000 tokens)" (llama.cpp).
    [GeneratedRegex(@"(?:resulted in (?<n>\d+) tokens|\((?<n>\d+) in the messages|request \((?<n>\d+) tokens)", RegexOptions.IgnoreCase)]
    private static partial Regex PromptSize();

    [GeneratedRegex(@"response_format|json_schema|json schema|schema|grammar|structured output", RegexOptions.IgnoreCase)]
    private static partial Regex SchemaWords();

    [GeneratedRegex(@"model|deployment", RegexOptions.IgnoreCase)]
    private static partial Regex ModelWords();

    [GeneratedRegex(@"not found|does not exist|not exist|unknown", RegexOptions.IgnoreCase)]
    private static partial Regex NotFoundWords();

    [GeneratedRegex(@"\s+")]
    private static partial Regex WhiteSpace();
}
