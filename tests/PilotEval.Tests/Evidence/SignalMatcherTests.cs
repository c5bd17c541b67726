using PilotEval.Documents;
using PilotEval.Evidence;
using PilotEval.Rubrics;
using PilotEval.Scoring;

namespace PilotEval.Tests.Evidence;

/// <summary>What each quote carries for the panel: where it stands, which signal it satisfied, why, and how it counted.</summary>
public sealed class SignalMatcherTests
{
    private const string Rubric = """
        track: talent
        name: 人才培养
        levels: { A: 0.95, B: 0.8, C: 0.55, D: 0.2 }
        negativeSignals:
          share: 0.5
          plan: 拟|计划(于|开展)|将于
          slogan: 全面|显著|领先
        criteria:
          - id: scale
            name: 规模
            weight: 60
            thresholds: { A: 6, B: 4, C: 2 }
            signals:
              - id: sessions
                description: 年培训 1000 人次以上
                points: 3
                keywords: [培训]
                quantity: { units: [人次], min: 1000 }
                lacking: 未给出年度培训人次（1000 人次以上可得满分）
              - id: certified
                kind: certification
                description: DSMM 三级及以上
                points: 2
                accept: [DSMM 3]
                lacking: 未说明数据安全能力成熟度（DSMM）三级及以上评估
              - id: quality
                description: 培训质量
                points: 1
                keywords: [质量]
                lacking: 未说明培训质量
          - id: effect
            name: 成效
            weight: 40
            thresholds: { A: 4, B: 3, C: 1 }
            signals:
              - id: faster
                kind: change
                description: 前后对比
                points: 2
                lacking: 未给出实施前后的对比数据
              - id: patents
                kind: patent
                description: 3 项以上授权发明专利
                points: 2
                accept: [发明专利]
                min: 3
                lacking: 未说明已授权的发明专利数量（3 项以上）
        """;

    private static readonly Rubric Parsed = RubricLoader.ParseRubric("talent.yaml", System.Text.Encoding.UTF8.GetBytes(Rubric));

    private static (CriterionEvidence Evidence, CriterionScore Score) Run(string criterion, params string[] paragraphs)
    {
        var blocks = new List<Block> { new(BlockKind.Heading, "五、应用成效", new SourceLocation("a.docx", null, 1)) { Level = 1 } };
        blocks.AddRange(paragraphs.Select((p, i) => new Block(BlockKind.Paragraph, p, new SourceLocation("a.docx", null, i + 2))));
        var document = new DocumentText("a.docx", "docx", null, [.. blocks], [], []);
        var c = Parsed.Criteria.Single(x => x.Id == criterion);
        var evidence = SignalMatcher.Match(c, [.. Sentences.Of([document])], Parsed.NegativeSignals, SectionMap.Build([document]));
        return (evidence, CriterionScorer.Score(Parsed, c, evidence));
    }

    [Fact]
    public void Each_quote_carries_its_section_signal_kind_and_why_it_counted_in_full()
    {
        var (evidence, _) = Run("scale", "2023年培训3200人次。", "公司2022年通过数据安全能力成熟度三级评估（DSMM三级）。");

        var sessions = Assert.Single(evidence.Signals.Single(s => s.SignalId == "sessions").Items);
        Assert.Equal(("2023年培训3200人次。", 2, "五、应用成效"), (sessions.Quote, sessions.Location.Paragraph, sessions.Section));
        Assert.Equal(("quantity", "full"), (sessions.Kind, sessions.Counted));
        Assert.Equal("含“培训”；“3200人次” ≥ 1000 人次", sessions.Why);

        var certified = evidence.Signals.Single(s => s.SignalId == "certified").Items[0];
        Assert.Equal(("certification", "DSMM 3级"), (certified.Kind, certified.Why));
    }

    [Fact]
    public void Plans_and_slogans_count_half_and_say_so()
    {
        var (evidence, score) = Run("scale", "公司计划于2025年培训1200人次。", "培训质量全面提升。");

        Assert.Equal("half: plan", evidence.Signals.Single(s => s.SignalId == "sessions").Items[0].Counted);
        Assert.Equal("half: slogan", evidence.Signals.Single(s => s.SignalId == "quality").Items[0].Counted);
        Assert.Equal(1.5 + 0.5, score.Points);
        Assert.Contains(score.Lacking, l => l.StartsWith("“年培训 1000 人次以上”只见计划表述", StringComparison.Ordinal));
        Assert.Contains(score.Lacking, l => l.StartsWith("“培训质量”只有定性表述", StringComparison.Ordinal));
    }

    [Fact]
    public void An_achieved_result_outweighs_a_plan_for_the_same_signal()
    {
        var (evidence, score) = Run("scale", "公司计划于2025年培训5000人次。", "2023年培训3200人次。");

        Assert.Equal("full", evidence.Signals.Single().Items[0].Counted);
        Assert.Equal(3, score.Points);
    }

    [Fact]
    public void The_enterprise_learns_what_fell_short_and_how_far_the_next_level_is()
    {
        var (_, score) = Run("scale", "2023年培训600人次，培训质量稳定。", "公司2023年通过数据安全能力成熟度二级评估。");

        Assert.Equal("D", score.Level);
        Assert.Equal(
        [
            "未给出年度培训人次（1000 人次以上可得满分）；申报书写明“600人次”，未达到 1000 人次",
            "未说明数据安全能力成熟度（DSMM）三级及以上评估；申报书写明“DSMM 2级”，未达到要求",
            "本项得分点 1，再补充 1 个得分点的证据可达 C 级",
        ], score.Lacking.ToArray());
    }

    [Fact]
    public void Before_after_pairs_and_granted_patents_are_signals_of_their_own()
    {
        var (evidence, score) = Run("effect",
            "平均处置时间从4小时缩短至35分钟。",
            "项目获得发明专利授权3项、受理5项。");

        Assert.Equal("4小时 → 35分钟（下降 85.4%）", evidence.Signals.Single(s => s.SignalId == "faster").Items[0].Why);
        Assert.Equal("发明专利 3 项（已授权），合计 3 项 ≥ 3 项", evidence.Signals.Single(s => s.SignalId == "patents").Items[0].Why);
        Assert.Equal(("A", 4.0), (score.Level, score.Points));
    }

    [Fact]
    public void Pending_patents_do_not_make_up_a_granted_count()
    {
        var (evidence, score) = Run("effect", "项目获得发明专利授权1项、受理5项。");

        Assert.Empty(evidence.Signals);
        Assert.Contains("未说明已授权的发明专利数量（3 项以上）；申报书写明“发明专利 1 项（已授权）、发明专利 5 项（申请中）”，未达到要求", score.Lacking);
    }

    [Fact]
    public void A_range_counts_by_its_unfavourable_end()
    {
        var (evidence, _) = Run("scale", "每年培训800至1200人次。");

        Assert.Empty(evidence.Signals);
    }

    [Theory]
    [InlineData("实训课时共120课时。", null, true)]
    [InlineData("实训共计40小时。", null, true)]
    [InlineData("公司近三年持续开展实训。", null, false)]   // a span of years is not teaching time
    [InlineData("实训平台平均响应35分钟。", 1.0, true)]     // with a bound, minutes convert to hours
    [InlineData("实训平台平均响应2天。", 1.0, false)]
    public void Units_convert_only_when_the_rule_has_a_bound(string sentence, double? maxHours, bool satisfied)
    {
        var signal = new Signal("practical", "实操课时", 1, ["实训"], null,
            new QuantityRule(maxHours is null ? ["课时", "小时"] : ["小时"], null, maxHours), "未给出实操课时");

        Assert.Equal(satisfied, SignalMatcher.Satisfies(signal, sentence));
    }
}
