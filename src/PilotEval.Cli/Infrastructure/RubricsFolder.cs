namespace PilotEval.Cli.Infrastructure;

/// <summary>
/// Where the rules are: the folder the user named, else ./rubrics, else the rubrics installed beside the program —
/// so <c>piloteval evaluate</c> works from any working directory.
/// </summary>
public static class RubricsFolder
{
    public const string DefaultName = "rubrics";

    public static string Resolve(string? named)
    {
        if (named is not null)
        {
            return Directory.Exists(named)
                ? named
                : throw new UsageException($"rubrics directory '{named}' does not exist");
        }
        if (Directory.Exists(DefaultName)) return DefaultName;
        var installed = Path.Combine(AppContext.BaseDirectory, DefaultName);
        return Directory.Exists(installed)
            ? installed
            : throw new UsageException($"no rubrics directory: neither ./{DefaultName} nor {installed} exists; pass --rubrics <dir>");
    }
}

/// <summary>The output folder must be a folder PilotEval can write before any application is read.</summary>
public static class OutputFolder
{
    public static void EnsureWritable(string path)
    {
        if (File.Exists(path)) throw new UsageException($"--out '{path}' is a file, not a folder; choose a folder for the reports");
        var probe = Path.Combine(path, $".piloteval-write-check-{Environment.ProcessId}");
        try
        {
            Directory.CreateDirectory(path);
            File.WriteAllBytes(probe, []);
            File.Delete(probe);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            throw new UsageException($"--out '{path}' cannot be written: {ex.Message}");
        }
    }
}
