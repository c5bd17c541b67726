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

    /// <summary>
    /// Classes of error met on the first blind bank, each with sentences of its own (not the bank's): what is denied as
    /// not yet done, what is waited for, a stage under way, a stop after a start, and what is the next phase instead.
    /// </summary>
    [Theory]
    [InlineData("平台暂未上线。", EligibilityStatus.Failed)]
    [InlineData("该系统还没有在生产环境中使用。", EligibilityStatus.Failed)]
    [InlineData("系统主体开发已完成，待测评通过后投入使用。", EligibilityStatus.Failed)]
    [InlineData("平台尚在开发测试阶段。", EligibilityStatus.Failed)]
    [InlineData("本项目尚处于立项审批阶段。", EligibilityStatus.Failed)]
    [InlineData("项目已完成可研批复，尚未开始建设。", EligibilityStatus.Failed)]
    [InlineData("项目预计于2026年上半年建成投用。", EligibilityStatus.Failed)]
    [InlineData("项目于2025年第四季度上线。", EligibilityStatus.Failed)]
    [InlineData("项目于2023年完成验收，但因经费问题至今未投入使用。", EligibilityStatus.Failed)]
    [InlineData("系统于2021年上线，2023年因业务调整已停止运行。", EligibilityStatus.Failed)]
    [InlineData("二〇二二年十二月，监测平台正式投入生产运行。", EligibilityStatus.Passed)]
    [InlineData("系统已于2023年上线，目前正在开发移动端功能。", EligibilityStatus.Passed)]
    [InlineData("项目建设期为2022年1月至2022年12月，2023年1月起转入运行维护阶段。", EligibilityStatus.Passed)]
    [InlineData("目前，该系统已在集团下属单位推广使用。", EligibilityStatus.Passed)]
    [InlineData("公司目前正在研发基于大模型的检测能力。", EligibilityStatus.Unconfirmed)]
    [InlineData("力争2026年实现全国商用。", EligibilityStatus.Unconfirmed)]
    [InlineData("平台不需要在客户侧部署客户端。", EligibilityStatus.Unconfirmed)]
    [InlineData("平台上线后，预计每年节约成本300万元。", EligibilityStatus.Unconfirmed)]
    [InlineData("公司在北京设有研发中心。", EligibilityStatus.Unconfirmed)]
    public void In_operation_reads_the_classes_the_first_bank_found(string statement, EligibilityStatus expected) =>
        Assert.Equal(expected, Check("in-operation", statement).Status);

    /// <summary>
    /// Conditions and possibilities, zero counts, events graded by their scale, restricted denials, penalties for
    /// something other than data, data owned by users, and third parties named with 某.
    /// </summary>
    [Theory]
    [InlineData("系统使其避开了可能发生的较大级数据安全事件。", EligibilityStatus.Unconfirmed)]
    [InlineData("一旦发生较大以上数据安全事件，我单位将立即启动应急预案。", EligibilityStatus.Unconfirmed)]
    [InlineData("如近三年发生较大及以上数据安全事件，本单位自愿取消申报资格。", EligibilityStatus.Unconfirmed)]
    [InlineData("发生重大数据安全事件时，本单位在1小时内报告。", EligibilityStatus.Unconfirmed)]
    [InlineData("2024年，某运营商发生较大数据安全事件后，我公司第一时间响应。", EligibilityStatus.Unconfirmed)]
    [InlineData("近三年未发生重大安全生产事故，未发生重大环境污染事件。", EligibilityStatus.Unconfirmed)]
    [InlineData("未发生因本平台误报导致的安全事件。", EligibilityStatus.Unconfirmed)]
    [InlineData("2024年曾因广告宣传用语问题被市场监管部门罚款。", EligibilityStatus.Unconfirmed)]
    [InlineData("2024年我公司发生一般数据安全事件1起，涉及用户信息约200条。", EligibilityStatus.Unconfirmed)]
    [InlineData("本单位对数据安全事件零容忍。", EligibilityStatus.Unconfirmed)]
    [InlineData("近三年本单位受到行政处罚0次，较大及以上数据安全事件0起。", EligibilityStatus.Passed)]
    [InlineData("本单位近三年发生的较大及以上数据安全事件数量为零。", EligibilityStatus.Passed)]
    [InlineData("本公司并非没有发生过数据安全事件：2023年的一起数据外泄事件被认定为较大事件。", EligibilityStatus.Failed)]
    [InlineData("2023年本单位发生数据泄露事件，影响用户约2000万人。", EligibilityStatus.Failed)]
    [InlineData("2024年1月，公司一服务器遭非法访问，导致用户数据泄露，经评估为较大事件。", EligibilityStatus.Failed)]
    [InlineData("2023年因违反《个人信息保护法》被罚款30万元。", EligibilityStatus.Failed)]
    [InlineData("本单位在检查中被发现存在重大隐患，并因此受到行政处罚。", EligibilityStatus.Failed)]
    public void No_major_incident_reads_the_classes_the_first_bank_found(string statement, EligibilityStatus expected) =>
        Assert.Equal(expected, Check("no-major-incident", statement).Status);

    /// <summary>A former registration and a move done since, a place before the registration verb, a denied place,
    /// a place outside named without 省 or 市, a joint applicant's registration, a licence only applied for.</summary>
    [Theory]
    [InlineData("我公司原注册于北京市海淀区，2021年已整体迁址至武汉市东湖高新区。", EligibilityStatus.Failed)]
    [InlineData("我公司于2016年在北京市丰台区市场监督管理局登记注册。", EligibilityStatus.Passed)]
    [InlineData("本单位注册地不在北京。", EligibilityStatus.Failed)]
    [InlineData("企业注册地址为河北廊坊。", EligibilityStatus.Failed)]
    [InlineData("注册地址：成都市高新区天府大道", EligibilityStatus.Failed)]
    [InlineData("联合申报单位均注册于北京市。", EligibilityStatus.Unconfirmed)]
    [InlineData("公司注册资本5000万元，总部位于北京。", EligibilityStatus.Unconfirmed)]
    [InlineData("公司申请北京市通信管理局增值电信业务经营许可证的材料已受理。", EligibilityStatus.Unconfirmed)]
    public void Registered_in_beijing_reads_the_classes_the_first_bank_found(string statement, EligibilityStatus expected) =>
        Assert.Equal(expected, Check("registered-in-beijing", statement).Status);

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
