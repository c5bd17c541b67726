using Mediator;
using PilotEval.Pipeline;
using PilotEval.Publishing;
using PilotEval.Tests.Support;

namespace PilotEval.Tests.Publishing;

/// <summary>
/// One small evaluation run the report tests share: five applications built with <see cref="DocxFixture"/> — two
/// talent, one risk assessment, one registered outside Beijing (ineligible) and one unreadable file — evaluated
/// through the mediator with the repository's rubrics, so the reports are those of a real run, independent of
/// the sample set.
/// </summary>
public sealed class ReportRunFixture : IAsyncLifetime
{
    private readonly TempDirectory _dir = new();

    public string Submissions => Path.Combine(_dir.Path, "submissions");

    public string Out => Path.Combine(_dir.Path, "out");

    public string ResultsPath => Path.Combine(Out, "results.json");

    public ResultsDocument Results { get; private set; } = null!;

    public const string StrongTalent = "talent-strong.docx";
    public const string PlainTalent = "talent-plain.docx";
    public const string Risk = "risk-cloud.docx";
    public const string OutsideBeijing = "risk-tianjin.docx";
    public const string Broken = "broken.docx";

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Submissions);
        Application("“数安英才”数据安全实战型人才培养体系", "北京华翎数智教育科技有限公司", "人才培养", "首都信息工程职业学院",
                "北京市海淀区上地信息路26号院3号楼5层",
                "项目以网络与信息安全管理员（数据安全管理员）国家职业标准（2024年版）为基准，构建覆盖初级、中级、高级、技师四个等级的岗位能力模型，梳理出6类岗位、38项核心能力。",
                "按能力模型开发课程包12套、课程126门、总计1480学时，课程覆盖数据分类分级、风险评估和事件应急处置。",
                "自主研发的数据安全实训靶场部署了27个仿真业务场景，预置156个实训任务，每年组织攻防演练4次。",
                "项目与首都信息工程职业学院共建数据安全产业学院，校企合作共建实训基地3个。",
                "项目投入使用以来累计培训4860人次，其中2023年度培训3200人次，覆盖北京地区电信和互联网企业87家。",
                "参训学员中有1926人通过职业技能等级认定，持证率60.2%，在全国数据安全职业技能竞赛中获得一等奖2项、二等奖5项。",
                "回访显示学员所在企业的数据安全事件平均处置时间缩短35%，已为外部企业培训学员1200人次。",
                "项目形成的12套课程包和3本教材已对外授权给5个省市的11家培训机构使用，成为行业协会团体标准的参考。")
            .Save(Path.Combine(Submissions, StrongTalent));
        Application("数据安全意识培训项目", "北京明远信息技术有限公司", "人才培养", "无",
                "北京市朝阳区望京街9号",
                "公司每年为员工开展数据安全意识培训。",
                "2023年共培训员工300人次。")
            .Save(Path.Combine(Submissions, PlainTalent));
        Application("云平台数据安全风险自评估体系建设项目", "北京云岫计算技术有限公司", "风险评估", "无",
                "北京市朝阳区望京街9号望京国际商业中心C座",
                "按照《工业和信息化领域数据安全风险评估实施细则（试行）》的要求，公司每年至少开展一次全面自评估，组建了由安全、运维、法务人员组成的评估团队。",
                "公司开发了数据资产盘点工具，可自动扫描数据并按照GB/T 43697-2024进行分类分级，识别准确率达到92%。",
                "评估报告内容包括评估团队、数据资产情况、数据处理活动、安全防护措施、合规情况、风险分析和整改建议。",
                "2023年度自评估覆盖公司40个业务系统，涉及数据约600 TB，共发现风险项320个，已整改272个，整改率85%。",
                "项目形成的自评估流程已向8家租户企业推广，并参与编制团体标准1项。")
            .Save(Path.Combine(Submissions, Risk));
        Application("港口数据安全风险评估项目", "天津海辰港务数据有限公司", "风险评估", "无",
                "天津市滨海新区中新生态城中成大道1620号",
                "按照《工业和信息化领域数据安全风险评估实施细则（试行）》开展评估，覆盖12个业务系统。",
                "共发现风险项80个，已整改60个，整改率75%。")
            .Save(Path.Combine(Submissions, OutsideBeijing));
        await File.WriteAllBytesAsync(Path.Combine(Submissions, Broken), "PK\u0003\u0004 not really a zip"u8.ToArray());

        using var provider = TestHost.Create();
        // The floor is off so the plain talent application stays second on its shortlist: the report tests sort and
        // filter a table of two (the floor itself is tested in BuildShortlistsTests and on the samples).
        await provider.Mediator().Send(new EvaluateSubmissions.Command(Submissions, RepoPaths.Rubrics, Out,
            new PilotEval.Ranking.ShortlistOptions { MinimumCriteriaAboveLowest = 0 }));
        Results = ReportText.ReadResults(await File.ReadAllTextAsync(ResultsPath));
    }

    public Task DisposeAsync()
    {
        _dir.Dispose();
        return Task.CompletedTask;
    }

    /// <summary>An application in the programme's form: a cover table, the numbered sections, the pledge.</summary>
    private static DocxFixture Application(string project, string enterprise, string direction, string partners, string address,
        params string[] body)
    {
        var doc = new DocxFixture().NumericHeadingStyles()
            .Paragraph("2024年度北京地区电信和互联网行业数据安全管理和应用试点示范项目申报书")
            .Table(["项目名称", project], ["申报单位", enterprise], ["申报方向", direction], ["联合申报单位", partners],
                ["联系人", "韩晓雯"], ["申报日期", "2024年8月15日"])
            .Heading("1", "一、申报单位基本情况")
            .Paragraph($"{enterprise}成立于2015年9月，统一社会信用代码：91110108MA0054R74F，注册地：{address}。")
            .Heading("1", "二、项目概述")
            .Paragraph("项目于2022年3月启动，2023年6月通过验收并正式投入使用，稳定运行至今。")
            .Heading("1", "三、实施方案与应用成效");
        foreach (var paragraph in body) doc.Paragraph(paragraph);
        return doc.Heading("1", "十、承诺")
            .Paragraph("本单位近三年未发生较大及以上数据安全事件，未受到数据安全相关行政处罚。");
    }
}
