using System.Collections.Immutable;
using System.Text.RegularExpressions;
using PilotEval.Documents;
using PilotEval.Evidence;
using PilotEval.Language;
using PilotEval.Publishing;
using PilotEval.Tests.Pipeline;
using PilotEval.Tests.Support;

namespace PilotEval.Tests.Publishing;

/// <summary>
/// The casebook's 主要做法 and 应用成效 come from the application's solution and results sections, never from its
/// company profile or its head count; an application without such a section is told so in its entry.
/// </summary>
public sealed partial class ExemplarCasebookTests(SampleRunFixture run) : IClassFixture<SampleRunFixture>
{
    private static EvidenceLexicon Lexicon => TestHost.RepoRubrics().Lexicon.Evidence;

    private static ResultsDocument.Quote Q(string text, string? section, int paragraph, string counted = "full") =>
        new(text, "a.docx", null, paragraph, "s") { Section = section, Counted = counted };

    private static ResultsDocument.SubmissionResult Submission(IEnumerable<ResultsDocument.Quote> quotes, params string[] missingSections) =>
        new("a.docx", ["a.docx"], "scored", "talent", "cover", "某公司", "某项目", true, [],
            [.. missingSections.Select(name => new ResultsDocument.FlagItem(FlagCodes.MissingSection, $"缺少“{name}”部分", null, null, null))],
            80, 1, 1, [new ResultsDocument.CriterionItem("c", "准则", 100, "A", 95, "", [.. quotes], [])], null, []);

    [Fact]
    public void Practices_and_results_come_from_their_sections_and_not_from_the_company_profile()
    {
        var c = ExemplarCasebook.Select(Submission(
        [
            Q("公司成立于2009年，现有员工320人，年营业收入2.1亿元，服务客户超过500家。", "一、企业概况", 3),
            Q("课程分为基础级、进阶级两个级别，合计三十六门，依据国家职业标准设计。", "三、主要做法 / （一）课程设置", 10),
            Q("项目团队由专职讲师15人、外聘专家6人组成，负责课程开发和授课。", "三、主要做法 / （二）教学组织", 12),
            Q("截至2024年6月，项目累计培训1450人次，学员来自30余家通信和互联网企业。", "五、取得成效", 20),
            Q("下一步计划把培训规模扩大到每年3000人次，覆盖京津冀100家企业。", "五、取得成效", 21, "half: plan"),
        ]), Lexicon);

        Assert.Equal(["课程分为基础级、进阶级两个级别，合计三十六门，依据国家职业标准设计。"], c.Practices.Select(q => q.Quote_));
        Assert.Equal(["截至2024年6月，项目累计培训1450人次，学员来自30余家通信和互联网企业。"], c.Results.Select(q => q.Quote_));
    }

    [Fact]
    public void A_results_sub_heading_inside_the_company_profile_stays_the_company_profile()
    {
        var c = ExemplarCasebook.Select(Submission(
        [
            Q("公司近三年累计服务客户1200家，营业收入年均增长30%。", "一、申报单位基本情况 / （二）主要成效", 4),
            Q("平台由接入连接器、隐私计算层和存证审计层构成，全部组件完成国产化适配。", "四、技术方案", 10),
        ], "应用成效"), Lexicon);

        Assert.Empty(c.Results);
        Assert.Contains("未设“应用成效”部分", c.Gaps[ExemplarCasebook.ResultsPart]);
    }

    [Fact]
    public void An_application_without_a_solution_section_is_told_so_rather_than_given_its_profile()
    {
        var c = ExemplarCasebook.Select(Submission(
        [
            Q("公司是国家高新技术企业，拥有数据安全领域专利12项，技术人员占比70%。", "一、公司基本情况", 3),
            Q("项目投入使用以来累计处置数据安全事件43起，平均处置时间约2小时。", "五、运行成效", 20),
        ], "技术方案/实施方案"), Lexicon);

        Assert.Empty(c.Practices);
        Assert.Equal("申报材料未设“技术方案/实施方案”部分，本项暂缺，请编辑时向申报单位补充。", c.Gaps[ExemplarCasebook.PracticesPart]);
        Assert.Single(c.Results);
    }

    [Fact]
    public void A_section_with_nothing_to_quote_is_told_apart_from_a_missing_one()
    {
        var c = ExemplarCasebook.Select(Submission([Q("平台采用先进的技术架构，能够满足多样化的学习需求。", "三、技术方案/实施方案", 5)]), Lexicon);

        Assert.Equal("申报材料“应用成效”部分未给出可摘录的量化成效。", c.Gaps[ExemplarCasebook.ResultsPart]);
    }

    [Theory]
    [InlineData("项目团队二十二人，包括专职讲师十五人、外聘专家六人。", true)]
    [InlineData("公司现有员工320人，其中研发人员占60%。", true)]
    [InlineData("项目累计培训学员1926人，持证率60.2%。", false)]
    [InlineData("平台服务企业员工超过2万人次。", false)]
    public void A_head_count_of_the_applicants_staff_is_told_from_a_result(string sentence, bool staff) =>
        Assert.Equal(staff, ExemplarCasebook.IsStaffCount(sentence, Lexicon));

    /// <summary>
    /// Over every sample the run scores, the rewrites in other hands with other section titles included: no part of
    /// any case is a company-profile sentence or a staff count, each read by a pattern of this test, not the casebook's.
    /// </summary>
    [SamplesFact]
    public void No_case_of_any_sample_quotes_the_company_profile_or_a_staff_count()
    {
        var results = ReportText.ReadResults(File.ReadAllText(Path.Combine(run.OutputDirectory, "results.json")));
        var scored = results.Submissions.Where(s => !s.Criteria.IsEmpty).ToList();
        Assert.NotEmpty(scored);

        var wrong = new List<string>();
        foreach (var s in scored)
        {
            var c = ExemplarCasebook.Select(s, Lexicon);
            foreach (var q in c.Practices.Concat(c.Results))
            {
                var top = q.Section?.Split(" / ")[0];
                if (top is null || CompanyProfile().IsMatch(top)) wrong.Add($"{s.Source}: from “{top}”: {q.Quote_}");
                if (StaffCount().IsMatch(q.Quote_)) wrong.Add($"{s.Source}: a staff count: {q.Quote_}");
            }
        }
        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
    }

    /// <summary>The rewrites title their sections their own way (主要做法, 取得成效, 关键技术与功能…): each still gets both parts.</summary>
    [SamplesFact]
    public void Every_rewrite_in_another_hand_gets_its_practices_and_results_from_its_own_section_titles()
    {
        var results = ReportText.ReadResults(File.ReadAllText(Path.Combine(run.OutputDirectory, "results.json")));
        var rewrites = results.Submissions.Where(s => s.Source.Contains("-rw-", StringComparison.Ordinal) && !s.Criteria.IsEmpty).ToList();
        Assert.NotEmpty(rewrites);

        foreach (var s in rewrites)
        {
            var c = ExemplarCasebook.Select(s, Lexicon);
            Assert.True(!c.Practices.IsEmpty, $"{s.Source}: no 主要做法 ({c.Gaps.GetValueOrDefault(ExemplarCasebook.PracticesPart)})");
            Assert.True(!c.Results.IsEmpty, $"{s.Source}: no 应用成效 ({c.Gaps.GetValueOrDefault(ExemplarCasebook.ResultsPart)})");
            Assert.DoesNotContain(s.Flags, f => f.Code == FlagCodes.MissingSection && f.Detail.Contains("技术方案", StringComparison.Ordinal));
        }
    }

    // The company profile as applicants title it: 申报单位基本情况, 企业概况, 公司简介, 申报主体情况…
    [GeneratedRegex("(单位|企业|公司|主体)(基本)?(情况|概况|简介)|基本信息")]
    private static partial Regex CompanyProfile();

    // A head count of the applicant's people: 员工320人, 专职讲师十五人, 团队22人.
    [GeneratedRegex("(员工|职工|团队|专职|兼职|讲师|技术人员|研发人员)[^，。；、]{0,8}?[0-9一二三四五六七八九十百千两]+(人|名)(?!次)")]
    private static partial Regex StaffCount();
}
