using System.Text;
using System.Text.Json;
using PilotEval.Tests.Support;

namespace PilotEval.Tests.Cli;

/// <summary>
/// What a secretariat clerk's first week would hit, run through the real program: every mistake is refused before any
/// application is read, with exit code 2 and a sentence that says what to do — never a run on defaults with exit 0.
/// </summary>
public sealed class StrictInputTests
{
    [Theory]
    [InlineData("--min-scroe", "60", "--min-score")]
    [InlineData("--ouput", "x", "--out")]
    [InlineData("--quotas", "2", "--quota")]
    public async Task A_misspelt_option_is_a_usage_error_suggesting_the_nearest(string option, string value, string suggested)
    {
        using var dir = new TempDirectory();

        var run = await CliProcess.RunAsync(dir.Path, "evaluate", RepoPaths.Samples, "--out", dir.File("out"), option, value);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains($"unknown option '{option}'", run.Stderr);
        Assert.Contains($"did you mean '{suggested}'", run.Stderr);
        Assert.False(Directory.Exists(dir.File("out")));
    }

    [Theory]
    [InlineData("evaluate", "--min-score", "abc", "expects a number")]
    [InlineData("evaluate", "--quota", "two", "expects a whole number")]
    [InlineData("publish", "--top", "two", "expects a whole number")]
    public async Task A_value_of_the_wrong_form_says_what_was_expected(string command, string option, string value, string expected)
    {
        using var dir = new TempDirectory();
        string[] args = command == "evaluate" ? [command, RepoPaths.Samples, option, value] : [command, option, value];

        var run = await CliProcess.RunAsync(dir.Path, args);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains($"{option} {expected}", run.Stderr);
        Assert.DoesNotContain("Nullable", run.Stderr);
    }

    [Fact]
    public async Task Version_prints_the_version()
    {
        using var dir = new TempDirectory();

        var run = await CliProcess.RunAsync(dir.Path, "--version");

        Assert.Equal(0, run.ExitCode);
        Assert.Matches(@"^\d+\.\d+\.\d+", run.Stdout.Trim());
    }

    [Fact]
    public async Task An_output_path_that_is_a_file_is_refused_before_anything_is_read()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("out"), "not a folder");

        var run = await CliProcess.RunAsync(dir.Path, "evaluate", RepoPaths.Samples, "--out", dir.File("out"));

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("is a file, not a folder", run.Stderr);
        Assert.DoesNotContain("[1/", run.Stderr);
    }

    [Fact]
    public async Task An_output_path_under_a_file_is_refused_with_the_reason()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("plain"), "x");

        var run = await CliProcess.RunAsync(dir.Path, "evaluate", RepoPaths.Samples, "--out", dir.File("plain/out"));

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("cannot be written", run.Stderr);
    }

    [Fact]
    public async Task An_output_folder_inside_the_submissions_folder_is_never_an_application()
    {
        using var dir = new TempDirectory();
        var submissions = Directory.CreateDirectory(dir.File("in")).FullName;
        File.Copy(Path.Combine(RepoPaths.Samples, "talent-hualing-academy.docx"), Path.Combine(submissions, "a.docx"));
        var output = Path.Combine(submissions, "out");

        var first = await CliProcess.RunAsync(dir.Path, "evaluate", submissions, "--out", output, "--rubrics", RepoPaths.Rubrics);
        // A second run into another folder must not take the first run's reports for an application either.
        var second = await CliProcess.RunAsync(dir.Path, "evaluate", submissions, "--out", Path.Combine(submissions, "out2"), "--rubrics", RepoPaths.Rubrics);

        Assert.Equal(0, first.ExitCode);
        Assert.Equal(0, second.ExitCode);
        foreach (var results in new[] { Path.Combine(output, "results.json"), Path.Combine(submissions, "out2", "results.json") })
        {
            using var json = JsonDocument.Parse(File.ReadAllText(results));
            Assert.Equal(["a.docx"], json.RootElement.GetProperty("submissions").EnumerateArray().Select(s => s.GetProperty("source").GetString()));
        }
    }

    [Fact]
    public async Task An_empty_submissions_folder_stops_without_touching_the_last_reports()
    {
        using var dir = new TempDirectory();
        var submissions = Directory.CreateDirectory(dir.File("in")).FullName;
        Directory.CreateDirectory(dir.File("out"));
        File.WriteAllText(dir.File("out/results.json"), "{\"schemaVersion\":1,\"previous\":true}");

        var run = await CliProcess.RunAsync(dir.Path, "evaluate", submissions, "--out", dir.File("out"), "--rubrics", RepoPaths.Rubrics);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("holds no application files", run.Stderr);
        Assert.Contains("\"previous\":true", File.ReadAllText(dir.File("out/results.json")));
    }

    [Fact]
    public async Task A_deleted_track_rubric_is_reported_not_absorbed_by_another_track()
    {
        using var dir = new TempDirectory();
        var rubrics = CopyRubrics(dir);
        File.Delete(Path.Combine(rubrics, "incident-handling.yaml"));

        var run = await CliProcess.RunAsync(dir.Path, "evaluate", RepoPaths.Samples, "--rubrics", rubrics, "--out", dir.File("out"));

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("incident-handling", run.Stderr);
        Assert.Contains("call.yaml:1", run.Stderr);
        Assert.False(File.Exists(dir.File("out/results.json")));
    }

    [Fact]
    public async Task A_rubric_saved_as_gbk_is_refused_naming_the_file_and_the_fix()
    {
        using var dir = new TempDirectory();
        var rubrics = CopyRubrics(dir);
        var eligibility = Path.Combine(rubrics, "eligibility.yaml");
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        File.WriteAllBytes(eligibility, Encoding.GetEncoding(936).GetBytes(File.ReadAllText(eligibility)));

        var run = await CliProcess.RunAsync(dir.Path, "evaluate", RepoPaths.Samples, "--rubrics", rubrics, "--out", dir.File("out"));

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("eligibility.yaml:1", run.Stderr);
        Assert.Contains("另存为 UTF-8", run.Stderr);
    }

    [Fact]
    public async Task A_rubric_saved_with_a_bom_runs_like_the_original()
    {
        using var dir = new TempDirectory();
        var rubrics = CopyRubrics(dir);
        foreach (var file in Directory.GetFiles(rubrics, "*.yaml"))
            File.WriteAllBytes(file, [.. Encoding.UTF8.GetPreamble(), .. File.ReadAllBytes(file)]);
        var submissions = Directory.CreateDirectory(dir.File("in")).FullName;
        File.Copy(Path.Combine(RepoPaths.Samples, "talent-hualing-academy.docx"), Path.Combine(submissions, "a.docx"));

        var run = await CliProcess.RunAsync(dir.Path, "evaluate", submissions, "--rubrics", rubrics, "--out", dir.File("out"));

        Assert.Equal(0, run.ExitCode);
    }

    [Fact]
    public async Task Without_a_rubrics_folder_in_the_working_directory_the_installed_rubrics_are_used()
    {
        using var dir = new TempDirectory();
        var submissions = Directory.CreateDirectory(dir.File("in")).FullName;
        File.Copy(Path.Combine(RepoPaths.Samples, "talent-hualing-academy.docx"), Path.Combine(submissions, "a.docx"));

        var run = await CliProcess.RunAsync(dir.Path, "evaluate", submissions, "--out", dir.File("out"));

        Assert.Equal(0, run.ExitCode);
        using var json = JsonDocument.Parse(File.ReadAllText(dir.File("out/results.json")));
        Assert.Equal("talent", json.RootElement.GetProperty("submissions")[0].GetProperty("track").GetString());
    }

    private static string CopyRubrics(TempDirectory dir)
    {
        var rubrics = Directory.CreateDirectory(dir.File("rubrics")).FullName;
        foreach (var file in Directory.GetFiles(RepoPaths.Rubrics)) File.Copy(file, Path.Combine(rubrics, Path.GetFileName(file)));
        return rubrics;
    }
}
