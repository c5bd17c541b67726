using System.Collections.Immutable;
using System.Text;
using System.Text.Json;
using PilotEval.Documents;
using PilotEval.Pipeline;
using PilotEval.Publishing;
using PilotEval.Scoring;

namespace PilotEval.Store;

/// <summary>
/// What the last completed run into an output directory took in and wrote, kept beside its outputs
/// (<c>&lt;out&gt;/.piloteval-manifest.json</c>) so that a run whose complete input is the same, finding every output
/// as that run wrote it, has nothing to do — as make or bazel would see it. The input is one digest of everything a
/// report depends on (<see cref="InputDigest"/>); the outputs are listed with the SHA-256 of their bytes, so an
/// edited, deleted or half-restored report is noticed and the run goes ahead in full.
/// </summary>
/// <param name="Run">The id of the run that wrote the outputs.</param>
/// <param name="Input">The digest of the run's complete input.</param>
/// <param name="Settled">
/// False when some result depended on the moment rather than the input — a file cut short by the clock (a timeout,
/// OCR stopped short), a failure of PilotEval's own, a review the model did not give: a later run might do better,
/// so such a run is never taken as standing.
/// </param>
/// <param name="Outputs">Every file the run wrote, relative to the output directory, with its SHA-256.</param>
public sealed record RunManifest(int Version, string Run, DateTimeOffset FinishedAt, string Input, bool Settled, ImmutableArray<HashedFile> Outputs)
{
    public const string FileName = ".piloteval-manifest.json";

    /// <summary>Raised when what the digest covers changes meaning, so an older manifest never vouches for a newer run.</summary>
    public const int CurrentVersion = 1;

    /// <summary>The external tools whose presence changes what is read: OCR (render, recognise) and the legacy Word converter.</summary>
    private static readonly string[] ReadingTools = ["pdftoppm", "tesseract", "soffice"];

    /// <summary>The manifest of the last completed run into <paramref name="outputDirectory"/>, or null when there is none or it cannot be read.</summary>
    public static RunManifest? Load(string outputDirectory)
    {
        var path = Path.Combine(outputDirectory, FileName);
        try
        {
            var manifest = File.Exists(path) ? JsonSerializer.Deserialize<RunManifest>(File.ReadAllBytes(path), JsonOutput.Options) : null;
            return manifest is { Version: CurrentVersion, Outputs.IsDefault: false } ? manifest : null;
        }
        catch (Exception ex) when (ex is JsonException or IOException or UnauthorizedAccessException)
        {
            // A manifest that cannot be read vouches for nothing: the run goes ahead in full.
            return null;
        }
    }

    /// <summary>A full run is starting: the outputs are about to change, and no manifest may vouch for them until it completes.</summary>
    public static void Withdraw(string outputDirectory) => File.Delete(Path.Combine(outputDirectory, FileName));

    public Task SaveAsync(string outputDirectory, CancellationToken cancellationToken) =>
        JsonOutput.WriteJsonAtomicallyAsync(Path.Combine(outputDirectory, FileName), this, cancellationToken);

    /// <summary>The files (a folder stands for every file in it) with their SHA-256, relative to the output directory, in ordinal order.</summary>
    public static async Task<ImmutableArray<HashedFile>> HashOutputsAsync(string outputDirectory, IEnumerable<string> outputs, CancellationToken cancellationToken)
    {
        var files = outputs.SelectMany(o => Directory.Exists(o) ? Directory.EnumerateFiles(o, "*", SearchOption.AllDirectories) : [o])
            .Where(File.Exists)
            .Select(f => Path.GetRelativePath(outputDirectory, f).Replace('\\', '/'))
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToList();
        var hashed = new HashedFile[files.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, files.Count), cancellationToken, async (i, ct) =>
            hashed[i] = new HashedFile(files[i], await ContentHash.OfFileAsync(Path.Combine(outputDirectory, files[i]), ct)));
        return [.. hashed];
    }

    /// <summary>What is wrong with the outputs this manifest lists, in words for the log; null when every one is there with its bytes.</summary>
    public async Task<string?> OutputProblemAsync(string outputDirectory, CancellationToken cancellationToken)
    {
        if (Outputs.IsEmpty) return "the run recorded no outputs";
        var problems = new string?[Outputs.Length];
        await Parallel.ForEachAsync(Enumerable.Range(0, Outputs.Length), cancellationToken, async (i, ct) =>
        {
            var path = Path.Combine(outputDirectory, Outputs[i].File);
            problems[i] = !File.Exists(path) ? $"{Outputs[i].File} is missing"
                : await ContentHash.OfFileAsync(path, ct) != Outputs[i].Sha256 ? $"{Outputs[i].File} was changed"
                : null;
        });
        return problems.FirstOrDefault(p => p is not null);
    }

    /// <summary>
    /// One digest of a run's complete input: every submission's key (its name, its files' names and SHA-256, the rules,
    /// the reader and PilotEval's build, the settings and confirmations that shape it), the rules directory's digest,
    /// the settings in force (reading limits, shortlist, duplicates, model, workers, store), the confirmations, and the
    /// submissions directory the reports name, and which external reading tools are installed (a page left for OCR
    /// reads otherwise once they are). Null when a submission has no key (a file could not be hashed): such a run is
    /// never skipped.
    /// </summary>
    public static string? InputDigest(string submissionsDirectory, string rulesDigest, RunSettings settings,
        IReadOnlyList<EligibilityConfirmation> confirmations, IReadOnlyList<(string Source, string? Key)> keys)
    {
        if (keys.Any(k => k.Key is null)) return null;
        var text = new StringBuilder()
            .Append("manifest-").Append(CurrentVersion).Append('\n')
            .Append(RunRecord.PilotEvalVersion).Append('\n')
            .AppendJoin(',', ReadingTools.Select(t => $"{t}={ExternalTool.OnPath(t)}")).Append('\n')
            .Append(Path.GetFullPath(submissionsDirectory)).Append('\n')
            .Append(rulesDigest).Append('\n')
            .Append(JsonSerializer.Serialize(settings, JsonOutput.Lines)).Append('\n')
            .Append(JsonSerializer.Serialize(confirmations, JsonOutput.Lines)).Append('\n');
        foreach (var (source, key) in keys.OrderBy(k => k.Source, StringComparer.Ordinal)) text.Append(source).Append('=').Append(key).Append('\n');
        return ContentHash.Of(Encoding.UTF8.GetBytes(text.ToString()));
    }
}

/// <summary>
/// The line a run appends to <c>audit.jsonl</c> when it had nothing to do: whose outputs stand, how many files were
/// verified by their SHA-256, and how long the check took.
/// </summary>
public sealed record AuditStanding(string Run, string Scope, string Stage, DateTimeOffset StartedAt, DateTimeOffset FinishedAt,
    double WallSeconds, int Submissions, string Stands, int OutputsVerified)
{
    /// <summary>The audit stage of a run that found its outputs standing.</summary>
    public const string StageName = "OutputsStand";
}
