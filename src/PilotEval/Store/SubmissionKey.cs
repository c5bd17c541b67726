using System.Collections.Immutable;
using System.Text;
using System.Text.Json;
using PilotEval.Documents;

namespace PilotEval.Store;

/// <summary>
/// The identity of a per-submission result: everything it depends on, hashed. A submission's result is taken from
/// the store only when its name, the name and SHA-256 of each of its files, every file of the rules directory
/// (rubrics, eligibility, lexicon, call), the settings that shape a result, the people's confirmations for it and
/// PilotEval's build (in <see cref="RunStore.ReaderKey"/>) are all what they were. Nothing else is compared, so
/// anything else that changes — the order of the folder, other submissions, the output directory — re-uses it.
/// </summary>
public static class SubmissionKey
{
    /// <summary>Raised when what a key covers changes meaning, so older results are never taken for newer ones.</summary>
    private const string Version = "submission-1";

    /// <summary>The SHA-256 of every file under the rules directory, by relative path: a change to any rule re-scores every submission.</summary>
    public static string RulesDigest(string rulesDirectory)
    {
        var root = Path.GetFullPath(rulesDirectory);
        var text = new StringBuilder();
        foreach (var file in Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
                     .Select(f => Path.GetRelativePath(root, f).Replace('\\', '/'))
                     .Order(StringComparer.Ordinal))
        {
            text.Append(file).Append('=').Append(ContentHash.Of(File.ReadAllBytes(Path.Combine(root, file)))).Append('\n');
        }
        return ContentHash.Of(Encoding.UTF8.GetBytes(text.ToString()));
    }

    /// <summary>
    /// The key of one submission's result. <paramref name="settings"/> is what else shapes it (duplicate signature
    /// settings, model settings, confirmations for this submission), serialised by the caller.
    /// </summary>
    /// <param name="files">Each file's name within the submissions directory and its SHA-256, in the submission's order.</param>
    public static string Of(string readerKey, string rulesDigest, string source, ImmutableArray<(string File, string Sha256)> files,
        object settings)
    {
        var text = new StringBuilder()
            .Append(Version).Append('\n')
            .Append(readerKey).Append('\n')
            .Append(rulesDigest).Append('\n')
            .Append(source).Append('\n');
        foreach (var (file, sha) in files) text.Append(file).Append('=').Append(sha).Append('\n');
        text.Append(JsonSerializer.Serialize(settings, DocumentWorker.Json));
        return ContentHash.Of(Encoding.UTF8.GetBytes(text.ToString()));
    }
}
