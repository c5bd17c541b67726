using System.Collections.Immutable;

namespace PilotEval.Pipeline;

/// <summary>
/// Finds the submissions of a directory: each file directly in it is one submission; each sub-folder
/// is one submission made of all its files (application and attachments).
/// </summary>
public static class SubmissionDiscovery
{
    /// <param name="outputDirectory">This run's output folder: never a submission, even when it lies inside <paramref name="directory"/>.</param>
    public static ImmutableArray<SubmissionSource> Find(string directory, string? outputDirectory = null)
    {
        var root = Path.GetFullPath(directory);
        var output = outputDirectory is null ? null : Path.TrimEndingDirectorySeparator(Path.GetFullPath(outputDirectory));
        var files = Directory.EnumerateFiles(root)
            .Where(f => !IsIgnored(f))
            .Select(f => new SubmissionSource(Path.GetFileName(f), root, [Path.GetFileName(f)]));
        var folders = Directory.EnumerateDirectories(root)
            .Where(d => !IsIgnored(d) && !string.Equals(d, output, StringComparison.Ordinal) && !IsRunOutput(d))
            .Select(d => new SubmissionSource(Path.GetFileName(d), root, [.. FolderFiles(root, d)]));
        return [.. files.Concat(folders).OrderBy(s => s.Source, StringComparer.Ordinal)];
    }

    /// <summary>The application first (a name with 申报书 or the largest .docx), then attachments by name.</summary>
    private static IEnumerable<string> FolderFiles(string root, string folder)
    {
        var files = Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .Where(f => !IsIgnored(f))
            .Select(f => Path.GetRelativePath(root, f).Replace('\\', '/'))
            .OrderBy(f => f, StringComparer.Ordinal)
            .ToList();
        var application = files.FirstOrDefault(f => Path.GetFileName(f).Contains("申报书", StringComparison.Ordinal))
            ?? files.Where(f => f.EndsWith(".docx", StringComparison.OrdinalIgnoreCase))
                .OrderByDescending(f => new FileInfo(Path.Combine(root, f)).Length).FirstOrDefault();
        return application is null ? files : [application, .. files.Where(f => f != application)];
    }

    /// <summary>
    /// A folder holding a PilotEval results.json is an earlier run's reports, not an application: left in the
    /// submissions folder, it would otherwise be read, scored and ranked (it once ranked first in 人才培养).
    /// </summary>
    private static bool IsRunOutput(string folder)
    {
        var results = Path.Combine(folder, "results.json");
        if (!File.Exists(results)) return false;
        using var reader = new StreamReader(results);
        var head = new char[512];
        var read = reader.Read(head, 0, head.Length);
        return new string(head, 0, read).Contains("\"schemaVersion\"", StringComparison.Ordinal);
    }

    /// <summary>Hidden files and Office lock files (~$x.docx) are not submissions.</summary>
    private static bool IsIgnored(string path)
    {
        var name = Path.GetFileName(path);
        return name.StartsWith('.') || name.StartsWith("~$", StringComparison.Ordinal) || name.Equals("Thumbs.db", StringComparison.OrdinalIgnoreCase);
    }
}
