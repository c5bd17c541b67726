using System.Text.Json;
using PilotEval.Tests.Support;

namespace PilotEval.Tests.Cli;

/// <summary>The command-line contract of DESIGN.md: exit codes, streams and the extract JSON.</summary>
public sealed class CliContractTests
{
    [Fact]
    public async Task Evaluate_exits_0_with_failed_submissions_keeping_stdout_quiet_and_progress_on_stderr()
    {
        using var dir = new TempDirectory();
        var submissions = Directory.CreateDirectory(dir.File("in")).FullName;
        File.Copy(Path.Combine(RepoPaths.Samples, "talent-xingqiao-net.docx"), Path.Combine(submissions, "weak.docx"));
        File.Copy(Path.Combine(RepoPaths.Fixtures, "encrypted.pdf"), Path.Combine(submissions, "locked.pdf"));

        var run = await CliProcess.RunAsync(dir.Path, "evaluate", submissions, "--rubrics", RepoPaths.Rubrics, "--out", dir.File("out"));

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("", run.Stdout);
        Assert.Contains("[2/2]", run.Stderr);
        Assert.True(File.Exists(dir.File("out/results.json")));
        Assert.True(File.Exists(dir.File("out/shortlist.md")));
    }

    [Fact]
    public async Task Evaluate_exits_2_when_the_submissions_directory_is_missing()
    {
        using var dir = new TempDirectory();

        var run = await CliProcess.RunAsync(dir.Path, "evaluate", dir.File("nowhere"));

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("nowhere", run.Stderr);
    }

    [Fact]
    public async Task Evaluate_exits_2_naming_the_file_and_line_of_a_bad_rubric()
    {
        using var dir = new TempDirectory();
        var rubrics = Directory.CreateDirectory(dir.File("rubrics")).FullName;
        foreach (var file in Directory.GetFiles(RepoPaths.Rubrics, "*.yaml")) File.Copy(file, Path.Combine(rubrics, Path.GetFileName(file)));
        var talent = Path.Combine(rubrics, "talent.yaml");
        File.WriteAllText(talent, File.ReadAllText(talent).Replace("    weight: 30", "    weight: 35"));

        var run = await CliProcess.RunAsync(dir.Path, "evaluate", RepoPaths.Samples, "--rubrics", rubrics, "--out", dir.File("out"));

        Assert.Equal(2, run.ExitCode);
        Assert.Matches(@"talent\.yaml:\d+: criterion weights sum to 105, not 100", run.Stderr);
        Assert.False(File.Exists(dir.File("out/results.json")));
    }

    [Fact]
    public async Task Extract_json_prints_one_object_with_blocks_pages_and_paragraphs()
    {
        using var dir = new TempDirectory();

        var run = await CliProcess.RunAsync(dir.Path, "extract", Path.Combine(RepoPaths.Samples, "talent-youyuan-center.pdf"), "--json");

        Assert.Equal(0, run.ExitCode);
        using var json = JsonDocument.Parse(run.Stdout);
        var root = json.RootElement;
        Assert.Equal("pdf", root.GetProperty("format").GetString());
        Assert.True(root.GetProperty("pages").GetInt32() > 1);
        var blocks = root.GetProperty("blocks").EnumerateArray().ToList();
        Assert.Contains(blocks, b => b.GetProperty("kind").GetString() == "heading" && b.GetProperty("level").GetInt32() == 1);
        Assert.Equal(Enumerable.Range(1, blocks.Count), blocks.Select(b => b.GetProperty("paragraph").GetInt32()));
        Assert.All(blocks, b => Assert.True(b.GetProperty("page").GetInt32() >= 1));
        var outline = root.GetProperty("outline").EnumerateArray().ToList();
        Assert.Contains(outline, h => h.GetProperty("title").GetString() == "五、应用成效" && h.GetProperty("level").GetInt32() == 1);
        Assert.Equal(10, outline.Count(h => h.GetProperty("level").GetInt32() == 1));
        Assert.Empty(root.GetProperty("errors").EnumerateArray());
    }

    [Fact]
    public async Task Extract_of_an_unreadable_file_exits_0_with_the_error()
    {
        using var dir = new TempDirectory();

        var run = await CliProcess.RunAsync(dir.Path, "extract", Path.Combine(RepoPaths.Fixtures, "encrypted.pdf"), "--json");

        Assert.Equal(0, run.ExitCode);
        using var json = JsonDocument.Parse(run.Stdout);
        Assert.Equal("encrypted", json.RootElement.GetProperty("errors")[0].GetProperty("code").GetString());
        Assert.Empty(json.RootElement.GetProperty("blocks").EnumerateArray());
    }

    [Fact]
    public async Task Extract_text_marks_headings_and_table_rows()
    {
        using var dir = new TempDirectory();

        var run = await CliProcess.RunAsync(dir.Path, "extract", Path.Combine(RepoPaths.Samples, "talent-hualing-academy.docx"));

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("# 一、申报单位基本情况", run.Stdout);
        Assert.Contains("| 项目名称 |", run.Stdout.Replace("项 目 名 称", "项目名称"));
    }

    [Fact]
    public async Task An_unknown_command_is_a_usage_error()
    {
        using var dir = new TempDirectory();

        Assert.Equal(2, (await CliProcess.RunAsync(dir.Path, "frobnicate")).ExitCode);
    }
}
