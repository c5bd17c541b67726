using PilotEval.Documents;
using PilotEval.Evidence;
using PilotEval.Scoring;
using PilotEval.Tests.Support;

namespace PilotEval.Tests.Scoring;

public sealed class EligibilityCheckerTests
{
    private static readonly PilotEval.Rubrics.EligibilityRules Rules = TestHost.RepoRubrics().Eligibility;

    private static EligibilityResult Check(string id, params string[] paragraphs)
    {
        var blocks = paragraphs.Select((p, i) => new Block(BlockKind.Paragraph, p, new SourceLocation("a.docx", null, i + 1))).ToList();
        var document = new DocumentText("a.docx", "docx", null, [.. blocks], [], []);
        var sentences = Sentences.Of([document]).ToList();
        return EligibilityChecker.Check(Rules.Checks.Single(c => c.Id == id), CoverReader.Read([document]), sentences, Rules.Plans);
    }

    [Theory]
    [InlineData("本单位近三年未发生重大数据安全事件。", true)]
    [InlineData("本单位近三年未发生较大及以上数据安全事件，未受到数据安全相关行政处罚。", true)]
    [InlineData("2023年发生一起重大数据安全事件，已妥善处置。", false)]
    [InlineData("无法承诺近三年未发生重大数据安全事件。", false)]
    [InlineData("2022年因数据泄露受到行政处罚。", false)]
    [InlineData("本单位郑重承诺：近三年未发生较大及以上数据安全事件。", true)]
    [InlineData("近三年没有出现重大数据安全事件，也未受到行政处罚。", true)]
    [InlineData("本单位不存在近三年发生重大数据安全事件的情形。", true)]
    [InlineData("2022年出现过一起较大数据安全事件。", false)]
    [InlineData("本单位不能承诺近三年未发生较大数据安全事件。", false)]
    [InlineData("2023年被处以数据安全行政处罚。", false)]
    public void No_major_incident_gets_negation_and_modality_right(string statement, bool passes)
    {
        var result = Check("no-major-incident", "项目介绍。", statement);

        Assert.Equal(passes, result.Passed);
        Assert.Equal(statement, result.Evidence!.Quote);
        Assert.Equal(2, result.Evidence.Location.Paragraph);
    }

    [Fact]
    public void A_missing_pledge_fails_with_the_reason()
    {
        var result = Check("no-major-incident", "项目介绍。");

        Assert.False(result.Passed);
        Assert.Null(result.Evidence);
        Assert.Contains("承诺", result.Reason);
    }

    [Theory]
    [InlineData("项目已于2023年6月通过验收并正式投入使用，稳定运行至今。", true)]
    [InlineData("项目目前处于建设阶段，计划于2025年底上线。", false)]
    [InlineData("平台在建，预计明年投入使用。", false)]
    [InlineData("该项目为拟建项目。", false)]
    [InlineData("平台于2022年建成并投入使用，运行稳定。", true)]
    [InlineData("系统已上线运行18个月。", true)]
    [InlineData("项目尚未通过验收。", false)]
    [InlineData("平台计划于2025年6月正式上线。", false)]
    [InlineData("项目预计2025年投入运行。", false)]
    [InlineData("项目已按计划于2023年6月通过验收并投入使用。", true)]
    public void In_operation_excludes_projects_under_construction(string statement, bool passes) =>
        Assert.Equal(passes, Check("in-operation", statement).Passed);

    [Fact]
    public void A_running_first_phase_outweighs_a_planned_second_phase() =>
        Assert.True(Check("in-operation", "一期平台已于2023年上线运行。", "二期工程拟建数据中台。").Passed);

    [Theory]
    [InlineData("注册地：北京市海淀区中关村大街1号", true)]
    [InlineData("注册地：天津市滨海新区", false)]
    public void Registered_in_beijing_reads_the_cover_field(string line, bool passes) =>
        Assert.Equal(passes, Check("registered-in-beijing", line).Passed);

    [Fact]
    public void A_plan_alone_never_passes_a_check()
    {
        // 「将于…投入运行」 matches no fail pattern, but a promise is not operation.
        var result = Check("in-operation", "平台将于明年正式投入运行。");

        Assert.False(result.Passed);
        Assert.Null(result.Evidence);
    }

    [Fact]
    public void A_reported_incident_outweighs_a_pledge_in_the_same_application()
    {
        var result = Check("no-major-incident", "本单位近三年未发生重大数据安全事件。", "2023年发生一起重大数据安全事件，已妥善处置。");

        Assert.False(result.Passed);
        Assert.Equal(2, result.Evidence!.Location.Paragraph);
    }

    [Theory]
    [InlineData("公司持有北京市通信管理局核发的增值电信业务经营许可证（互联网数据中心业务）。", true)]
    [InlineData("公司经北京市通信管理局许可经营在线数据处理与交易处理业务，持有相应的增值电信业务经营许可证。", true)]
    [InlineData("公司尚未取得北京市通信管理局核发的增值电信业务经营许可证。", false)]
    [InlineData("公司计划申请北京市通信管理局核发的增值电信业务经营许可证。", false)]
    [InlineData("公司持有天津市通信管理局核发的增值电信业务经营许可证。", false)]
    public void Registered_elsewhere_passes_only_with_a_licence_from_the_beijing_administration(string licence, bool passes)
    {
        var result = Check("registered-in-beijing", "注册地：天津市滨海新区", licence);

        Assert.Equal(passes, result.Passed);
        if (passes) Assert.Equal((licence, 2), (result.Evidence!.Quote, result.Evidence.Location.Paragraph));
        else Assert.Equal("天津市滨海新区", result.Evidence!.Quote);
    }
}
