using System.Text.Json;
using PilotEval.Cli.Commands;
using PilotEval.Cli.Infrastructure;
using PilotEval.Tests.Integrity;
using PilotEval.Tests.Support;
using Spectre.Console.Cli;

namespace PilotEval.Tests.Cli;

public sealed class EvaluateCommandTests
{
    private static Task<int> Run(params string[] args)
    {
        var app = new CommandApp(new TypeRegistrar(CliServices.Create()));
        app.Configure(config =>
        {
            config.PropagateExceptions();
            config.AddCommand<EvaluateCommand>("evaluate");
        });
        return CliErrors.RunAsync(app, args, TextWriter.Null);
    }

    [Fact]
    public async Task Quota_and_minimum_score_flags_shape_the_shortlist()
    {
        using var dir = new TempDirectory();
        var submissions = Directory.CreateDirectory(dir.File("in")).FullName;
        new ApplicationFixture("甲").Paragraphs("项目建立了岗位能力模型和课程体系，与两所高校开展校企合作。", "2023年全年培训学员3200人次，培养学员860名，考核通过率达到92%。",
            "学员在全国数据安全职业技能大赛中获得一等奖两项。").Save(Path.Combine(submissions, "a.docx"));
        new ApplicationFixture("乙").Paragraphs("项目建立了课程体系。", "学员在实训基地完成实操训练。").Save(Path.Combine(submissions, "b.docx"));
        new ApplicationFixture("丙").Paragraphs("公司成立于2015年。").Save(Path.Combine(submissions, "c.docx"));
        var output = dir.File("out");

        // a scores about 60, b about 22, c about 11 with every criterion at the lowest level: one talent place leaves b
        // out over the quota and the floor leaves c out whatever the minimum; a minimum of 30 then leaves b out too.
        var exit = await Run("evaluate", submissions, "--rubrics", RepoPaths.Rubrics, "--out", output, "--quota", "1", "--min-score", "15", "-q");
        var byMinimum = await Run("evaluate", submissions, "--rubrics", RepoPaths.Rubrics, "--out", output + "-min", "--min-score", "30", "-q");

        Assert.Equal(CliErrors.Ok, exit);
        Assert.Equal(CliErrors.Ok, byMinimum);
        Dictionary<string, string?> Reasons(string dir)
        {
            using var results = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "results.json")));
            return results.RootElement.GetProperty("exclusions").EnumerateArray()
                .ToDictionary(e => e.GetProperty("source").GetString()!, e => e.GetProperty("reason").GetString());
        }
        using (var results = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(output, "results.json"))))
        {
            var talent = results.RootElement.GetProperty("shortlists").EnumerateArray().Single(s => s.GetProperty("track").GetString() == "talent");
            Assert.Equal("a.docx", talent.GetProperty("entries").EnumerateArray().Single().GetProperty("source").GetString());
        }
        Assert.Equal("over-quota", Reasons(output)["b.docx"]);
        Assert.Equal("below-floor", Reasons(output)["c.docx"]);
        Assert.Equal("below-minimum", Reasons(output + "-min")["b.docx"]);
    }

    [Theory]
    [InlineData("--quota", "0")]
    [InlineData("--min-score", "101")]
    public async Task Unusable_shortlist_flags_are_a_usage_error(string flag, string value)
    {
        using var dir = new TempDirectory();

        Assert.Equal(CliErrors.Usage, await Run("evaluate", dir.Path, "--rubrics", RepoPaths.Rubrics, "--out", dir.File("out"), flag, value));
    }
}
