using System.Text.Json;
using PilotEval.Documents;
using PilotEval.Tests.Support;

namespace PilotEval.Tests.Documents;

/// <summary>
/// A file PilotEval may not open is <c>access-denied</c> — a problem of the machine's permissions, never reported as a
/// broken file — and the rest of the batch goes on. The open() really fails with EACCES: as an ordinary user the
/// file's mode denies it; as root (CI), PilotEval runs without the two capabilities that let root read any file,
/// so the same mode binds it.
/// </summary>
public sealed class AccessDeniedTests
{
    [FilePermissionFact]
    public async Task Extract_of_a_file_pilot_eval_may_not_open_is_access_denied_not_corrupt()
    {
        using var dir = new TempDirectory();
        var path = new DocxFixture().Paragraph("正文").Save(dir.File("secret.docx"));
        Deny(path);

        var run = await CliProcess.RunUnderAsync(dir.Path, Unprivileged.Launcher!, "extract", path, "--json");

        Assert.True(run.ExitCode == 0, run.Stderr);
        using var json = JsonDocument.Parse(run.Stdout);
        var error = Assert.Single(json.RootElement.GetProperty("errors").EnumerateArray());
        Assert.Equal(FileErrorCodes.AccessDenied, error.GetProperty("code").GetString());
        var message = error.GetProperty("message").GetString()!;
        Assert.Contains("secret.docx", message);
        Assert.Contains("权限", message);
        Assert.DoesNotContain("损坏", message);
    }

    [FilePermissionFact]
    public async Task Evaluate_reports_the_unreadable_file_and_scores_the_rest()
    {
        using var dir = new TempDirectory();
        var submissions = Directory.CreateDirectory(dir.File("in")).FullName;
        File.Copy(Path.Combine(RepoPaths.Samples, "talent-hualing-academy.docx"), Path.Combine(submissions, "hualing.docx"));
        var locked = new DocxFixture().Paragraph("正文").Save(Path.Combine(submissions, "locked.docx"));
        Deny(locked);

        var run = await CliProcess.RunUnderAsync(dir.Path, Unprivileged.Launcher!,
            "evaluate", submissions, "--rubrics", RepoPaths.Rubrics, "--out", dir.File("out"), "-q");

        Assert.True(run.ExitCode == 0, run.Stderr);
        using var results = JsonDocument.Parse(await File.ReadAllTextAsync(dir.File("out/results.json")));
        var bySource = results.RootElement.GetProperty("submissions").EnumerateArray().ToDictionary(s => s.GetProperty("source").GetString()!);
        Assert.Equal("failed", bySource["locked.docx"].GetProperty("status").GetString());
        Assert.Equal(FileErrorCodes.AccessDenied, bySource["locked.docx"].GetProperty("errors")[0].GetProperty("code").GetString());
        Assert.Equal("scored", bySource["hualing.docx"].GetProperty("status").GetString());
    }

    /// <summary>Mode 000: nobody may read the file, and only root's capabilities would let it through.</summary>
    private static void Deny(string path)
    {
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, UnixFileMode.None);
    }
}

/// <summary>
/// How a test runs PilotEval so that file modes bind it: an ordinary user is bound already; root is bound once it
/// runs without <c>CAP_DAC_OVERRIDE</c> and <c>CAP_DAC_READ_SEARCH</c>, dropped from the bounding set by
/// <c>setpriv</c> (util-linux) before <c>dotnet</c> starts. Staying uid 0 keeps the build output, wherever CI put it,
/// readable; only the permission check on other files changes.
/// </summary>
public static class Unprivileged
{
    private static readonly string[] DropCapabilities = ["--bounding-set", "-dac_override,-dac_read_search", "--"];

    private static readonly Lazy<(IReadOnlyList<string>? Launcher, string? WhyNot)> Found = new(Find);

    /// <summary>The launcher (empty: none needed), or null when nothing here can make a file mode deny a read.</summary>
    public static IReadOnlyList<string>? Launcher => Found.Value.Launcher;

    public static string? WhyNot => Found.Value.WhyNot;

    private static (IReadOnlyList<string>?, string?) Find()
    {
        if (OperatingSystem.IsWindows()) return (null, "on Windows file modes cannot deny a read");
        if (!IsRoot()) return ([], null);
        var setpriv = ExternalTool.OnPath("setpriv");
        if (setpriv is null) return (null, "running as root and setpriv (util-linux) is not installed to drop root's right to read any file");
        // Proof, not assumption: a file of mode 000 must be unreadable through the launcher (a container may deny CAP_SETPCAP).
        using var dir = new TempDirectory();
        var probe = dir.File("probe");
        File.WriteAllText(probe, "x");
        File.SetUnixFileMode(probe, UnixFileMode.None);
        var launcher = new[] { setpriv }.Concat(DropCapabilities).ToList();
        ExternalTool.Result Through(params string[] command) =>
            ExternalTool.Run(launcher[0], [.. launcher.Skip(1), .. command], TimeSpan.FromMinutes(1), 256L * 1024 * 1024, CancellationToken.None);
        var runs = Through("true");
        var denied = Through("cat", probe);
        return runs.Succeeded && denied.Outcome == ExternalTool.Outcome.Exited && denied.ExitCode != 0
            ? (launcher, null)
            : (null, $"running as root and setpriv could not drop root's right to read any file ({runs.Error.Trim()} {denied.Error.Trim()})");
    }

    private static bool IsRoot() =>
        File.Exists("/proc/self/status")
            ? File.ReadLines("/proc/self/status").First(l => l.StartsWith("Uid:", StringComparison.Ordinal)).Split('\t', StringSplitOptions.RemoveEmptyEntries)[2] == "0"
            : Environment.UserName == "root";
}

/// <summary>A fact about file permissions; skipped, saying why, only where nothing can make a file mode deny PilotEval a read.</summary>
public sealed class FilePermissionFactAttribute : FactAttribute
{
    public FilePermissionFactAttribute()
    {
        if (Unprivileged.Launcher is null) Skip = Unprivileged.WhyNot;
    }
}
