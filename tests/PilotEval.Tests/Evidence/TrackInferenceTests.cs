using PilotEval.Documents;
using PilotEval.Evidence;
using PilotEval.Tests.Support;

namespace PilotEval.Tests.Evidence;

public sealed class TrackInferenceTests
{
    private static readonly PilotEval.Rubrics.RubricSet Rubrics = TestHost.RepoRubrics();

    private static readonly string[] DataSpace =
    [
        "平台基于可信数据空间架构，采用隐私计算和联邦学习实现数据可用不可见。",
        "通过使用控制策略和区块链存证实现数据流通全程可追溯，授权链条完整。",
        "接入数据依据GB/T 43697-2024分类分级，个人信息经去标识化处理后参与计算。",
        "平台已接入数据提供方和使用方86家，累计调用1.5亿次，撮合数据产品交易额3.2亿元，上架数据产品126个。",
        "平台通过中国信通院隐私计算性能评测，单次联合建模时延低于200毫秒。",
        "模式已在金融、医疗、交通3个行业复制推广，公司牵头制定团体标准2项。",
    ];

    private static TrackDecision Decide(string direction, params string[] body)
    {
        var blocks = new List<Block> { new(BlockKind.Paragraph, $"申报方向：{direction}", new SourceLocation("a.docx", null, 1)) };
        blocks.AddRange(body.Select((p, i) => new Block(BlockKind.Paragraph, p, new SourceLocation("a.docx", null, i + 2))));
        var document = new DocumentText("a.docx", "docx", null, [.. blocks], [], []);
        var cover = CoverReader.Read([document]);
        var sentences = Sentences.Of([document]).Where(s => s.Block.Location.Paragraph > 1).ToList();
        return TrackInference.Decide(cover, sentences, Rubrics);
    }

    [Fact]
    public void A_cover_that_contradicts_the_content_is_flagged_as_a_mismatch()
    {
        var decision = Decide("人才培养", DataSpace);

        Assert.Equal(("talent", "cover"), (decision.Track, decision.Source));
        Assert.True(decision.Mismatch);
        Assert.Equal("data-element-flow", decision.ContentTrack);
        Assert.Contains("封面申报方向为“人才培养”，但正文更符合“数据要素安全流通”", decision.MismatchDetail);
    }

    [Fact]
    public void A_cover_that_agrees_with_the_content_is_not_flagged()
    {
        var decision = Decide("数据要素安全流通", DataSpace);

        Assert.False(decision.Mismatch);
        Assert.Equal("data-element-flow", decision.ContentTrack);
        Assert.Null(decision.MismatchDetail);
    }

    [Fact]
    public void Without_a_recognisable_cover_the_track_is_inferred_with_a_confidence()
    {
        var decision = Decide("综合类", DataSpace);

        Assert.Equal(("data-element-flow", "inferred"), (decision.Track, decision.Source));
        Assert.InRange(decision.Confidence!.Value, TrackInference.MinimumConfidence, 1);
        Assert.Contains("无法识别", decision.Detail);
    }

    [Fact]
    public void A_thin_application_is_not_called_a_mismatch()
    {
        var decision = Decide("人才培养", "平台采用隐私计算技术。");

        Assert.False(decision.Mismatch);
    }
}
