using System.Text.Json.Nodes;
using PilotEval.Summaries;
using PilotEval.Tests.Support;

namespace PilotEval.Tests.Summaries;

/// <summary>
/// The LLM path against a real llama.cpp server (built from the sources node-llama-cpp ships, with a tiny Qwen2
/// model of hand-set weights). The model cannot write: where a review must succeed, <see cref="ForcedAnswers"/>
/// makes the server's own grammar force the answer; what these tests prove is the protocol — the request
/// PilotEval sends, the server's real refusals, cut-offs, silences and crashes, and the method and reason each
/// leaves in results.json — and that the rule-based scores never move.
/// </summary>
public sealed class LlamaServerTests
{
    [LlamaFact]
    public async Task Every_summary_is_written_by_the_model_with_quotes_verified_against_the_sentences_sent()
    {
        using var scenario = new LlmScenario(submissions: 2);
        await using var llama = await LlamaServer.StartAsync();
        await using var relay = await ForcedAnswers.RelayAsync(llama);

        var results = await scenario.EvaluateAsync(Options(scenario, relay.OpenAIEndpoint));

        Assert.All(relay.Requests, r => Assert.Equal("json_schema", r.Json!["response_format"]!["type"]!.GetValue<string>()));
        foreach (var n in new[] { 1, 2 })
        {
            var submission = LlmScenario.Submission(results, n);
            var summary = submission["summary"]!;
            Assert.True(summary["method"]!.GetValue<string>() == "llm", $"{summary.ToJsonString()}\n{llama.Log}");
            Assert.Null(summary["fallbackReason"]);
            Assert.Equal(0, summary["droppedQuotes"]!.GetValue<int>());
            var quote = Assert.Single(summary["quotes"]!.AsArray())!;
            Assert.Equal($"sub-{n:00}.docx", quote["file"]!.GetValue<string>());
            Assert.True(quote["paragraph"]!.GetValue<int>() > 0);
            // The real server counted the tokens.
            Assert.True(summary["tokens"]!["prompt"]!.GetValue<int>() > 500);
            Assert.True(summary["tokens"]!["completion"]!.GetValue<int>() > 10);
            Assert.All(submission["criteria"]!.AsArray(), c => Assert.NotEmpty(c!["advisory"]!["quotes"]!.AsArray()));
        }
        Assert.Equal(2, results["llm"]!["reviewed"]!.GetValue<int>());
        await AssertScoresAsOfflineAsync(scenario, results);
    }

    [LlamaFact]
    public async Task A_document_longer_than_the_servers_context_is_trimmed_to_the_context_it_reports_and_reviewed()
    {
        using var scenario = new LlmScenario().Lengthened(paragraphs: 80);
        await using var llama = await LlamaServer.StartAsync(context: 3072);
        await using var relay = await ForcedAnswers.RelayAsync(llama);
        var options = Options(scenario, relay.OpenAIEndpoint);
        options.MaxTokens = 1024;

        var results = await scenario.EvaluateAsync(options);

        // The first request was refused by the server for its length, with the server's own numbers…
        Assert.True(relay.Requests.Count >= 2, llama.Log);
        var summary = LlmScenario.Submission(results)["summary"]!;
        Assert.True(summary["method"]!.GetValue<string>() == "llm", summary.ToJsonString());
        Assert.Null(summary["fallbackReason"]);
        // …and the retry kept json_schema: a refusal for length says nothing about the schema.
        Assert.All(relay.Requests, r => Assert.Equal("json_schema", r.Json!["response_format"]!["type"]!.GetValue<string>()));
        Assert.Contains("to fit the server's context (3072 tokens)", summary["inputTrimmed"]!.GetValue<string>());
        // The trimmed prompt fits (llama.cpp refuses one as long as its context). Room for the whole of MaxTokens
        // rests on PilotEval's token estimate, calibrated on the server's count: close, not exact.
        Assert.True(summary["tokens"]!["prompt"]!.GetValue<int>() < 3072);
        await AssertScoresAsOfflineAsync(scenario, results);
    }

    [LlamaFact]
    public async Task A_server_that_refuses_the_schema_gets_it_inside_json_object_and_enforces_it()
    {
        using var scenario = new LlmScenario(submissions: 2);
        await using var llama = await LlamaServer.StartAsync();
        await using var relay = await ForcedAnswers.RelayAsync(llama, rejectSchema: true);
        var options = Options(scenario, relay.OpenAIEndpoint);
        options.MaxConcurrency = 1;

        var results = await scenario.EvaluateAsync(options);

        Assert.Equal(["json_schema", "json_object", "json_object"], relay.Requests.Select(r => r.Json!["response_format"]!["type"]!.GetValue<string>()));
        foreach (var n in new[] { 1, 2 })
        {
            var summary = LlmScenario.Submission(results, n)["summary"]!;
            Assert.True(summary["method"]!.GetValue<string>() == "llm", summary.ToJsonString());
            Assert.NotEmpty(summary["quotes"]!.AsArray());
        }
        await AssertScoresAsOfflineAsync(scenario, results);
    }

    [LlamaFact]
    public async Task An_answer_cut_off_at_max_tokens_says_so_and_names_the_setting_to_raise()
    {
        using var scenario = new LlmScenario();
        await using var llama = await LlamaServer.StartAsync();
        await using var relay = await ForcedAnswers.RelayAsync(llama);
        var options = Options(scenario, relay.OpenAIEndpoint);
        options.MaxTokens = 40;

        var results = await scenario.EvaluateAsync(options);

        var summary = LlmScenario.Submission(results)["summary"]!;
        Assert.Equal("extractive", summary["method"]!.GetValue<string>());
        Assert.Equal("truncated: the answer was cut off at Llm:MaxTokens (40 tokens, finish_reason: length); raise Llm:MaxTokens",
            summary["fallbackReason"]!.GetValue<string>());
        Assert.Equal(40, summary["tokens"]!["completion"]!.GetValue<int>());
        await AssertScoresAsOfflineAsync(scenario, results);
    }

    [LlamaFact]
    public async Task An_empty_answer_is_named_as_such()
    {
        using var scenario = new LlmScenario();
        await using var llama = await LlamaServer.StartAsync();
        var options = Options(scenario, llama.OpenAIEndpoint);
        // Unconstrained, the tiny model ends its turn at once: the server answers with no content.
        options.ResponseFormat = "text";

        var results = await scenario.EvaluateAsync(options);

        var summary = LlmScenario.Submission(results)["summary"]!;
        Assert.Equal("extractive", summary["method"]!.GetValue<string>());
        Assert.Equal("empty-response: the server answered with no content", summary["fallbackReason"]!.GetValue<string>());
        await AssertScoresAsOfflineAsync(scenario, results);
    }

    [LlamaFact]
    public async Task A_server_that_does_not_answer_times_out_and_the_reason_counts_the_attempts_made()
    {
        using var scenario = new LlmScenario();
        await using var llama = await LlamaServer.StartAsync();
        var options = Options(scenario, llama.OpenAIEndpoint);
        options.Timeout = TimeSpan.FromSeconds(2);
        options.MaxRetries = 1;
        llama.Freeze();

        var results = await scenario.EvaluateAsync(options);
        llama.Thaw();

        var summary = LlmScenario.Submission(results)["summary"]!;
        Assert.Equal("extractive", summary["method"]!.GetValue<string>());
        Assert.Equal("timeout: no answer within 2 s (2 attempts)", summary["fallbackReason"]!.GetValue<string>());
        await AssertScoresAsOfflineAsync(scenario, results);
    }

    [LlamaFact]
    public async Task A_server_killed_mid_run_leaves_the_remaining_submissions_extractive_with_the_reason()
    {
        using var scenario = new LlmScenario(submissions: 4);
        await using var llama = await LlamaServer.StartAsync();
        var options = Options(scenario, llama.OpenAIEndpoint);
        options.MaxConcurrency = 1;
        options.RetryDelay = TimeSpan.FromMilliseconds(200);

        // The server dies once the first answer is in the cache, while the run goes on.
        using var stop = new CancellationTokenSource();
        var killer = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                if (Directory.Exists(scenario.Cache) && Directory.EnumerateFiles(scenario.Cache, "*.json", SearchOption.AllDirectories).Any())
                {
                    llama.Kill();
                    return;
                }
                await Task.Delay(20);
            }
        });
        var results = await scenario.EvaluateAsync(options);
        await stop.CancelAsync();
        await killer;

        var reasons = Enumerable.Range(1, 4).Select(n => LlmScenario.Submission(results, n)["summary"]!).ToList();
        Assert.All(reasons, s => Assert.Equal("extractive", s["method"]!.GetValue<string>()));
        var texts = reasons.Select(s => s["fallbackReason"]!.GetValue<string>()).ToList();
        // Answered before the kill: the tiny model's own answer (it cannot write an overview, and says nothing else).
        Assert.Contains(texts, t => t.StartsWith("malformed-response: ", StringComparison.Ordinal));
        Assert.Contains(texts, t => t == "unreachable: the endpoint could not be reached (connection refused or lost) after 3 attempts");
        Assert.All(texts, t => Assert.True(t.StartsWith("malformed-response: ", StringComparison.Ordinal) || t.StartsWith("unreachable: ", StringComparison.Ordinal), t));
        await AssertScoresAsOfflineAsync(scenario, results);
    }

    private static LlmOptions Options(LlmScenario scenario, string endpoint) => new()
    {
        Provider = LlmProvider.OpenAI,
        Endpoint = endpoint,
        Model = "tiny-qwen2",
        // Generation under a grammar checks Qwen's 151,936 tokens at every step: tens of milliseconds a token on an
        // idle machine, half a second on a loaded one. Bounds wide enough for either; the timeout test sets its own.
        Timeout = TimeSpan.FromMinutes(20),
        TotalTimeout = TimeSpan.FromMinutes(45),
        MaxRetries = 2,
        RetryDelay = TimeSpan.FromMilliseconds(100),
        MaxConcurrency = 2,
        MaxTokens = 1500,
        CacheDirectory = scenario.Cache,
    };

    /// <summary>The model is advisory: every score and level is the one an offline run of the same files gives.</summary>
    private static async Task AssertScoresAsOfflineAsync(LlmScenario scenario, JsonNode results)
    {
        var offline = await scenario.EvaluateAsync(new LlmOptions());
        foreach (var submission in results["submissions"]!.AsArray())
        {
            var source = submission!["source"]!.GetValue<string>();
            var same = offline["submissions"]!.AsArray().Single(s => s!["source"]!.GetValue<string>() == source)!;
            Assert.Equal(same["score"]?.ToJsonString(), submission["score"]?.ToJsonString());
            Assert.Equal(same["criteria"]!.AsArray().Select(c => c!["level"]!.GetValue<string>()), submission["criteria"]!.AsArray().Select(c => c!["level"]!.GetValue<string>()));
        }
    }
}
