using System.Text.Json.Nodes;
using PilotEval.Documents;
using PilotEval.Pipeline;
using PilotEval.Publishing;
using PilotEval.Scoring;
using PilotEval.Tests.Publishing;
using PilotEval.Tests.Support;

namespace PilotEval.Tests.Scoring;

/// <summary>
/// The third outcome through the real program: an application silent on operation stays in the shortlist marked
/// 待核实 in every report, its letter says what to add, <c>publish</c> refuses it, and a confirmation — by
/// <c>confirm</c> or <c>evaluate --confirmations</c> — is recorded with who, when and why and settles it.
/// </summary>
public sealed class UnconfirmedEligibilityTests : IDisposable
{
    private const string Silent = "talent-silent.docx";
    private const string Running = "talent-running.docx";

    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private string Submissions => _dir.File("submissions");

    private string Out => _dir.File("out");

    private void Write()
    {
        Directory.CreateDirectory(Submissions);
        Application("数据安全实训平台", "北京华翎数智教育科技有限公司", operation: null).Save(Path.Combine(Submissions, Silent));
        Application("数据安全人才培养基地", "北京明远信息技术有限公司", operation: "基地于2022年9月建成并投入使用，运行至今。")
            .Save(Path.Combine(Submissions, Running));
    }

    private static DocxFixture Application(string project, string enterprise, string? operation)
    {
        var doc = new DocxFixture().NumericHeadingStyles()
            .Table(["项目名称", project], ["申报单位", enterprise], ["申报方向", "人才培养"], ["申报日期", "2024年8月15日"])
            .Heading("1", "一、申报单位基本情况")
            .Paragraph($"{enterprise}成立于2015年9月，注册地：北京市海淀区上地信息路26号。")
            .Heading("1", "二、项目概述")
            .Paragraph("项目面向电信企业开展数据安全管理员培训，2023年度培训3200人次。");
        if (operation is not null) doc.Paragraph(operation);
        return doc.Heading("1", "三、承诺").Paragraph("本单位近三年未发生较大及以上数据安全事件，未受到数据安全相关行政处罚。");
    }

    private static JsonObject Submission(JsonNode results, string source) =>
        results["submissions"]!.AsArray().Single(s => s!["source"]!.GetValue<string>() == source)!.AsObject();

    private JsonNode Results() => JsonNode.Parse(File.ReadAllText(Path.Combine(Out, "results.json")))!;

    [Fact]
    public async Task An_unconfirmed_application_is_ranked_marked_refused_for_publishing_then_confirmed()
    {
        Write();
        var evaluate = await CliProcess.RunAsync(_dir.Path, "evaluate", Submissions, "--rubrics", RepoPaths.Rubrics, "--out", Out, "-q");
        Assert.True(evaluate.ExitCode == 0, evaluate.Stderr);

        var silent = Submission(Results(), Silent);
        Assert.True(silent.ContainsKey("eligible"));
        Assert.Null(silent["eligible"]);
        var check = silent["eligibility"]!.AsArray().Single(e => e!["check"]!.GetValue<string>() == "in-operation")!;
        Assert.Equal("unconfirmed", check["status"]!.GetValue<string>());
        Assert.False(check["passed"]!.GetValue<bool>());
        Assert.Contains("未说明项目是否已建成并投入运行", check["reason"]!.GetValue<string>());
        Assert.Contains(silent["flags"]!.AsArray(), f => f!["code"]!.GetValue<string>() == "eligibility-unconfirmed" &&
                                                        f["detail"]!.GetValue<string>().Contains("in-operation"));
        Assert.NotNull(silent["rank"]);
        Assert.True(Submission(Results(), Running)["eligible"]!.GetValue<bool>());

        Assert.Contains("待核实", File.ReadAllText(Path.Combine(Out, "shortlist.md")));
        Assert.Contains("待核实", TextOf.Html(File.ReadAllText(Path.Combine(Out, "report.html"))));
        Assert.Contains("待核实", TextOf.Docx(Path.Combine(Out, "panel-report.docx")));
        Assert.Contains("待核实", TextOf.Xlsx(Path.Combine(Out, "scores.xlsx")));
        var letter = File.ReadAllText(Path.Combine(Out, "feedback", ApplicantFeedback.FileName(Silent)));
        Assert.Contains("待核实", letter);
        Assert.Contains("请写明项目何时建成、何时上线或投入使用", letter);

        var publish = await CliProcess.RunAsync(_dir.Path, "publish", "--results", Path.Combine(Out, "results.json"),
            "--selected", Silent, "--out", _dir.File("notice"), "--date", "2024-11-29", "--contact", "010-6500 0000", "-q");
        Assert.Equal(2, publish.ExitCode);
        Assert.Contains("待核实", publish.Stderr);

        var confirm = await CliProcess.RunAsync(_dir.Path, "confirm", Submissions, "--source", Silent, "--check", "in-operation",
            "--by", "张三", "--reason", "现场核验：平台2023年起运行", "--rubrics", RepoPaths.Rubrics, "--out", Out, "-q");
        Assert.True(confirm.ExitCode == 0, confirm.Stderr);

        silent = Submission(Results(), Silent);
        Assert.True(silent["eligible"]!.GetValue<bool>());
        var confirmed = silent["eligibility"]!.AsArray().Single(e => e!["check"]!.GetValue<string>() == "in-operation")!;
        Assert.Equal("passed", confirmed["status"]!.GetValue<string>());
        Assert.Equal("张三", confirmed["confirmation"]!["by"]!.GetValue<string>());
        Assert.Equal("unconfirmed", confirmed["confirmation"]!["was"]!.GetValue<string>());
        Assert.Contains("现场核验", confirmed["confirmation"]!["reason"]!.GetValue<string>());
        Assert.DoesNotContain(silent["flags"]!.AsArray(), f => f!["code"]!.GetValue<string>() == "eligibility-unconfirmed");
        Assert.Contains("张三", File.ReadAllText(Path.Combine(Out, "confirmations.csv")));

        publish = await CliProcess.RunAsync(_dir.Path, "publish", "--results", Path.Combine(Out, "results.json"),
            "--selected", Silent, "--out", _dir.File("notice"), "--date", "2024-11-29", "--contact", "010-6500 0000", "-q");
        Assert.True(publish.ExitCode == 0, publish.Stderr);
    }

    [Fact]
    public async Task A_confirmations_file_naming_an_unknown_check_is_refused_with_its_line()
    {
        Write();
        var file = _dir.File("confirmations.csv");
        File.WriteAllText(file, $"{Confirmations.Header}\n{Silent},in-operatoin,passed,张三,2024-10-20T10:00+08:00,现场核验\n");

        var run = await CliProcess.RunAsync(_dir.Path, "evaluate", Submissions, "--rubrics", RepoPaths.Rubrics, "--out", Out,
            "--confirmations", file, "-q");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("in-operatoin", run.Stderr);
        Assert.False(File.Exists(Path.Combine(Out, "results.json")));
    }

    [Theory]
    [InlineData("a.docx,in-operation,maybe,张三,2024-10-20,核验", 2, "'status' must be passed or failed")]
    [InlineData("a.docx,in-operation,passed,,2024-10-20,核验", 2, "'by' must name who confirmed")]
    [InlineData("a.docx,in-operation,passed,张三,昨天,核验", 2, "'at' must be a date")]
    [InlineData("a.docx,in-operation,passed,张三,2024-10-20", 2, "expected 6 fields")]
    public void A_bad_confirmation_line_is_refused_with_file_line_and_reason(string line, int number, string reason)
    {
        var ex = Assert.Throws<ConfirmationFileException>(() => Confirmations.Parse("c.csv", $"{Confirmations.Header}\n{line}\n"));

        Assert.StartsWith($"c.csv:{number}:", ex.Message);
        Assert.Contains(reason, ex.Reason);
    }

    [Fact]
    public void A_confirmation_replaces_the_outcome_and_keeps_what_was_read()
    {
        var read = new EligibilityResult("in-operation", "项目已建成并投入运行", EligibilityStatus.Unconfirmed, "申报书中未说明", null) { Ask = "请写明" };
        var parsed = Confirmations.Parse("c.csv", $"{Confirmations.Header}\na.docx,in-operation,failed,\"李四, 秘书处\",2024-10-20T10:00+08:00,\"核验，平台未上线\"\n");

        var result = Confirmations.Apply([read], "a.docx", parsed).Single();

        Assert.Equal(EligibilityStatus.Failed, result.Status);
        Assert.Equal("李四, 秘书处", result.Confirmation!.By);
        Assert.Equal(EligibilityStatus.Unconfirmed, result.Confirmation.Was);
        Assert.Contains("核验，平台未上线", result.Reason);
        Assert.Contains("申报书中未说明", result.Reason);
    }

    [Fact]
    public void A_partially_read_file_leaves_silence_unconfirmed_with_the_pages_named()
    {
        var block = new Block(BlockKind.Paragraph, "平台目前正在建设中。", new SourceLocation("scan.pdf", 3, 1));
        var document = new DocumentText("scan.pdf", "pdf", null, [block], [], []);
        var assessment = new SubmissionAssessment(new SubmissionSource("scan.pdf", ".", ["scan.pdf"])) { Documents = [document] }
            .WithFlags([new DocumentFlag(FlagCodes.PartiallyRead, "第13–24页未读取（文字识别超时）", new SourceLocation("scan.pdf", 13, 0))]);

        var results = ScoreSubmission.Eligibility(assessment, TestHost.RepoRubrics(), [], new DateOnly(2024, 9, 1));

        Assert.All(results, r => Assert.Equal(EligibilityStatus.Unconfirmed, r.Status));
        Assert.All(results, r => Assert.Contains("第13–24页未读取", r.Reason));
        Assert.Contains("正在建设中", results.Single(r => r.Check == "in-operation").Reason);
    }
}
