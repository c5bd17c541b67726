namespace PilotEval.Tests.Support;

/// <summary>A fact over <c>submissions-sample/</c>, skipped, saying why, on a branch where the samples have not landed yet.</summary>
public sealed class SamplesFactAttribute : FactAttribute
{
    public SamplesFactAttribute()
    {
        if (!Directory.Exists(RepoPaths.Samples) || !Directory.EnumerateFileSystemEntries(RepoPaths.Samples).Any())
            Skip = "submissions-sample/ is not present in this checkout";
    }
}
