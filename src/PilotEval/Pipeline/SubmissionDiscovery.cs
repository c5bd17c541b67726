using System.Collections.Immutable;

namespace PilotEval.Pipeline;

/// <summary>
/// Finds the submissions of a directory: each file directly in it is one submission; each sub-folder
/// is one submission made of all its files (application and attachments).
/// </summary>
public static class SubmissionDiscovery
{
    public static ImmutableArray<SubmissionSource> Find(string directory)
    {
        var root = Path.GetFullPath(directory);
        var files = Directory.EnumerateFiles(root)
            .Where(f => !IsIgnored(f))
            .Select(f => new SubmissionSource(Path.GetFileName(f), root, [Path.GetFileName(f)]));
        var folders = Directory.EnumerateDirectories(root)
            .Where(d => !IsIgnored(d))
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

    /// <summary>Hidden files and Office lock files (~$x.docx) are not submissions.</summary>
    private static bool IsIgnored(string path)
    {
        var name = Path.GetFileName(path);
        return name.StartsWith('.') || name.StartsWith("~$", StringComparison.Ordinal) || name.Equals("Thumbs.db", StringComparison.OrdinalIgnoreCase);
    }
}
