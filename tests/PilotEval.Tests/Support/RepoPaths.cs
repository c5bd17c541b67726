namespace PilotEval.Tests.Support;

/// <summary>Paths of the repository the tests run in, and of the shared corpus beside it (absent on a user's clone).</summary>
public static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string Samples => Path.Combine(Root, "submissions-sample");

    public static string Rubrics => Path.Combine(Root, "rubrics");

    public static string Fixtures => Path.Combine(AppContext.BaseDirectory, "Fixtures");

    /// <summary>
    /// Real-world documents kept beside the project for developers and CI only: <c>PILOTEVAL_CORPUS</c> when set
    /// (a git worktree does not sit beside <c>shared/</c>), else <c>../shared/corpus</c>.
    /// </summary>
    public static string Corpus =>
        Environment.GetEnvironmentVariable("PILOTEVAL_CORPUS") is { Length: > 0 } configured
            ? Path.GetFullPath(configured)
            : Path.GetFullPath(Path.Combine(Root, "..", "shared", "corpus"));

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "PilotEval.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException("PilotEval.sln not found above " + AppContext.BaseDirectory);
    }
}

/// <summary>A fact that is skipped, saying why, when <c>../shared/corpus</c> is not beside the clone.</summary>
public sealed class CorpusFactAttribute : FactAttribute
{
    public CorpusFactAttribute()
    {
        if (!Directory.Exists(RepoPaths.Corpus)) Skip = $"corpus not found at {RepoPaths.Corpus} (set PILOTEVAL_CORPUS or put it at ../shared/corpus)";
    }
}

/// <summary>A theory over corpus files, skipped cleanly when the corpus is absent.</summary>
public sealed class CorpusTheoryAttribute : TheoryAttribute
{
    public CorpusTheoryAttribute()
    {
        if (!Directory.Exists(RepoPaths.Corpus)) Skip = $"corpus not found at {RepoPaths.Corpus} (set PILOTEVAL_CORPUS or put it at ../shared/corpus)";
    }
}
