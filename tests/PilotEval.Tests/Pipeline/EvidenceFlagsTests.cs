using System.Text.Json;
using PilotEval.Pipeline;
using PilotEval.Tests.Support;

namespace PilotEval.Tests.Pipeline;

/// <summary>The flags ExtractEvidence raises on a whole application, through the real pipeline and into results.json.</summary>
public sealed class EvidenceFlagsTests
{
    [Fact]
    public async Task A_bad_credit_code_a_contradicted_cover_and_missing_sections_are_flagged_with_where_and_why()
    {
        using var submissions = new TempDirectory();
        using var output = new TempDirectory();
        new DocxFixture().NumericHeadingStyles()
            .Table(["项 目 名 称", "可信数据空间建设项目"], ["申报单位", "北京数通科技有限公司"], ["申报方向", "人才培养"],
                   ["统一社会信用代码", "91350100M000100Y44"], ["联 系 人", "王明"], ["申报日期", "2024年8月26日"])
            .Heading("1", "一、申报单位基本情况")
            .Paragraph("公司注册地：北京市海淀区中关村大街1号。本单位近三年未发生较大及以上数据安全事件。")
            .Paragraph("三、技术方案")
            .Paragraph("平台基于可信数据空间架构，采用隐私计算和联邦学习实现数据可用不可见。")
            .Paragraph("通过使用控制策略和区块链存证实现数据流通全程可追溯，授权链条完整。")
            .Paragraph("接入数据依据GB/T 43697-2024分类分级，个人信息经去标识化处理后参与计算。")
            .Paragraph("（一）运营成效")
            .Paragraph("平台已于2023年上线运行，已接入数据提供方和使用方86家，累计调用1.5亿次，撮合数据产品交易额3.2亿元，上架数据产品126个。")
            .Paragraph("平台通过中国信通院隐私计算性能评测，单次联合建模时延低于200毫秒。")
            .Paragraph("模式已在金融、医疗、交通3个行业复制推广，公司牵头制定团体标准2项。")
            .Save(submissions.File("mixed.docx"));

        using var provider = TestHost.Create();
        var result = await provider.Mediator().Send(new EvaluateSubmissions.Command(submissions.Path, RepoPaths.Rubrics, output.Path));

        var a = Assert.Single(result.Run.Full());
        var credit = Assert.Single(a.Flags, f => f.Code == "invalid-credit-code");
        Assert.Contains("校验位应为“3”", credit.Detail);
        Assert.Equal(4, credit.Location!.Paragraph);
        var mismatch = Assert.Single(a.Flags, f => f.Code == "track-mismatch");
        Assert.Contains("数据要素安全流通", mismatch.Detail);
        Assert.Equal(3, mismatch.Location!.Paragraph);
        // 「（一）运营成效」 names the results (any heading with 成效), so that section is there.
        Assert.Equal(["项目概述", "推广价值", "承诺与推荐意见"],
            a.Flags.Where(f => f.Code == "missing-section").Select(f => f.Detail[3..^3]));
        Assert.Equal("talent", a.Track!.Track);

        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(output.Path, "results.json")));
        var submission = json.RootElement.GetProperty("submissions")[0];
        Assert.Equal("data-element-flow", submission.GetProperty("contentTrack").GetString());
        Assert.False(submission.GetProperty("cover").GetProperty("creditCodeValid").GetBoolean());
        Assert.Equal("2024-08-26", submission.GetProperty("cover").GetProperty("date").GetString());
        Assert.Equal("王明", submission.GetProperty("cover").GetProperty("contact").GetString());
        var eligibility = submission.GetProperty("eligibility").EnumerateArray().Single(e => e.GetProperty("check").GetString() == "no-major-incident");
        Assert.Equal("一、申报单位基本情况", eligibility.GetProperty("evidence").GetProperty("section").GetString());
    }
}
