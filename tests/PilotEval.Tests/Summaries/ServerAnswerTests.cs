using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using PilotEval.Summaries;
using PilotEval.Tests.Support;

namespace PilotEval.Tests.Summaries;

/// <summary>
/// What a server answers besides a review — a refusal, a cut-off or empty answer, silence — and the method and
/// reason each leaves in results.json. Bodies are the ones the real servers send (llama.cpp, vLLM, OpenAI, Azure, Ollama).
/// </summary>
public sealed partial class ServerAnswerTests
{
    private const string LlamaContext = """{"error":{"code":400,"message":"request (5210 tokens) exceeds the available context size (4096 tokens), try increasing it","type":"exceed_context_size_error","n_prompt_tokens":5210,"n_ctx":4096}}""";

    [Theory]
    [InlineData(400, LlamaContext, RejectionKind.ContextTooLong, 4096, 5210)]
    [InlineData(400, """{"object":"error","message":"This model's maximum context length is 8192 tokens. However, you requested 9500 tokens (8000 in the messages, 1500 in the completion). Please reduce the length of the messages or completion.","type":"BadRequestError","param":null,"code":400}""", RejectionKind.ContextTooLong, 8192, 8000)]
    [InlineData(400, """{"error":{"message":"This model's maximum context length is 128000 tokens. However, your messages resulted in 130001 tokens. Please reduce the length of the messages.","type":"invalid_request_error","param":"messages","code":"context_length_exceeded"}}""", RejectionKind.ContextTooLong, 128000, 130001)]
    [InlineData(400, """{"error":{"message":"Invalid parameter: 'response_format' of type 'json_schema' is not supported with this model.","type":"invalid_request_error","param":"response_format","code":null}}""", RejectionKind.SchemaUnsupported, null, null)]
    [InlineData(400, """{"error":{"code":400,"message":"\"json_schema\": JSON schema conversion failed: unsupported pattern","type":"invalid_request_error"}}""", RejectionKind.SchemaUnsupported, null, null)]
    [InlineData(401, """{"error":{"code":401,"message":"Invalid API Key","type":"authentication_error"}}""", RejectionKind.Authentication, null, null)]
    [InlineData(403, """{"error":{"code":"PermissionDenied","message":"Principal does not have access to API/Operation."}}""", RejectionKind.Authentication, null, null)]
    [InlineData(404, """{"error":"model \"qwen2.5:7b\" not found, try pulling it first"}""", RejectionKind.ModelNotFound, null, null)]
    [InlineData(404, """{"error":{"code":"DeploymentNotFound","message":"The API deployment for this resource does not exist."}}""", RejectionKind.ModelNotFound, null, null)]
    [InlineData(404, """{"error":{"code":404,"message":"File Not Found","type":"not_found_error"}}""", RejectionKind.EndpointNotFound, null, null)]
    [InlineData(400, """{"error":{"code":400,"message":"'messages' is required","type":"invalid_request_error"}}""", RejectionKind.Other, null, null)]
    [InlineData(400, "not json at all", RejectionKind.Other, null, null)]
    public void A_refusal_is_read_for_its_cause_and_the_numbers_the_server_gave(int status, string body, RejectionKind kind, int? context, int? prompt)
    {
        var rejection = ServerRejection.Read((System.Net.HttpStatusCode)status, body);

        Assert.Equal(kind, rejection.Kind);
        Assert.Equal(context, rejection.ContextTokens);
        Assert.Equal(prompt, rejection.PromptTokens);
    }

    [Fact]
    public async Task A_prompt_too_long_for_the_context_is_trimmed_to_the_context_the_server_reports_and_keeps_json_schema()
    {
        using var scenario = new LlmScenario().Lengthened(paragraphs: 40);
        // Refuses, as vLLM does, a prompt that leaves less than max_tokens of the context for the answer.
        await using var server = await FakeChatServer.StartAsync((r, _) => Tokens(r) + 500 > 3000
            ? new FakeResponse(400, ContextRefusal(r, 3000))
            : FakeResponse.Chat(FakeReviewer.Answer(r)));
        var options = scenario.Options(server);
        options.MaxTokens = 500;

        var results = await scenario.EvaluateAsync(options);

        Assert.InRange(server.Requests.Count, 2, 3);
        Assert.True(Tokens(server.Requests[0]) + 500 > 3000, "the first prompt did not fit");
        Assert.True(Tokens(server.Requests[^1]) + 500 <= 3000, "the last one does");
        Assert.Contains("It was cut after", server.Requests[^1].User);
        Assert.All(server.Requests, r => Assert.Equal("json_schema", r.Json!["response_format"]!["type"]!.GetValue<string>()));
        var summary = LlmScenario.Submission(results)["summary"]!;
        Assert.Equal("llm", summary["method"]!.GetValue<string>());
        Assert.Null(summary["fallbackReason"]);
        Assert.Matches(@"^the document was cut after \d+ sentences \(\d+ characters\) to fit the server's context \(3000 tokens\)$", summary["inputTrimmed"]!.GetValue<string>());
    }

    [Fact]
    public async Task Llm_ContextTokens_trims_before_the_first_call_so_a_server_that_truncates_silently_gets_a_prompt_that_fits()
    {
        using var scenario = new LlmScenario().Lengthened(paragraphs: 40);
        await using var server = await FakeChatServer.StartAsync((r, _) => FakeResponse.Chat(FakeReviewer.Answer(r)));
        var options = scenario.Options(server);
        options.MaxTokens = 500;
        options.ContextTokens = 2000;

        var results = await scenario.EvaluateAsync(options);

        var request = Assert.Single(server.Requests);
        Assert.True(ContextFit.Estimate(request.System) + ContextFit.Estimate(request.User) <= 2000 - 500, "the estimate fits the configured context");
        var summary = LlmScenario.Submission(results)["summary"]!;
        Assert.Equal("llm", summary["method"]!.GetValue<string>());
        Assert.Contains("Llm:ContextTokens (2000)", summary["inputTrimmed"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_context_too_small_for_the_instructions_and_the_answer_falls_back_saying_what_to_raise()
    {
        using var scenario = new LlmScenario();
        await using var server = await FakeChatServer.StartAsync((r, _) => new FakeResponse(400, ContextRefusal(r, 1024)));
        var options = scenario.Options(server);
        options.MaxTokens = 1500;

        var results = await scenario.EvaluateAsync(options);

        Assert.Single(server.Requests); // nothing to gain from trimming: the answer alone needs more than the context
        var summary = LlmScenario.Submission(results)["summary"]!;
        Assert.Equal("extractive", summary["method"]!.GetValue<string>());
        var reason = summary["fallbackReason"]!.GetValue<string>();
        Assert.StartsWith("context-too-long: HTTP 400: the prompt (", reason);
        Assert.Contains("the model's context (1024 tokens) with room for Llm:MaxTokens (1500)", reason);
        Assert.EndsWith("raise the server's context (llama-server -c, Ollama num_ctx, vLLM --max-model-len) or lower Llm:MaxTokens", reason);
    }

    [Fact]
    public async Task A_server_that_really_rejects_the_schema_gets_it_inside_json_object_and_other_400s_keep_json_schema()
    {
        using var scenario = new LlmScenario(submissions: 2);
        const string refusal = """{"error":{"message":"Invalid parameter: 'response_format' of type 'json_schema' is not supported with this model.","type":"invalid_request_error","param":"response_format","code":null}}""";
        await using var server = await FakeChatServer.StartAsync((r, _) =>
            r.Json!["response_format"]!["type"]!.GetValue<string>() == "json_schema" ? new FakeResponse(400, refusal) : FakeResponse.Chat(FakeReviewer.Answer(r)));
        var options = scenario.Options(server);
        options.MaxConcurrency = 1;

        var results = await scenario.EvaluateAsync(options);

        Assert.Equal(["json_schema", "json_object", "json_object"], server.Requests.Select(r => r.Json!["response_format"]!["type"]!.GetValue<string>()));
        // llama.cpp enforces json_object only with a schema beside it: the schema travels along.
        Assert.All(server.Requests.Skip(1), r => Assert.Equal("object", r.Json!["response_format"]!["schema"]!["type"]!.GetValue<string>()));
        Assert.All(server.Requests.Skip(1), r => Assert.NotNull(r.Json!["response_format"]!["schema"]!["properties"]!["criteria"]));
        Assert.Equal(2, results["llm"]!["reviewed"]!.GetValue<int>());

        using var other = new LlmScenario();
        await using var strict = await FakeChatServer.StartAsync((_, _) =>
            new FakeResponse(400, """{"error":{"code":400,"message":"'messages' is required","type":"invalid_request_error"}}"""));
        var plain = await other.EvaluateAsync(other.Options(strict));
        Assert.Equal("json_schema", Assert.Single(strict.Requests).Json!["response_format"]!["type"]!.GetValue<string>());
        Assert.Equal("http-error: HTTP 400: 'messages' is required", LlmScenario.Submission(plain)["summary"]!["fallbackReason"]!.GetValue<string>());
    }

    [Theory]
    [InlineData(401, """{"error":{"code":401,"message":"Invalid API Key","type":"authentication_error"}}""",
        "authentication: HTTP 401: the server refused the key; check PILOTEVAL_LLM_API_KEY")]
    [InlineData(404, """{"error":"model \"qwen2.5-7b-instruct\" not found, try pulling it first"}""",
        "model-not-found: HTTP 404: the server has no model or deployment named 'qwen2.5-7b-instruct' (Llm:Model, --llm-model)")]
    [InlineData(404, """{"error":{"code":404,"message":"File Not Found","type":"not_found_error"}}""",
        "endpoint-not-found: HTTP 404: no chat completions API at Llm:Endpoint (an OpenAI-compatible URL ends in /v1)")]
    public async Task Authentication_and_missing_models_are_told_apart_and_not_retried(int status, string body, string reason)
    {
        using var scenario = new LlmScenario();
        await using var server = await FakeChatServer.StartAsync((_, _) => new FakeResponse(status, body));

        var results = await scenario.EvaluateAsync(scenario.Options(server));

        Assert.Single(server.Requests);
        var summary = LlmScenario.Submission(results)["summary"]!;
        Assert.Equal("extractive", summary["method"]!.GetValue<string>());
        Assert.Equal(reason, summary["fallbackReason"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_answer_with_an_empty_criteria_list_is_not_a_review()
    {
        using var scenario = new LlmScenario();
        await using var server = await FakeChatServer.StartAsync((r, _) => FakeResponse.Chat(FakeReviewer.Answer(r, tamper: (a, _) => a["criteria"] = new JsonArray())));

        var results = await scenario.EvaluateAsync(scenario.Options(server));

        var summary = LlmScenario.Submission(results)["summary"]!;
        Assert.Equal("extractive", summary["method"]!.GetValue<string>());
        Assert.Matches(@"^incomplete-response: the answer's criteria list is empty; \d+ criteria were asked for$", summary["fallbackReason"]!.GetValue<string>());
        Assert.All(LlmScenario.Submission(results)["criteria"]!.AsArray(), c => Assert.Null(c!["advisory"]));
    }

    [Fact]
    public async Task An_empty_answer_is_named_as_such()
    {
        using var scenario = new LlmScenario();
        await using var server = await FakeChatServer.StartAsync((_, _) => FakeResponse.Chat("", completionTokens: 1));

        var results = await scenario.EvaluateAsync(scenario.Options(server));

        Assert.Equal("empty-response: the server answered with no content", LlmScenario.Submission(results)["summary"]!["fallbackReason"]!.GetValue<string>());
    }

    [Theory]
    [InlineData(1500, "truncated: the answer was cut off at Llm:MaxTokens (1500 tokens, finish_reason: length); raise Llm:MaxTokens")]
    [InlineData(700, "truncated: the answer was cut off after 700 tokens, before Llm:MaxTokens (1500) (finish_reason: length): the server's context filled up; " +
        "raise it (llama-server -c, Ollama num_ctx) or set Llm:ContextTokens so the document is trimmed to leave room")]
    public async Task A_cut_off_answer_says_it_was_truncated_and_which_setting_to_raise(int completionTokens, string reason)
    {
        using var scenario = new LlmScenario();
        await using var server = await FakeChatServer.StartAsync((r, _) => Finished(FakeReviewer.Answer(r)[..200], completionTokens, "length"));

        var results = await scenario.EvaluateAsync(scenario.Options(server));

        var summary = LlmScenario.Submission(results)["summary"]!;
        Assert.Equal("extractive", summary["method"]!.GetValue<string>());
        Assert.Equal(reason, summary["fallbackReason"]!.GetValue<string>());
        Assert.Equal(completionTokens, summary["tokens"]!["completion"]!.GetValue<int>());
    }

    [Fact]
    public async Task A_timeout_reason_counts_the_attempts_really_made_when_the_total_limit_ends_the_call()
    {
        using var scenario = new LlmScenario();
        await using var server = await FakeChatServer.StartAsync((r, _) => FakeResponse.Chat(FakeReviewer.Answer(r), delay: TimeSpan.FromSeconds(30)));
        var options = scenario.Options(server);
        options.Timeout = TimeSpan.FromSeconds(2);
        options.TotalTimeout = TimeSpan.FromSeconds(5);
        options.MaxRetries = 5;

        var results = await scenario.EvaluateAsync(options);

        var reason = LlmScenario.Submission(results)["summary"]!["fallbackReason"]!.GetValue<string>();
        var match = TotalTimeoutReason().Match(reason);
        Assert.True(match.Success, reason);
        // Six attempts are allowed; within 5 s of 2 s each, two or three start (three on time; two on a machine slow to retry).
        Assert.InRange(int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), 2, 3);
    }

    /// <summary>The prompt counted roughly as a tokenizer would: English four characters a token, Chinese one.</summary>
    private static int Tokens(RecordedRequest request) => request.System.Length / 4 + request.User.Length;

    /// <summary>llama.cpp's refusal, with the prompt's size and the context.</summary>
    private static string ContextRefusal(RecordedRequest request, int context)
    {
        var tokens = Tokens(request);
        return new JsonObject
        {
            ["error"] = new JsonObject
            {
                ["code"] = 400,
                ["message"] = $"request ({tokens} tokens) exceeds the available context size ({context} tokens), try increasing it",
                ["type"] = "exceed_context_size_error",
                ["n_prompt_tokens"] = tokens,
                ["n_ctx"] = context,
            },
        }.ToJsonString();
    }

    private static FakeResponse Finished(string content, int completionTokens, string finishReason)
    {
        var body = JsonNode.Parse(FakeResponse.Chat(content, 1200, completionTokens).Body)!;
        body["choices"]![0]!["finish_reason"] = finishReason;
        return new FakeResponse(200, body.ToJsonString());
    }

    [GeneratedRegex(@"^timeout: no answer within 2 s per attempt; Llm:TotalTimeout \(5 s\) ended the call after (\d) attempts$")]
    private static partial Regex TotalTimeoutReason();
}
