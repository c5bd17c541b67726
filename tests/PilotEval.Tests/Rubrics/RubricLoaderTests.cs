using PilotEval.Rubrics;
using PilotEval.Tests.Support;

namespace PilotEval.Tests.Rubrics;

public sealed class RubricLoaderTests
{
    private const string Valid = """
        track: talent
        name: 人才培养
        levels: { A: 0.95, B: 0.8, C: 0.55, D: 0.2 }
        criteria:
          - id: scale
            name: 规模
            weight: 60
            thresholds: { A: 3, B: 2, C: 1 }
            signals:
              - id: sessions
                description: 培训人次
                keywords: [培训]
                quantity: { units: [人次], min: 1000 }
          - id: system
            name: 体系
            weight: 40
            thresholds: { A: 3, B: 2, C: 1 }
            signals:
              - id: courses
                description: 课程
                keywords: [课程]
        """;

    private static Rubric Parse(string yaml) => RubricLoader.ParseRubric("talent.yaml", System.Text.Encoding.UTF8.GetBytes(yaml));

    [Fact]
    public void The_repository_rubrics_load_one_per_track_with_weights_of_100()
    {
        var set = TestHost.RepoRubrics();

        Assert.Equal(["data-element-flow", "incident-handling", "risk-assessment", "talent", "technology-application"],
            set.Rubrics.Select(r => r.Track).Order());
        Assert.All(set.Rubrics, r => Assert.Equal(100, r.Criteria.Sum(c => c.Weight)));
        Assert.Equal(["registered-in-beijing", "no-major-incident", "in-operation"], set.Eligibility.Checks.Select(c => c.Id));
    }

    [Fact]
    public void A_valid_rubric_parses_with_its_hash()
    {
        var rubric = Parse(Valid);

        Assert.Equal(2, rubric.Criteria.Length);
        Assert.Equal(1000, rubric.Criteria[0].Signals[0].Quantity!.Min);
        Assert.Equal(64, rubric.Sha256.Length);
    }

    [Fact]
    public void Weights_not_summing_to_100_are_reported_with_the_line_of_the_criteria()
    {
        var ex = Assert.Throws<RubricFileException>(() => Parse(Valid.Replace("weight: 40", "weight: 30")));

        Assert.Equal(5, ex.Line);
        Assert.Contains("sum to 90", ex.Message);
        Assert.StartsWith("talent.yaml:5:", ex.Message);
    }

    [Fact]
    public void Duplicate_criterion_ids_are_reported_with_their_line()
    {
        var ex = Assert.Throws<RubricFileException>(() => Parse(Valid.Replace("id: system", "id: scale")));

        Assert.Equal(14, ex.Line);
        Assert.Contains("duplicate criterion id 'scale'", ex.Message);
    }

    [Fact]
    public void Unknown_levels_are_reported_with_their_line()
    {
        var ex = Assert.Throws<RubricFileException>(() => Parse(Valid.Replace("thresholds: { A: 3, B: 2, C: 1 }\n    signals:\n      - id: courses",
            "thresholds: { A: 3, E: 2, C: 1 }\n    signals:\n      - id: courses")));

        Assert.Equal(17, ex.Line);
        Assert.Contains("unknown level 'E'", ex.Message);
    }

    [Fact]
    public void Regexes_that_do_not_compile_are_reported_with_their_line()
    {
        var ex = Assert.Throws<RubricFileException>(() => Parse(Valid.Replace("keywords: [课程]", "pattern: '课程(体系'")));

        Assert.Equal(21, ex.Line);
        Assert.Contains("not a valid regular expression", ex.Message);
    }

    [Fact]
    public void Broken_yaml_is_reported_with_its_line()
    {
        var ex = Assert.Throws<RubricFileException>(() => Parse("track: talent\nname: [unclosed\nlevels: x\n"));

        Assert.InRange(ex.Line, 2, 4);
        Assert.Contains("not valid YAML", ex.Message);
    }

    [Fact]
    public void Unknown_units_are_refused()
    {
        var ex = Assert.Throws<RubricFileException>(() => Parse(Valid.Replace("units: [人次]", "units: [斤]")));

        Assert.Contains("unknown unit '斤'", ex.Message);
    }

    [Fact]
    public void Duplicate_signal_ids_are_reported_with_their_line()
    {
        var ex = Assert.Throws<RubricFileException>(() => Parse(Valid.Replace("- id: courses", "- id: courses\n        description: 课程\n        keywords: [课程]\n      - id: courses")));

        Assert.Equal(22, ex.Line);
        Assert.Contains("duplicate signal id 'courses'", ex.Message);
    }

    [Fact]
    public void Unknown_levels_in_the_level_descriptors_are_reported_with_their_line()
    {
        var yaml = Valid.Replace("    weight: 40\n", "    weight: 40\n    descriptors: { A: 好, B: 较好, C: 一般, F: 差 }\n");

        var ex = Assert.Throws<RubricFileException>(() => Parse(yaml));

        Assert.Equal(17, ex.Line);
        Assert.Contains("unknown level 'F'", ex.Message);
    }

    [Fact]
    public void A_level_without_a_descriptor_is_reported()
    {
        var ex = Assert.Throws<RubricFileException>(() => Parse(Valid.Replace("    weight: 40\n", "    weight: 40\n    descriptors:\n      A: 好\n      B: 较好\n      C: 一般\n")));

        Assert.Equal(18, ex.Line);
        Assert.Contains("do not describe level D", ex.Message);
    }

    [Fact]
    public void A_misspelt_key_is_reported_with_its_line_rather_than_ignored()
    {
        var ex = Assert.Throws<RubricFileException>(() => Parse(Valid.Replace("    weight: 40", "    weigth: 40")));

        Assert.Equal(16, ex.Line);
        Assert.Contains("unknown key 'weigth'", ex.Message);
    }

    [Fact]
    public void A_key_written_twice_is_reported_with_its_line()
    {
        var ex = Assert.Throws<RubricFileException>(() => Parse(Valid.Replace("    weight: 40", "    weight: 40\n    weight: 40")));

        Assert.Equal(17, ex.Line);
        Assert.Contains("not valid YAML", ex.Message);
    }

    [Fact]
    public void Regexes_in_negative_signals_are_checked_with_their_line()
    {
        var yaml = Valid.Replace("criteria:", "negativeSignals:\n  share: 0.5\n  plan: '拟|(计划'\ncriteria:");

        var ex = Assert.Throws<RubricFileException>(() => Parse(yaml));

        Assert.Equal(6, ex.Line);
        Assert.Contains("'plan' is not a valid regular expression", ex.Message);
    }

    [Fact]
    public void Negative_signals_are_read_from_the_rubric_and_a_criterion_may_override_them()
    {
        var yaml = Valid.Replace("criteria:", "negativeSignals:\n  share: 0.5\n  plan: 拟|计划\n  slogan: 全面|显著\ncriteria:")
            .Replace("    weight: 40\n", "    weight: 40\n    negativeSignals: { share: 0.25, plan: 拟 }\n");

        var rubric = Parse(yaml);

        Assert.Equal(0.5, rubric.NegativeSignals.Share);
        Assert.True(rubric.NegativeSignals.IsPlan("计划明年上线"));
        Assert.True(rubric.NegativeSignals.IsSlogan("全面提升防护能力"));
        Assert.False(rubric.NegativeSignals.IsSlogan("防护能力全面提升，拦截率达到99%"));
        Assert.Null(rubric.Criteria[0].NegativeSignals);
        Assert.Equal(0.25, rubric.Criteria[1].NegativeSignals!.Share);
        Assert.Null(rubric.Criteria[1].NegativeSignals!.Slogan);
    }

    [Theory]
    [InlineData("kind: diploma", 20, "unknown signal kind 'diploma'")]
    [InlineData("kind: certification\n        accept: [DSMM 3, CMMI 5]", 21, "unknown certification 'CMMI'")]
    [InlineData("kind: certification\n        accept: [DSMM 三级]", 21, "must be a whole number from 1 to 5")]
    [InlineData("kind: standard\n        accept: [ISO]", 21, "unknown standard series 'ISO'")]
    [InlineData("kind: patent\n        accept: [商标]", 21, "unknown patent type '商标'")]
    [InlineData("kind: patent\n        min: 2.5", 21, "must be a whole number")]
    [InlineData("kind: certification\n        min: 2", 21, "applies to patent or software-copyright")]
    [InlineData("kind: keyword\n        drafted: true", 21, "only applies to certification, standard, patent or software-copyright")]
    public void Credential_signals_are_checked_with_their_line(string kind, int line, string reason)
    {
        var ex = Assert.Throws<RubricFileException>(() => Parse(Valid.Replace("- id: courses\n", $"- id: courses\n        {kind}\n")));

        Assert.Equal(line, ex.Line);
        Assert.Contains(reason, ex.Message);
    }

    [Fact]
    public void Credential_signals_parse_their_kind_and_what_they_accept()
    {
        var rubric = Parse(Valid.Replace("        keywords: [课程]", "        kind: certification\n        accept: [DSMM 3, ISO27001]"));

        var signal = rubric.Criteria[1].Signals[0];
        Assert.Equal(SignalKind.Certification, signal.Kind);
        Assert.Equal([new AcceptedCredential("DSMM", 3), new AcceptedCredential("ISO27001", null)], signal.Credential!.Accept.ToArray());
        Assert.Equal(SignalKind.Quantity, rubric.Criteria[0].Signals[0].Kind);
    }

    private const string Eligibility = """
        checks:
          - id: own-check
            name: 已投入运行
            rule: patterns
            about: 运行
            pass: 已[^。]{0,10}运行
            fail:
              - 在建
              - 尚未(上线
            passReason: 已运行
            failReason: 未运行
            missingReason: 未说明
            ask: 请写明
        """;

    private static PilotEval.Rubrics.EligibilityRules ParseEligibility(string yaml) =>
        RubricLoader.ParseEligibility("eligibility.yaml", System.Text.Encoding.UTF8.GetBytes(yaml));

    [Fact]
    public void Eligibility_regexes_that_do_not_compile_are_reported_with_their_line()
    {
        var ex = Assert.Throws<RubricFileException>(() => ParseEligibility(Eligibility));

        Assert.Equal(9, ex.Line);
        Assert.StartsWith("eligibility.yaml:9:", ex.Message);
        Assert.Contains("'fail' is not a valid regular expression", ex.Message);
    }

    [Fact]
    public void Eligibility_refuses_duplicate_checks_unknown_rules_and_unknown_precedence()
    {
        var fixedYaml = Eligibility.Replace("尚未(上线", "尚未上线");
        Assert.Equal(PilotEval.Rubrics.EligibilityRule.Patterns, ParseEligibility(fixedYaml).Checks.Single().Rule);

        var duplicate = fixedYaml + "\n" + string.Join("\n", fixedYaml.Split('\n').Skip(1));
        var ex = Assert.Throws<RubricFileException>(() => ParseEligibility(duplicate));
        Assert.Equal(14, ex.Line);
        Assert.Contains("duplicate check id 'own-check'", ex.Message);

        ex = Assert.Throws<RubricFileException>(() => ParseEligibility(fixedYaml.Replace("    about: 运行", "    about: 运行\n    precedence: pass-last")));
        Assert.Equal(6, ex.Line);
        Assert.Contains("precedence must be fail-first or pass-first", ex.Message);

        ex = Assert.Throws<RubricFileException>(() => ParseEligibility(fixedYaml.Replace("rule: patterns", "rule: vibes")));
        Assert.Equal(4, ex.Line);
        Assert.Contains("unknown rule 'vibes'", ex.Message);
    }

    [Fact]
    public void A_built_in_rule_names_the_word_list_it_lacks_and_refuses_regexes()
    {
        const string operation = """
            checks:
              - id: in-operation
                name: 已投入运行
                rule: operation
                passReason: 已运行
                failReason: 未运行
                missingReason: 未说明
                ask: 请写明
                words:
                  operation: [上线, 试运营]
            """;

        var ex = Assert.Throws<RubricFileException>(() => ParseEligibility(operation));
        Assert.Equal(2, ex.Line);
        Assert.Contains("needs the word list 'construction'", ex.Message);

        var check = ParseEligibility(operation + "\n      construction: [在建]").Checks.Single();
        Assert.Equal(["上线", "试运营"], check.List("operation").ToArray());

        ex = Assert.Throws<RubricFileException>(() => ParseEligibility(operation + "\n      constructoin: [在建]"));
        Assert.Contains("unknown key 'constructoin'", ex.Message);

        ex = Assert.Throws<RubricFileException>(() => ParseEligibility(operation.Replace("    ask: 请写明", "    ask: 请写明\n    pass: 已运行") + "\n      construction: [在建]"));
        Assert.Contains("'pass' applies to rule 'patterns' only", ex.Message);
    }

    [Fact]
    public void An_alternative_way_to_pass_needs_its_words()
    {
        var yaml = Eligibility.Replace("尚未(上线", "尚未上线").Replace("    about: 运行", "    about: 运行\n    alternativeReason: 试运行满一年");

        var ex = Assert.Throws<RubricFileException>(() => ParseEligibility(yaml));

        Assert.Equal(6, ex.Line);
        Assert.Contains("has 'alternativeReason' but no alternative", ex.Message);
    }

    [Theory]
    [InlineData("公司计划于2025年推出进阶课程。", true)]
    [InlineData("二期平台拟接入更多数据源。", true)]
    [InlineData("下一步将在全国推广该模式。", true)]
    [InlineData("平台预计明年覆盖10个省份。", true)]
    [InlineData("学员在模拟环境中完成攻防演练。", false)]
    [InlineData("年度培训计划覆盖全部岗位。", false)]
    [InlineData("项目已按计划于2023年完成建设。", false)]
    [InlineData("公司已将课程推广至12家单位。", false)]
    public void The_repository_rubrics_tell_plans_from_results(string sentence, bool plan) =>
        Assert.All(TestHost.RepoRubrics().Rubrics, r => Assert.Equal(plan, r.NegativeSignals.IsPlan(sentence)));

    [Theory]
    [InlineData("全面提升数据安全防护能力，达到行业领先水平。", true)]
    [InlineData("防护能力全面提升，拦截率达到99.2%。", false)]
    [InlineData("平台累计拦截异常访问3200次。", false)]
    public void The_repository_rubrics_tell_slogans_from_measured_claims(string sentence, bool slogan) =>
        Assert.All(TestHost.RepoRubrics().Rubrics, r => Assert.Equal(slogan, r.NegativeSignals.IsSlogan(sentence)));
}
