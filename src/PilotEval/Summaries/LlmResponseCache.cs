using System.Text.Json;
using PilotEval.Publishing;

namespace PilotEval.Summaries;

/// <summary>A model's answer as received, with its token usage and why it ended (so a replay of a cut-off answer says so again).</summary>
public sealed record CachedAnswer(string Model, string Content, int PromptTokens, int CompletionTokens, string? FinishReason = null);

/// <summary>
/// Answers on disk, one file per prompt-and-model hash (<c>&lt;dir&gt;/ab/abcdef….json</c>), so a re-run makes no
/// calls and <see cref="LlmOptions.Replay"/> can reproduce a run. Every answer the server gave is kept, even one
/// that failed validation: replaying it must fail the same way. Delete the directory to ask again.
/// </summary>
public sealed class LlmResponseCache(LlmOptions options)
{
    public string? Directory => options.CacheDirectory;

    public async Task<CachedAnswer?> TryGetAsync(string key, CancellationToken cancellationToken)
    {
        var path = PathOf(key);
        if (path is null || !File.Exists(path)) return null;
        try
        {
            await using var stream = File.OpenRead(path);
            return await JsonSerializer.DeserializeAsync<CachedAnswer>(stream, JsonOutput.Options, cancellationToken);
        }
        catch (JsonException)
        {
            return null; // A damaged entry is a miss: the call is made again and the entry rewritten.
        }
    }

    public async Task PutAsync(string key, CachedAnswer answer, CancellationToken cancellationToken)
    {
        var path = PathOf(key);
        if (path is null) return;
        // Unique temporary name: two submissions with identical text may write the same key at once.
        var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllTextAsync(temporary, JsonSerializer.Serialize(answer, JsonOutput.Options), new System.Text.UTF8Encoding(false), cancellationToken);
        File.Move(temporary, path, overwrite: true);
    }

    private string? PathOf(string key) =>
        string.IsNullOrWhiteSpace(options.CacheDirectory) ? null : Path.Combine(options.CacheDirectory, key[..2], key + ".json");
}
