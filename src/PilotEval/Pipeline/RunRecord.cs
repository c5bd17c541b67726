using System.Collections.Immutable;
using System.Globalization;
using System.Reflection;
using System.Security.Cryptography;
using PilotEval.Documents;
using PilotEval.Integrity;
using PilotEval.Ranking;
using PilotEval.Rubrics;
using PilotEval.Summaries;

namespace PilotEval.Pipeline;

/// <summary>
/// What a regulator needs to defend a run: which PilotEval ran, when, under which settings, on exactly which
/// files (SHA-256 of every submission file) and rules (SHA-256 of every rubric and of the eligibility rules).
/// Written as the <c>run</c> block of <c>results.json</c>; its id is on every line of <c>audit.jsonl</c> and in
/// every report, so a report, its results and its audit trail can be matched.
/// </summary>
public sealed record RunRecord(
    string Id,
    string Version,
    DateTimeOffset StartedAt,
    DateTimeOffset FinishedAt,
    string SubmissionsDirectory,
    RunSettings Settings,
    ImmutableArray<HashedFile> Submissions,
    ImmutableArray<HashedFile> Rules)
{
    /// <summary>PilotEval's version as built (informational version, with the commit when the build knew it).</summary>
    public static string PilotEvalVersion { get; } =
        typeof(RunRecord).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? typeof(RunRecord).Assembly.GetName().Version?.ToString() ?? "unknown";

    /// <summary>A run id that sorts by time and does not repeat: UTC start to the second, then random hex.</summary>
    public static string NewId(DateTimeOffset started) =>
        started.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture) + "-" +
        Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(3));

    public static ImmutableArray<HashedFile> RuleFiles(RubricSet rubrics) =>
    [
        .. rubrics.Rubrics.Select(r => new HashedFile(Path.GetFileName(r.SourceFile), r.Sha256)),
        new HashedFile(Path.GetFileName(rubrics.Eligibility.SourceFile), rubrics.Eligibility.Sha256),
    ];
}

/// <summary>A file and the SHA-256 of its bytes (lowercase hex).</summary>
public sealed record HashedFile(string File, string Sha256);

/// <summary>The settings in force for a run, as the run used them (flags applied over configuration).</summary>
public sealed record RunSettings(
    ReaderLimits Reading,
    ShortlistOptions Shortlist,
    DuplicateOptions Duplicates,
    RunSettings.LlmSettings Llm,
    int Workers,
    string Store)
{
    /// <summary>The model settings that shape a result; never the key, which no setting holds.</summary>
    public sealed record LlmSettings(string Provider, string? Endpoint, string? Model, int MaxTokens, int MaxInputCharacters,
        string ResponseFormat, bool Replay);

    public static LlmSettings Of(LlmOptions options) => new(
        options.Provider.ToString().ToLowerInvariant(), options.Enabled ? options.Endpoint : null, options.Enabled ? options.Model : null,
        options.MaxTokens, options.MaxInputCharacters, options.ResponseFormat, options.Replay);
}
