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

    /// <summary>Words of an application's file name, as enterprises name it.</summary>
    private static readonly string[] ApplicationNames = ["申报书", "申报材料", "申请书", "申报表", "application"];

    /// <summary>Words of an attachment's file name: the pledge, licences, certificates, proofs, scans.</summary>
    private static readonly string[] AttachmentNames = ["承诺书", "营业执照", "证书", "证明", "附件", "授权", "扫描", "盖章", "attachment"];

    /// <summary>
    /// The formats an application comes in, the word processors' first: an application is written in Word or WPS, while
    /// a test report or a scan beside it, often the larger file, is a PDF. Pictures and spreadsheets are attachments.
    /// </summary>
    private static readonly string[][] DocumentExtensions = [[".docx", ".doc", ".wps"], [".ofd", ".pdf"]];

    /// <summary>
    /// The application first, then attachments by name. The application is the document named as one (申报书…) and not
    /// as an attachment; failing that, the first document whose name is not an attachment's, word-processor formats
    /// first, then the largest (a .doc application beside a small 承诺书.docx is still the application); failing that,
    /// an attachment named as the application; failing that, the first document.
    /// </summary>
    private static IEnumerable<string> FolderFiles(string root, string folder)
    {
        var files = Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .Where(f => !IsIgnored(f))
            .Select(f => Path.GetRelativePath(root, f).Replace('\\', '/'))
            .OrderBy(f => f, StringComparer.Ordinal)
            .ToList();
        var documents = files
            .Select(f => (File: f, Kind: Array.FindIndex(DocumentExtensions, k => k.Contains(Path.GetExtension(f), StringComparer.OrdinalIgnoreCase))))
            .Where(d => d.Kind >= 0)
            .OrderBy(d => d.Kind)
            .ThenByDescending(d => new FileInfo(Path.Combine(root, d.File)).Length)
            .ThenBy(d => d.File, StringComparer.Ordinal)
            .Select(d => d.File)
            .ToList();
        var application = documents.FirstOrDefault(f => Named(f, ApplicationNames) && !Named(f, AttachmentNames))
            ?? documents.FirstOrDefault(f => !Named(f, AttachmentNames))
            ?? documents.FirstOrDefault(f => Named(f, ApplicationNames))
            ?? documents.FirstOrDefault();
        return application is null ? files : [application, .. files.Where(f => f != application)];
    }

    private static bool Named(string file, string[] words)
    {
        var name = Path.GetFileNameWithoutExtension(file);
        return words.Any(w => name.Contains(w, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>
    /// A folder holding a PilotEval results.json is an earlier run's reports, not an application: left in the
    /// submissions folder, it would otherwise be read, scored and ranked (it once ranked first in 人才培养).
    /// </summary>
    private static bool IsRunOutput(string folder)
    {
        var results = Path.Combine(folder, "results.json");
        if (!File.Exists(results)) return false;
        // The run record comes first in the file and can be long: look well past it.
        using var reader = new StreamReader(results);
        var head = new char[64 * 1024];
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
