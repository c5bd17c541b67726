using System.Text.Json;
using PilotEval.Integrity;
using PilotEval.Pipeline;
using PilotEval.Tests.Support;

namespace PilotEval.Tests.Integrity;

/// <summary>
/// A competitor's text pasted in beside one's own: Jaccard similarity stays low (the union grows), containment does
/// not. Both submissions are flagged <c>text-reuse</c>, naming each other, the direction and the share.
/// </summary>
public sealed class TextReuseTests
{
    // The competitor's application: twelve sentences of its own (the store's tests compare the same texts).
    internal static readonly string[] Original =
    [
        "项目围绕电信运营商计费系统和用户信令平台构建了数据安全风险评估模型，覆盖数据收集、存储、使用、加工、传输、提供、公开七个环节。",
        "评估团队梳理出重要数据目录十二类、核心数据两类，并为每一类数据确定了保护要求和责任部门。",
        "平台对接了六十余个业务系统的接口日志，通过流量镜像和探针实时发现敏感数据的越权访问和异常导出。",
        "针对接口滥用场景，项目建立了基于访问频次、数据量和时间窗口的三维基线，告警准确率由百分之六十二提升到百分之九十一。",
        "风险评估报告按照工业和信息化领域数据安全风险评估实施细则编制，经第三方机构复核后报送主管部门。",
        "项目实施以来累计开展专项评估四十七次，发现高风险问题一百二十六项，已全部完成整改并通过复核。",
        "评估过程中形成的检查清单、评估模板和整改跟踪表已在集团内二十一家省级公司推广使用。",
        "团队编写的电信行业数据安全风险评估指南已被行业协会采纳为团体标准草案，正在公开征求意见。",
        "项目还建立了数据出境安全评估的前置审查机制，对跨境传输的业务场景逐一登记并开展影响分析。",
        "每季度组织一次数据安全应急演练，演练场景包括数据泄露、勒索加密和内部人员违规查询。",
        "平台采用国产密码算法对敏感字段加密存储，密钥由独立的密钥管理系统统一管理并定期轮换。",
        "通过项目建设，企业数据安全管理制度由十一项增加到二十九项，形成了覆盖全生命周期的制度体系。",
    ];

    // The copier's own text: as long again, on other matters.
    internal static readonly string[] Own =
    [
        "我公司成立于二〇一六年，专注于工业互联网平台的数据治理和安全运营服务，现有员工三百余人。",
        "公司在天津、石家庄设有研发中心，服务客户覆盖制造、能源和交通三个行业。",
        "本项目面向工业企业的设备数据采集场景，研发了边缘侧数据分级标识网关。",
        "网关支持二十余种工业协议的解析，能够在采集端完成数据资产的自动识别和打标。",
        "项目与两所高校共建联合实验室，共同培养数据安全方向的研究生十八名。",
        "公司参与编制了两项地方标准，内容涉及工业数据分类分级和安全防护基本要求。",
        "网关已在四十三家制造企业部署，接入设备一万二千余台，运行稳定。",
        "项目获得发明专利三项、软件著作权九项，形成了自主可控的产品体系。",
        "公司建立了七乘二十四小时的安全运营中心，为客户提供持续监测和响应服务。",
        "下一步公司将继续扩大网关在能源和交通行业的应用，推动形成行业解决方案。",
        "公司通过了信息安全管理体系认证和数据安全能力成熟度三级评估。",
        "项目累计为客户减少数据安全事件处置时间约百分之四十，客户满意度保持在九成以上。",
    ];

    [Fact]
    public async Task Pasted_in_text_beside_ones_own_is_flagged_both_ways_with_direction_share_and_passages()
    {
        using var dir = new TempDirectory();
        var submissions = Directory.CreateDirectory(dir.File("in")).FullName;
        new ApplicationFixture("原创", "风险评估").Paragraphs(Original).Save(Path.Combine(submissions, "original.docx"));
        new ApplicationFixture("拼接", "风险评估").Paragraphs(Own).Paragraphs(Original[..9]).Save(Path.Combine(submissions, "copier.docx"));
        new ApplicationFixture("无关", "风险评估").Paragraphs(
            "公司在北京设有总部，负责全国业务的统筹管理。", "项目面向政务数据共享场景，建设了统一的数据交换平台。",
            "平台累计完成数据交换三十亿条，服务委办局四十二个。", "平台采用隐私计算技术实现数据可用不可见。",
            "项目形成的接口规范已在全市推广。", "团队共有数据安全工程师四十名。",
            "平台上线后，各部门申请数据的平均办理时间由十五个工作日缩短到三个工作日。", "项目建立了数据共享的授权审批和日志审计机制，所有调用均可追溯。",
            "平台通过了网络安全等级保护三级测评，并定期开展渗透测试。", "项目成果入选了全国数据要素流通的优秀案例。").Save(Path.Combine(submissions, "unrelated.docx"));
        var output = dir.File("out");

        using var provider = TestHost.Create();
        var result = await provider.Mediator().Send(new EvaluateSubmissions.Command(submissions, RepoPaths.Rubrics, output));

        var copier = result.Run.Assessments.Single(a => a.Source == "copier.docx");
        var original = result.Run.Assessments.Single(a => a.Source == "original.docx");
        // Jaccard stays under the near-duplicate threshold: this is the case the old check missed.
        Assert.True(copier.Integrity.Signature.Similarity(original.Integrity.Signature) < 0.6);
        Assert.DoesNotContain(copier.Flags, f => f.Code == "near-duplicate");

        var copierFlag = Assert.Single(copier.Flags, f => f.Code == "text-reuse");
        Assert.Contains("original.docx", copierFlag.Detail);
        Assert.Contains("出现在本申报中", copierFlag.Detail);
        var originalFlag = Assert.Single(original.Flags, f => f.Code == "text-reuse");
        Assert.Contains("copier.docx", originalFlag.Detail);

        var finding = Assert.Single(copier.TextReuse);
        Assert.True(finding.Contains);
        Assert.InRange(finding.OtherFoundHere, 0.6, 0.85);   // nine of twelve sentences
        Assert.InRange(finding.ThisFoundThere, 0.35, 0.65);  // about half of the copier's own text
        Assert.NotEmpty(finding.Passages);
        Assert.All(finding.Passages, p => Assert.Contains(p.Text, Original));
        Assert.All(finding.Passages, p => Assert.Equal(p.Text, p.ReusedAs));

        Assert.DoesNotContain(result.Run.Assessments.Single(a => a.Source == "unrelated.docx").Flags, f => f.Code == "text-reuse");

        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(output, "results.json")));
        var reuse = json.RootElement.GetProperty("submissions").EnumerateArray()
            .Single(s => s.GetProperty("source").GetString() == "copier.docx").GetProperty("textReuse")[0];
        Assert.Equal("original.docx", reuse.GetProperty("other").GetString());
        Assert.True(reuse.GetProperty("passages")[0].GetProperty("other").GetProperty("paragraph").GetInt32() > 0);

        var html = await File.ReadAllTextAsync(Path.Combine(output, "report.html"));
        Assert.True(html.IndexOf("id=\"integrity\"", StringComparison.Ordinal) < html.IndexOf("class=\"track\"", StringComparison.Ordinal));
        Assert.Contains("重合段落对照", html);
        Assert.Contains("大段文字与他人申报重合", html);
    }

    [Fact]
    public void One_finding_reads_as_it_always_did_and_many_name_the_largest_shares_then_count_the_rest()
    {
        static TextReuseFinding Finding(string other, double here, double there) => new(other, here, there, []);

        Assert.Equal("a.docx 中有大段文字与 b.docx 相同：b.docx 约 70% 的文字出现在本申报中（约占本申报的 40%）",
            TextReuseIndex.Flag("a.docx", Finding("b.docx", 0.7, 0.4)).Detail);
        Assert.Equal("a.docx 约 45% 的文字出现在 b.docx 中（约占 b.docx 的 30%）",
            TextReuseIndex.Flag("a.docx", Finding("b.docx", 0.3, 0.45)).Detail);

        var flag = TextReuseIndex.Flag("a.docx",
            [Finding("e.docx", 0.5, 0.2), Finding("b.docx", 0.41, 0.3), Finding("c.docx", 0.9, 0.5), Finding("d.docx", 0.3, 0.8), Finding("f.docx", 0.45, 0.1)]);

        Assert.Equal("text-reuse", flag.Code);
        Assert.Equal(
            "a.docx 中有大段文字与 c.docx 相同：c.docx 约 90% 的文字出现在本申报中（约占本申报的 50%）；" +
            "a.docx 约 80% 的文字出现在 d.docx 中（约占 d.docx 的 30%）；" +
            "a.docx 中有大段文字与 e.docx 相同：e.docx 约 50% 的文字出现在本申报中（约占本申报的 20%）；" +
            "等另 2 份申报与本申报有大段文字重合",
            flag.Detail);
    }

    [Theory]
    [InlineData(0.5, 1000, 1000, 0.667)]
    [InlineData(1.0, 500, 500, 1.0)]
    [InlineData(0.0, 500, 500, 0.0)]
    public void Containment_is_estimated_from_jaccard_and_the_two_sizes(double jaccard, int x, int y, double expected)
    {
        Assert.Equal(expected, TextReuseIndex.EstimatedContainment(jaccard, x, y), 3);
    }
}
