using PilotEval.Tests.Support;

namespace PilotEval.Tests.Cli;

/// <summary>
/// <c>piloteval bench-hostile</c> reads the files a corpus manifest marks hostile, and only those, and prints a row
/// for each with its outcome and measurements. What the figures are is not asserted: speed is the benchmark's to
/// show, never a test's.
/// </summary>
public sealed class BenchHostileCommandTests
{
    [Fact]
    public async Task Each_hostile_file_of_the_manifest_gets_a_row_with_its_outcome_and_the_others_none()
    {
        using var dir = new TempDirectory();
        var corpus = Directory.CreateDirectory(dir.File("corpus")).FullName;
        Directory.CreateDirectory(Path.Combine(corpus, "set"));
        var whole = new DocxFixture().Paragraph("项目名称：测试").ToBytes();
        await File.WriteAllBytesAsync(Path.Combine(corpus, "set", "truncated.docx"), whole[..(whole.Length / 2)]);
        await File.WriteAllBytesAsync(Path.Combine(corpus, "set", "fine.docx"), whole);
        File.Copy(Path.Combine(RepoPaths.Fixtures, "encrypted.pdf"), Path.Combine(corpus, "set", "locked.pdf"));
        await File.WriteAllLinesAsync(Path.Combine(corpus, "MANIFEST.tsv"),
        [
            "repo\tpath\tlocal_file\tbytes\tlanguage\tspecial",
            "a/b\tx\tset/truncated.docx\t1\ten\tMALFORMED: truncated zip",
            "a/b\tx\tset/fine.docx\t1\ten\tan ordinary document",
            "a/b\tx\tset/locked.pdf\t1\ten\tENCRYPTED: user password",
        ]);

        var run = await CliProcess.RunAsync(dir.Path, "bench-hostile", corpus, "-q");

        Assert.True(run.ExitCode == 0, run.Stderr);
        var rows = run.Stdout.Split('\n').Where(l => l.StartsWith("| `", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, rows.Count);
        Assert.Contains(rows, r => r.StartsWith("| `set/truncated.docx` | `corrupt` |", StringComparison.Ordinal) && r.TrimEnd().EndsWith("| `corrupt` |", StringComparison.Ordinal));
        Assert.Contains(rows, r => r.StartsWith("| `set/locked.pdf` | `encrypted` |", StringComparison.Ordinal) && r.TrimEnd().EndsWith("| `encrypted` |", StringComparison.Ordinal));
        Assert.Contains("load average at start", run.Stdout);
        Assert.Contains("slowest:", run.Stdout);
    }
}
