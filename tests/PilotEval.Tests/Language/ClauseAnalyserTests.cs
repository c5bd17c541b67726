using PilotEval.Evidence;
using PilotEval.Language;
using PilotEval.Tests.Support;

namespace PilotEval.Tests.Language;

/// <summary>The clause analyser on the sentences the eligibility issue quotes, with the repository's lexicon.</summary>
public sealed class ClauseAnalyserTests
{
    private static readonly ClauseAnalyser Analyser = new(TestHost.RepoRubrics().Lexicon, referenceYear: 2025);

    /// <summary>The clause holding <paramref name="word"/> and the word's offset in it.</summary>
    private static (Clause Clause, int At) At(string sentence, string word)
    {
        var clause = Analyser.Analyse(sentence).Single(c => c.Text.Contains(word, StringComparison.Ordinal));
        return (clause, clause.Text.IndexOf(word, StringComparison.Ordinal));
    }

    [Fact]
    public void Clauses_split_at_commas_and_colons_but_not_inside_numbers_or_lists()
    {
        var clauses = Sentences.Clauses("工具于2023年投入使用，截至2024年底已累计检测APP约1,300款次。").ToList();

        Assert.Equal(["工具于2023年投入使用", "截至2024年底已累计检测APP约1,300款次"], clauses.Select(c => c.Text));
        Assert.Equal(0, clauses[0].Start);
        Assert.Equal("工具于2023年投入使用，".Length, clauses[1].Start);
        Assert.Single(Sentences.Clauses("未发生数据泄露、篡改、丢失等事件。"));
    }

    [Fact]
    public void A_negator_governs_its_predicate_across_an_insert()
    {
        const string sentence = "本单位承诺申报材料真实有效，近三年未发生重大数据安全事件，未因数据安全问题受到行政处罚。";

        var (incident, incidentAt) = At(sentence, "事件");
        var (penalty, penaltyAt) = At(sentence, "行政处罚");

        Assert.True(incident.IsNegatedAt(incidentAt));
        Assert.True(penalty.IsNegatedAt(penaltyAt));
        Assert.Equal("未", penalty.NegatorOf(penaltyAt)!.Word);
        Assert.All(Analyser.Analyse(sentence), c => Assert.Equal(Subject.Applicant, c.Topic));
    }

    [Theory]
    [InlineData("我单位暂无法就近三年数据安全事件情况作出承诺。", "承诺")]
    [InlineData("无论是否发生重大数据安全事件，均按规定报告。", "发生")]
    [InlineData("平台不断完善，持续上线新功能。", "上线")]
    [InlineData("无需人工干预即可上线运行。", "上线")]
    [InlineData("不仅上线了检测工具，还建立了应急机制。", "上线")]
    [InlineData("未来三年将扩大覆盖范围。", "扩大")]
    [InlineData("申报单位注册于浙江省杭州市，不过已于2022年取得北京市通信管理局核发的ICP许可证。", "取得")]
    public void Words_that_only_look_negative_negate_nothing(string sentence, string predicate)
    {
        var (clause, at) = At(sentence, predicate);

        Assert.False(clause.IsNegatedAt(at));
    }

    [Fact]
    public void Inability_is_a_modality_not_a_negation()
    {
        var (clause, at) = At("我单位暂无法就近三年数据安全事件情况作出承诺。", "承诺");

        Assert.Equal(Modality.Inability, clause.ModalityAt(at));
        Assert.Empty(clause.Negators);
    }

    [Theory]
    [InlineData("公司将在后续建设中逐步完善。", "建设中", Modality.Plan)]
    [InlineData("平台计划于2026年正式上线。", "上线", Modality.Plan)]
    [InlineData("预计明年投入使用。", "投入使用", Modality.Plan)]
    [InlineData("力争年内通过验收。", "验收", Modality.Goal)]
    [InlineData("确保不发生重大数据安全事件。", "发生", Modality.Guarantee)]
    [InlineData("项目已按计划于2023年6月通过验收并投入使用。", "投入使用", Modality.Fact)]
    [InlineData("通过模拟攻击验证平台防护能力。", "验证", Modality.Fact)]
    public void Plans_goals_and_guarantees_are_not_facts(string sentence, string predicate, Modality expected)
    {
        var (clause, at) = At(sentence, predicate);

        Assert.Equal(expected, clause.ModalityAt(at));
    }

    [Fact]
    public void A_plan_carries_on_into_later_clauses_until_one_states_a_fact_of_its_own()
    {
        var clauses = Analyser.Analyse("二期计划扩容，并接入更多单位，一期已于2023年上线运行。");

        Assert.Equal([Modality.Plan, Modality.Plan, Modality.Fact], clauses.Select(c => c.Modality));
        Assert.Equal(Tense.Past, clauses[2].Tense);
    }

    [Theory]
    [InlineData("工具于2023年投入使用，截至2024年底已累计检测APP约1,300款次。", "投入使用", Tense.Past)]
    [InlineData("平台自2022年上线以来运行稳定。", "上线", Tense.Past)]
    [InlineData("目前系统运行良好。", "运行", Tense.Ongoing)]
    [InlineData("系统于2027年上线。", "上线", Tense.Future)]
    [InlineData("系统于二〇二三年上线。", "上线", Tense.Past)]
    [InlineData("预计2025年投入运行。", "投入运行", Tense.Future)]
    [InlineData("系统上线运行。", "上线", Tense.Unstated)]
    public void Time_is_read_from_markers_and_dates(string sentence, string predicate, Tense expected) =>
        Assert.Equal(expected, At(sentence, predicate).Clause.Tense);

    [Theory]
    [InlineData("协助客户处置重大数据安全事件12起。", "事件", Subject.Customer)]
    [InlineData("部署企业中未再发生同类数据安全事件。", "事件", Subject.Customer)]
    [InlineData("本单位近三年未发生重大数据安全事件。", "事件", Subject.Applicant)]
    [InlineData("发生重大数据安全事件一起。", "事件", Subject.Applicant)]
    public void The_subject_says_whose_business_it_is(string sentence, string predicate, Subject expected)
    {
        var (clause, at) = At(sentence, predicate);

        Assert.Equal(expected, clause.SubjectAt(at));
    }

    [Fact]
    public void A_clause_without_a_subject_inherits_the_topic_of_the_one_before()
    {
        var clauses = Analyser.Analyse("客户单位近三年，均未发生较大及以上数据安全事件。");

        Assert.Equal(Subject.Customer, clauses[1].Topic);
    }

    [Theory]
    [InlineData("我单位已为注册在北京的200余家企业提供评估服务。", "注册")]
    [InlineData("平台已帮助200余家企业避免因数据泄露受到行政处罚。", "处罚")]
    [InlineData("我们协助客户处置重大数据安全事件12起。", "事件")]
    public void What_is_done_for_others_is_theirs_even_when_the_applicant_is_named(string sentence, string predicate)
    {
        var (clause, at) = At(sentence, predicate);

        Assert.Equal(Subject.Customer, clause.SubjectAt(at));
        Assert.Equal(Subject.Applicant, clause.Topic);
    }

    [Theory]
    [InlineData("平台于2024年10月上线。", true)]
    [InlineData("本项目于2024年8月完成上线。", false)]
    [InlineData("２０２４年１２月系统投入运行。", true)]
    public void A_date_after_the_reference_day_is_future(string sentence, bool future)
    {
        var analyser = new ClauseAnalyser(TestHost.RepoRubrics().Lexicon, new DateOnly(2024, 9, 1));

        var clause = analyser.Analyse(sentence).Single();

        Assert.Equal(future, clause.HasFutureDate);
        Assert.Equal(future ? Tense.Future : Tense.Past, clause.Tense);
    }

    [Fact]
    public void Partial_negation_words_are_found_longest_first()
    {
        var (clause, at) = At("近三年均未发生较大及以上数据安全事件。", "事件");

        Assert.Equal("均未", clause.NegatorOf(at)!.Word);
    }

    [Theory]
    [InlineData("发生较大及以上数据安全事件时，本单位将在1小时内报告。", "事件", Modality.Condition)]
    [InlineData("一旦出现数据泄露，立即启动预案。", "泄露", Modality.Condition)]
    [InlineData("2023年3月发生较大事件后，公司完成了整改。", "事件", Modality.Fact)]
    [InlineData("业务中断约10小时，已恢复。", "中断", Modality.Fact)]
    public void A_condition_is_not_a_report_unless_it_is_dated_in_the_past(string sentence, string word, Modality expected)
    {
        var (clause, at) = At(sentence, word);

        Assert.Equal(expected, clause.ModalityAt(at + word.Length));
    }

    [Fact]
    public void A_clause_without_a_time_of_its_own_takes_the_time_of_the_clause_before()
    {
        var analyser = new ClauseAnalyser(TestHost.RepoRubrics().Lexicon, new DateOnly(2024, 9, 1));

        var past = analyser.Analyse("二〇二二年十二月，监测平台正式投入生产运行。");
        var future = analyser.Analyse("2024年第四季度，平台正式上线。");

        Assert.Equal(Tense.Past, past[1].Tense);
        Assert.True(future[1].HasFutureDate);
        Assert.Equal(Tense.Future, future[1].Tense);
    }

    [Theory]
    [InlineData("并非没有发生过数据安全事件。", "事件", false)]
    [InlineData("发生过未授权访问事件。", "事件", false)]
    [InlineData("没有发生过数据安全事件。", "事件", true)]
    public void A_double_negation_affirms(string sentence, string word, bool negated)
    {
        var (clause, at) = At(sentence, word);

        Assert.Equal(negated, clause.IsNegatedAt(at));
    }

    [Theory]
    [InlineData("我单位勾选了“是”", true)]
    [InlineData("该栏填写“否”", false)]
    [InlineData("☑否", false)]
    [InlineData("我单位已完成整改", null)]
    public void A_form_answer_is_read_after_the_verb_that_gave_it(string cell, bool? expected) =>
        Assert.Equal(expected, Analyser.Answer(cell));

    [Fact]
    public void A_dash_before_a_short_answer_is_a_table_colon()
    {
        var clauses = Analyser.Analyse("较大数据安全事件——无；数据安全行政处罚——无。");

        Assert.True(clauses[0].IsLabel);
        Assert.Equal("较大数据安全事件", clauses[0].Text);
        // A dash before a label of its own is no answer.
        Assert.Equal(["申报单位基本信息——单位名称", "某某公司"], Analyser.Analyse("申报单位基本信息——单位名称：某某公司").Select(c => c.Text));
    }

    [Theory]
    [InlineData("本单位不符合“近三年未发生重大数据安全事件”的条件。", "“近三年未发生重大数据安全事件”的")]
    [InlineData("平台目前不具备对外提供服务的条件。", "对外提供服务的")]
    [InlineData("本单位符合申报条件。", null)]
    [InlineData("该说法不符合事实。", null)]
    public void An_unmet_condition_is_the_span_before_its_condition_noun(string sentence, string? condition)
    {
        var clause = Analyser.Analyse(sentence)[0];

        Assert.Equal(condition, Analyser.Unmet(clause.Text) is { } span ? clause.Text[span.Start..span.End] : null);
    }

    [Fact]
    public void A_wide_space_before_a_yes_or_no_is_a_table_colon()
    {
        var clauses = Analyser.Analyse("较大及以上数据安全事件\u3000无；数据安全行政处罚\u3000\u3000无；级别\u3000重大　处置：已恢复");

        Assert.True(clauses[0].IsLabel);
        Assert.Equal("较大及以上数据安全事件", clauses[0].Text);
        // Before a word that is no answer, the space separates columns and stays.
        Assert.Contains(clauses, c => c.Text.Contains("级别\u3000重大", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("生产环境部署预计于今年9月完成", true)]
    [InlineData("系统计划于今年秋季上线", true)]
    [InlineData("系统已于今年3月上线", false)]
    [InlineData("系统于去年年底上线", false)]
    public void A_date_named_from_the_reference_date_is_placed_by_it(string sentence, bool future)
    {
        var analyser = new ClauseAnalyser(TestHost.RepoRubrics().Lexicon, new DateOnly(2026, 6, 30));

        var clause = analyser.Analyse(sentence)[0];

        Assert.Equal(future, clause.HasFutureDate);
        Assert.NotEmpty(clause.Years);
        // 「今年」 alone names no time before or after the reference date.
        Assert.Empty(analyser.Analyse("今年公司继续加大投入")[0].Years);
    }

    [Fact]
    public void A_marker_of_manner_goes_on_with_the_plan_before_it()
    {
        var clauses = Analyser.Analyse("公司将在后续建设中逐步完善平台功能，持续提升数据识别准确率。");

        Assert.Equal(Modality.Plan, clauses[1].Modality);
        // Alone it states the present.
        Assert.Equal(Tense.Ongoing, Analyser.Analyse("平台持续提升数据识别准确率。")[0].Tense);
    }

    [Fact]
    public void A_frame_of_customers_makes_them_what_the_clauses_after_speak_of()
    {
        var clauses = Analyser.Analyse("平台部署企业中，2025年未再发生重大数据泄露事件。");

        Assert.Equal(Subject.Customer, clauses[1].Topic);
    }

    [Fact]
    public void A_clause_that_is_only_a_noun_phrase_whose_head_is_others_makes_them_what_the_clauses_after_speak_of()
    {
        var clauses = Analyser.Analyse("本项目监测范围内的三十余家企业，2025年共发生较大数据安全事件二起。");

        Assert.Equal(Subject.Customer, clauses[1].Topic);
        // A copula says what the applicant is: 「申报主体为…的母公司」 names no one else.
        Assert.NotEqual(Subject.Customer, Analyser.Analyse("我单位系某集团在北京设立的分公司，近三年未发生重大数据安全事件。")[1].Topic);
    }

    [Fact]
    public void A_label_spaced_out_letter_by_letter_reads_as_its_words()
    {
        var clauses = Analyser.Analyse("近 三 年 数 据 安 全 事 件 及 处 罚 情 况：未发生、未受处罚");

        Assert.Equal("近三年数据安全事件及处罚情况", clauses[0].Text);
        Assert.True(clauses[0].IsLabel);
        Assert.False(Analyser.Answer(clauses[1].Text));
        // A clause that goes on after the answer's words is no answer.
        Assert.Null(Analyser.Answer("未发生其他数据安全事件"));
    }

    [Fact]
    public void A_short_label_spaced_with_wide_spaces_before_its_colon_reads_as_its_word()
    {
        var clauses = Analyser.Analyse("住　　所：北京市西城区金融大街7号");

        Assert.Equal("住所", clauses[0].Text.Trim());
        Assert.True(clauses[0].IsLabel);
        // Wide spaces between the cells of a row are no label's spacing: nothing before a colon, nothing joined.
        Assert.Equal("北京　海淀", Analyser.Analyse("北京　海淀")[0].Text);
    }

    [Fact]
    public void A_bar_is_a_table_cell_border()
    {
        Assert.Equal(["运行状态", "已上线（2024-09）", "用户数", "1.2万"], Sentences.Clauses("运行状态：已上线（2024-09）｜用户数：1.2万").Select(c => c.Text));
    }

    [Fact]
    public void A_contrast_answering_a_concession_speaks_of_what_the_concession_spoke_of()
    {
        var clauses = Analyser.Analyse("虽然我公司员工全部在北京办公，客户也以北京市各委办局为主，但营业执照登记的住所为天津市武清区。");

        Assert.Equal(Subject.Customer, clauses[1].Topic);
        Assert.Equal(Subject.Applicant, clauses[2].Topic);
    }

    [Fact]
    public void The_same_year_named_again_dates_its_clause()
    {
        var clauses = Analyser.Analyse("2024年9月完成全部开发与联调，同年11月通过验收后正式上线，次年3月扩容。");

        Assert.Equal(2024, Assert.Single(clauses[1].Years));
        Assert.Equal(2025, Assert.Single(clauses[2].Years));
    }

    [Fact]
    public void A_requirement_does_not_carry_into_a_clause_opening_with_the_applicant()
    {
        var clauses = Analyser.Analyse("申报通知要求申报单位须为北京注册企业，本单位符合该条件，注册地位于北京市朝阳区。");

        Assert.Equal(Modality.Requirement, clauses[0].Modality);
        Assert.Equal(Modality.Fact, clauses[1].Modality);
        Assert.Equal(Modality.Fact, clauses[2].Modality);
    }
}
