using System.Collections.Immutable;
using System.Text;
using System.Text.Json;
using PilotEval.Documents;

namespace PilotEval.Summaries;

/// <summary>
/// Turns the model's answer into a review the panel can trust: strict JSON validated in code (whatever the
/// server enforced), every quote checked against the sentence it names, levels checked against the rubric,
/// and reported instructions turned into <c>prompt-injection</c> flags. An answer that repeats an injected
/// instruction or the prompt's nonce is treated as hijacked and not used.
/// </summary>
public static class ReviewInterpreter
{
    public const string DisagreementFlag = "llm-disagreement";

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNameCaseInsensitive = true,
        AllowTrailingCommas = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
    };

    /// <summary>The outcome: a review, or the reason (code and detail) it cannot be used. Flags hold in both cases.</summary>
    public sealed record Interpretation(
        string? FailureCode,
        string? FailureDetail,
        string SummaryText,
        ImmutableArray<CitedQuote> SummaryQuotes,
        ImmutableArray<CriterionAdvisory> Advisories,
        int DroppedQuotes,
        ImmutableArray<DocumentFlag> Flags)
    {
        public bool Succeeded => FailureCode is null;
    }

    /// <param name="knownInjections">Sentences other stages already flagged as instructions; the answer must not repeat them either.</param>
    public static Interpretation Interpret(ReviewPrompt prompt, string content, IEnumerable<string>? knownInjections = null)
    {
        if (string.IsNullOrWhiteSpace(content))
            return Failure("empty-response", "the server answered with no content", []);
        ReviewAnswer? answer;
        try
        {
            answer = JsonSerializer.Deserialize<ReviewAnswer>(StripFences(content), Json);
        }
        catch (JsonException ex)
        {
            return Failure("malformed-response", $"the answer is not the JSON asked for ({Trim(ex.Message, 120)})", []);
        }
        if (answer?.Summary is not { Overview: { Length: > 0 } } summary)
            return Failure("malformed-response", "the answer has no summary.overview", []);

        var dropped = 0;
        var flags = InjectionFlags(prompt, answer.Injection, out var reported);

        var summaryQuotes = Verify(prompt, summary.Quotes, ref dropped);
        var advisories = ImmutableArray.CreateBuilder<CriterionAdvisory>();
        foreach (var criterion in prompt.Criteria)
        {
            var given = answer.Criteria?.FirstOrDefault(c => string.Equals(c?.Id?.Trim(), criterion.Id, StringComparison.OrdinalIgnoreCase));
            var level = given?.Level?.Trim().ToUpperInvariant();
            if (given is null || level is null || !prompt.Levels.Contains(level)) continue;
            var criterionDropped = 0;
            var quotes = Verify(prompt, given.Quotes, ref criterionDropped);
            dropped += criterionDropped;
            advisories.Add(new CriterionAdvisory(criterion.Id, level, (given.Rationale ?? "").Trim(), quotes, criterionDropped));
        }

        var text = SummaryText(summary);
        var written = text + "\n" + string.Join("\n", advisories.Select(a => a.Rationale));
        if (written.Contains(prompt.Nonce, StringComparison.OrdinalIgnoreCase))
            return Failure("prompt-injection-echoed", "the answer repeats the prompt's delimiters", flags);
        var echoed = reported.Concat(knownInjections ?? []).FirstOrDefault(s => Repeats(written, s));
        if (echoed is not null)
            return Failure("prompt-injection-echoed", "the answer repeats an instruction found in the application", flags);

        // Criteria were asked for and none came back usable: a summary alone is not the review the panel was promised.
        if (!prompt.Criteria.IsEmpty && advisories.Count == 0)
            return Failure("incomplete-response", answer.Criteria is not { Count: > 0 }
                ? $"the answer's criteria list is empty; {prompt.Criteria.Length} criteria were asked for"
                : $"the answer reviewed none of the {prompt.Criteria.Length} criteria asked for (unknown ids or levels)", flags);

        return new Interpretation(null, null, text, summaryQuotes, advisories.ToImmutable(), dropped, flags);
    }

    /// <summary>
    /// Marks the advisories two or more levels from the rule-based level (levels best first, so A and C are two
    /// apart) and raises an <c>llm-disagreement</c> flag for each, for the panel to discuss.
    /// </summary>
    public static (ImmutableArray<CriterionAdvisory> Advisories, ImmutableArray<DocumentFlag> Flags) Disagreements(
        ImmutableArray<CriterionAdvisory> advisories, IEnumerable<(string CriterionId, string Name, string Level)> ruleLevels, IReadOnlyList<string> levels)
    {
        var flags = ImmutableArray.CreateBuilder<DocumentFlag>();
        var marked = ImmutableArray.CreateBuilder<CriterionAdvisory>();
        var rules = ruleLevels.ToDictionary(r => r.CriterionId, StringComparer.Ordinal);
        foreach (var advisory in advisories)
        {
            var distance = rules.TryGetValue(advisory.CriterionId, out var rule) && IndexOf(levels, advisory.Level) is >= 0 and var a &&
                IndexOf(levels, rule.Level) is >= 0 and var r ? Math.Abs(a - r) : 0;
            marked.Add(advisory with { Disagrees = distance >= 2 });
            if (distance < 2) continue;
            flags.Add(new DocumentFlag(DisagreementFlag,
                $"{rule.Name}（{rule.CriterionId}）：规则评为 {rule.Level} 级，模型建议 {advisory.Level} 级，相差 {distance} 级，请评审专家复核"));
        }
        return (marked.ToImmutable(), flags.ToImmutable());
    }

    private static int IndexOf(IReadOnlyList<string> levels, string level)
    {
        for (var i = 0; i < levels.Count; i++) if (levels[i] == level) return i;
        return -1;
    }

    private static ImmutableArray<DocumentFlag> InjectionFlags(ReviewPrompt prompt, InjectionAnswer? injection, out List<string> reported)
    {
        reported = [];
        if (injection is not { Found: true }) return [];
        var flags = ImmutableArray.CreateBuilder<DocumentFlag>();
        foreach (var id in (injection.Sentences ?? []).Distinct(StringComparer.OrdinalIgnoreCase))
        {
            if (prompt.Sentence(id) is not { } sentence) continue;
            reported.Add(sentence.Text);
            flags.Add(new DocumentFlag(FlagCodes.PromptInjection,
                $"模型报告此句含有指向评审或模型的指令：「{Trim(sentence.Text, 120)}」", sentence.Location));
        }
        // The model saw something but named no sentence we sent: still worth the panel's eye.
        if (flags.Count == 0)
            flags.Add(new DocumentFlag(FlagCodes.PromptInjection, "模型报告文中含有指向评审或模型的指令，但未指明具体语句"));
        return flags.ToImmutable();
    }

    private static ImmutableArray<CitedQuote> Verify(ReviewPrompt prompt, List<QuoteAnswer?>? quotes, ref int dropped)
    {
        var verified = ImmutableArray.CreateBuilder<CitedQuote>();
        foreach (var quote in quotes ?? [])
        {
            var sentence = prompt.Sentence(quote?.Sentence);
            var span = sentence is null || quote?.Text is null ? null : QuoteVerifier.Verify(quote.Text, sentence.Text);
            if (span is null) { dropped++; continue; }
            if (verified.Any(v => v.SentenceId == sentence!.Id && v.Quote == span)) continue;
            verified.Add(new CitedQuote(span, sentence!.Id, sentence.Location));
        }
        return verified.ToImmutable();
    }

    /// <summary>The answer repeats an instruction: a long enough stretch of it appears in what the model wrote.</summary>
    private static bool Repeats(string written, string instruction)
    {
        var (w, _) = QuoteVerifier.Fold(written);
        var (s, _) = QuoteVerifier.Fold(instruction);
        if (s.Length < 8) return false;
        // Any 16-character stretch of the instruction (or all of a shorter one) repeated verbatim counts; shorter
        // stretches would catch ordinary phrases an honest summary shares with the sentence.
        var window = Math.Min(16, s.Length);
        for (var i = 0; i + window <= s.Length; i++)
        {
            if (w.Contains(s.AsSpan(i, window), StringComparison.Ordinal)) return true;
        }
        return false;
    }

    private static string SummaryText(SummaryAnswer summary)
    {
        var text = new StringBuilder(summary.Overview!.Trim());
        var strengths = Items(summary.Strengths);
        var weaknesses = Items(summary.Weaknesses);
        if (strengths.Length > 0) text.Append("\n优势：").Append(string.Join("；", strengths));
        if (weaknesses.Length > 0) text.Append("\n不足：").Append(string.Join("；", weaknesses));
        return text.ToString();
    }

    private static string[] Items(List<string?>? items) =>
        [.. (items ?? []).Select(i => (i ?? "").Trim().TrimEnd('。', '；', ';')).Where(i => i.Length > 0)];

    /// <summary>Local models often wrap JSON in Markdown fences or add a sentence around it; keep the outermost object.</summary>
    private static string StripFences(string content)
    {
        var start = content.IndexOf('{');
        var end = content.LastIndexOf('}');
        return start >= 0 && end > start ? content[start..(end + 1)] : content;
    }

    private static Interpretation Failure(string code, string detail, ImmutableArray<DocumentFlag> flags) =>
        new(code, detail, "", [], [], 0, flags);

    private static string Trim(string text, int max) => text.Length <= max ? text : text[..max] + "…";

    private sealed record ReviewAnswer(SummaryAnswer? Summary, List<CriterionAnswer?>? Criteria, InjectionAnswer? Injection);

    private sealed record SummaryAnswer(string? Overview, List<string?>? Strengths, List<string?>? Weaknesses, List<QuoteAnswer?>? Quotes);

    private sealed record CriterionAnswer(string? Id, string? Level, string? Rationale, List<QuoteAnswer?>? Quotes);

    private sealed record QuoteAnswer(string? Sentence, string? Text);

    private sealed record InjectionAnswer(bool Found, List<string?>? Sentences, string? Detail);
}
