using PilotEval.Documents;
using PilotEval.Evidence;
using PilotEval.Language;
using PilotEval.Scoring;
using PilotEval.Tests.Support;

namespace PilotEval.Tests.Scoring;

/// <summary>The knock-out checks on the issue's own sentences and the cases the old look-behinds got wrong.</summary>
public sealed class EligibilityCheckerTests
{
    private static readonly PilotEval.Rubrics.RubricSet Rubrics = TestHost.RepoRubrics();

    private static EligibilityResult Check(string id, params string[] paragraphs)
    {
        var blocks = paragraphs.Select((p, i) => new Block(BlockKind.Paragraph, p, new SourceLocation("a.docx", null, i + 1))).ToList();
        var document = new DocumentText("a.docx", "docx", null, [.. blocks], [], []);
        var sentences = Sentences.Of([document]).ToList();
        var analyser = new ClauseAnalyser(Rubrics.Lexicon, new DateOnly(2025, 3, 1));
        return EligibilityChecker.Check(Rubrics.Eligibility.Checks.Single(c => c.Id == id), analyser, CoverReader.Read([document]), sentences);
    }

    [Theory]
    [InlineData("本单位近三年未发生重大数据安全事件。", EligibilityStatus.Passed)]
    [InlineData("本单位近三年未发生较大及以上数据安全事件，未受到数据安全相关行政处罚。", EligibilityStatus.Passed)]
    [InlineData("本单位承诺申报材料真实有效，近三年未发生重大数据安全事件，未因数据安全问题受到行政处罚。", EligibilityStatus.Passed)]
    [InlineData("2023年发生一起重大数据安全事件，已妥善处置。", EligibilityStatus.Failed)]
    [InlineData("2022年因数据泄露受到行政处罚。", EligibilityStatus.Failed)]
    [InlineData("本单位曾于2023年因数据出境未申报安全评估被网信部门处以罚款。", EligibilityStatus.Failed)]
    [InlineData("近三年没有出现重大数据安全事件，也未受到行政处罚。", EligibilityStatus.Passed)]
    [InlineData("本单位不存在近三年发生重大数据安全事件的情形。", EligibilityStatus.Passed)]
    [InlineData("2022年出现过一起较大数据安全事件。", EligibilityStatus.Failed)]
    [InlineData("我单位暂无法就近三年数据安全事件情况作出承诺。", EligibilityStatus.Unconfirmed)]
    [InlineData("无法承诺近三年未发生重大数据安全事件。", EligibilityStatus.Unconfirmed)]
    [InlineData("协助客户处置重大数据安全事件12起。", EligibilityStatus.Unconfirmed)]
    [InlineData("部署企业中未再发生数据安全事件。", EligibilityStatus.Unconfirmed)]
    [InlineData("确保不发生较大及以上数据安全事件。", EligibilityStatus.Unconfirmed)]
    public void No_major_incident_reads_negation_subject_and_modality_per_clause(string statement, EligibilityStatus expected)
    {
        var result = Check("no-major-incident", "项目介绍。", statement);

        Assert.Equal(expected, result.Status);
        if (expected != EligibilityStatus.Unconfirmed) Assert.Equal((statement, 2), (result.Evidence!.Quote, result.Evidence.Location.Paragraph));
    }

    [Fact]
    public void Silence_is_unconfirmed_and_names_the_missing_statement_and_what_to_add()
    {
        var result = Check("no-major-incident", "项目介绍。");

        Assert.Equal(EligibilityStatus.Unconfirmed, result.Status);
        Assert.False(result.Passed);
        Assert.Null(result.Evidence);
        Assert.Contains("承诺", result.Reason);
        Assert.Contains("未发生较大及以上数据安全事件", result.Ask);
    }

    [Theory]
    [InlineData("项目已于2023年6月通过验收并正式投入使用，稳定运行至今。", EligibilityStatus.Passed)]
    [InlineData("工具于2023年投入使用，截至2024年底已累计检测APP约1,300款次。", EligibilityStatus.Passed)]
    [InlineData("项目目前处于建设阶段，计划于2025年底上线。", EligibilityStatus.Failed)]
    [InlineData("平台在建，预计明年投入使用。", EligibilityStatus.Failed)]
    [InlineData("该项目为拟建项目。", EligibilityStatus.Failed)]
    [InlineData("平台于2022年建成并投入使用，运行稳定。", EligibilityStatus.Passed)]
    [InlineData("系统已上线运行18个月。", EligibilityStatus.Passed)]
    [InlineData("项目尚未通过验收。", EligibilityStatus.Failed)]
    [InlineData("平台计划于2025年6月正式上线。", EligibilityStatus.Failed)]
    [InlineData("平台将于明年正式投入运行。", EligibilityStatus.Failed)]
    [InlineData("项目已按计划于2023年6月通过验收并投入使用。", EligibilityStatus.Passed)]
    [InlineData("公司将在后续建设中逐步完善。", EligibilityStatus.Unconfirmed)]
    [InlineData("本项目具有良好的推广价值。", EligibilityStatus.Unconfirmed)]
    public void In_operation_tells_running_from_construction_and_from_silence(string statement, EligibilityStatus expected) =>
        Assert.Equal(expected, Check("in-operation", statement).Status);

    [Fact]
    public void A_running_first_phase_outweighs_a_planned_second_phase() =>
        Assert.True(Check("in-operation", "一期平台已于2023年上线运行。", "二期工程拟建数据中台。").Passed);

    [Theory]
    [InlineData("注册地：北京市海淀区中关村大街1号", EligibilityStatus.Passed)]
    [InlineData("注册地：天津市滨海新区", EligibilityStatus.Failed)]
    [InlineData("注册地址：朝阳区人民大街", EligibilityStatus.Unconfirmed)]
    [InlineData("注册地址：南京市鼓楼区北京西路72号", EligibilityStatus.Failed)]
    [InlineData("办公地址：北京市海淀区中关村大街1号", EligibilityStatus.Unconfirmed)]
    public void Registered_in_beijing_reads_the_place_not_the_word(string line, EligibilityStatus expected) =>
        Assert.Equal(expected, Check("registered-in-beijing", line).Status);

    [Fact]
    public void A_reported_incident_outweighs_a_pledge_in_the_same_application()
    {
        var result = Check("no-major-incident", "本单位近三年未发生重大数据安全事件。", "2023年发生一起重大数据安全事件，已妥善处置。");

        Assert.Equal(EligibilityStatus.Failed, result.Status);
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

    [Theory]
    [InlineData("in-operation", "平台目前正在建设中。", EligibilityStatus.Unconfirmed)]
    [InlineData("in-operation", "项目介绍。", EligibilityStatus.Unconfirmed)]
    [InlineData("no-major-incident", "2023年发生一起重大数据安全事件。", EligibilityStatus.Failed)]
    [InlineData("registered-in-beijing", "注册地：天津市滨海新区", EligibilityStatus.Unconfirmed)]
    public void Unread_pages_never_fail_what_they_could_have_settled(string id, string statement, EligibilityStatus expected)
    {
        var check = Rubrics.Eligibility.Checks.Single(c => c.Id == id);

        var result = EligibilityChecker.AllowForUnreadPages(Check(id, statement), check, "第13–24页");

        Assert.Equal(expected, result.Status);
        if (expected == EligibilityStatus.Unconfirmed) Assert.Contains("第13–24页未能读取", result.Reason);
    }
}
