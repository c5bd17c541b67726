using System.Collections.Immutable;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using PilotEval.Documents;
using PilotEval.Evidence;
using PilotEval.Pipeline;
using PilotEval.Rubrics;

namespace PilotEval.Summaries;

/// <summary>One sentence as the model was given it: its id, the sanitised text sent, and where it came from.</summary>
public sealed record PromptSentence(string Id, string Text, SourceLocation Location);

/// <summary>
/// The messages of one review call. <see cref="CacheKey"/> hashes the prompt with a fixed stand-in for the
/// nonce, so a re-run finds the answer although every real call uses a fresh nonce.
/// </summary>
public sealed record ReviewPrompt(
    string System,
    string User,
    string Nonce,
    string CacheKey,
    ImmutableArray<PromptSentence> Sentences,
    ImmutableArray<Criterion> Criteria,
    ImmutableArray<string> Levels,
    bool Truncated)
{
    /// <summary>Characters of application text in <see cref="User"/>: the part that shrinks when a prompt must be trimmed to fit a context.</summary>
    public int DocumentLength { get; init; }

    private const string NonceStandIn = "NONCE";

    /// <summary>The sentence with this id (<c>S12</c>, also accepted as <c>[S12]</c> or <c>s12</c>), or null.</summary>
    public PromptSentence? Sentence(string? id)
    {
        var digits = id?.Trim().Trim('[', ']').TrimStart('S', 's');
        return int.TryParse(digits, out var n) && n >= 1 && n <= Sentences.Length ? Sentences[n - 1] : null;
    }

    /// <summary>
    /// Builds the prompt from the visible body text only: hidden runs never reach <see cref="Block.Text"/>, notes
    /// (comments, headers, footers) are left out, and every sentence is cleaned of invisible characters and personal data.
    /// </summary>
    /// <param name="maxInputCharacters">A tighter bound than <see cref="LlmOptions.MaxInputCharacters"/>, when the prompt must fit a model's context.</param>
    public static ReviewPrompt Build(SubmissionAssessment assessment, Rubric? rubric, LlmOptions options, string? nonce = null, int? maxInputCharacters = null)
    {
        var limit = Math.Min(options.MaxInputCharacters, maxInputCharacters ?? int.MaxValue);
        nonce ??= Convert.ToHexString(RandomNumberGenerator.GetBytes(12)).ToLowerInvariant();
        var sentences = ImmutableArray.CreateBuilder<PromptSentence>();
        var document = new StringBuilder();
        var truncated = false;
        var currentFile = 0;
        foreach (var (block, fileIndex) in BodyBlocks(assessment))
        {
            if (truncated) break;
            if (document.Length >= limit) { truncated = true; break; }
            if (fileIndex != currentFile)
            {
                currentFile = fileIndex;
                document.Append("# 附件 ").Append(fileIndex).Append('\n');
            }
            if (block.Kind == BlockKind.Heading)
            {
                var heading = OneLine(PromptSanitizer.Clean(block.Text));
                if (heading.Length > 0) document.Append("# ").Append(heading).Append('\n');
                continue;
            }
            foreach (var raw in Evidence.Sentences.Split(block.Text))
            {
                var text = OneLine(PromptSanitizer.Clean(raw));
                if (text.Length < 2) continue;
                var id = "S" + (sentences.Count + 1);
                // Sentence by sentence, so a long paragraph cannot overshoot a limit set to fit a model's context.
                if (document.Length + text.Length + id.Length + 3 > limit) { truncated = true; break; }
                sentences.Add(new PromptSentence(id, text, block.Location));
                document.Append('[').Append(id).Append("] ").Append(text).Append('\n');
            }
        }

        var criteria = rubric?.Criteria ?? [];
        var levels = rubric?.Levels.Select(l => l.Id).ToImmutableArray() ?? ["A", "B", "C", "D"];
        string Render(string template, string withNonce) => template
            .Replace("{{nonce}}", withNonce)
            .Replace("{{track}}", rubric is null ? "未识别" : $"{rubric.Name}（{rubric.Track}）")
            .Replace("{{criteria}}", criteria.IsEmpty ? "(none: give only the summary and an empty \"criteria\" array)" : CriteriaText(criteria, levels))
            .Replace("{{truncated}}", truncated ? $" It was cut after {sentences.Count} sentences because of its length." : "")
            // The untrusted text goes in last, so nothing it contains is ever taken for a placeholder.
            .Replace("{{document}}", document.ToString().TrimEnd('\n'));

        var systemTemplate = PromptResources.Read("review-system.md");
        var userTemplate = PromptResources.Read("review-user.md");
        var key = CacheKeyOf(options, Render(systemTemplate, NonceStandIn), Render(userTemplate, NonceStandIn));
        return new ReviewPrompt(Render(systemTemplate, nonce), Render(userTemplate, nonce), nonce, key,
            sentences.ToImmutable(), criteria, levels, truncated) { DocumentLength = document.Length };
    }

    private static IEnumerable<(Block Block, int FileIndex)> BodyBlocks(SubmissionAssessment assessment) =>
        assessment.Documents.Where(d => d.IsReadable)
            .SelectMany((d, i) => d.BodyBlocks.Select(b => (b, i)));

    private static string CriteriaText(ImmutableArray<Criterion> criteria, ImmutableArray<string> levels)
    {
        var text = new StringBuilder();
        foreach (var c in criteria)
        {
            text.Append("- id: ").Append(c.Id).Append(" | ").Append(c.Name).Append("（权重 ").Append(c.Weight).Append("）\n");
            foreach (var level in levels)
            {
                if (c.Descriptors.TryGetValue(level, out var descriptor)) text.Append("  ").Append(level).Append(": ").Append(OneLine(descriptor)).Append('\n');
            }
        }
        return text.ToString().TrimEnd('\n');
    }

    /// <summary>Hash of what decides the answer: model, prompts (nonce standing in), token cap and output format. Never the key.</summary>
    private static string CacheKeyOf(LlmOptions options, string system, string user)
    {
        var material = string.Join("\n\u0001", "piloteval-review-v1", options.Model ?? "", options.MaxTokens.ToString(CultureInfo.InvariantCulture),
            options.ResponseFormat, system, user);
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(material))).ToLowerInvariant();
    }

    private static string OneLine(string text) => string.Join(' ', text.Split(['\r', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries)).Trim();
}

/// <summary>The prompt files embedded in the assembly (Summaries/Prompts).</summary>
public static class PromptResources
{
    public static string Read(string name)
    {
        using var stream = typeof(PromptResources).Assembly.GetManifestResourceStream("PilotEval.Summaries.Prompts." + name)
            ?? throw new InvalidOperationException($"prompt resource {name} is missing from the assembly");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd().Replace("\r\n", "\n");
    }
}
