using DocumentFormat.OpenXml.Packaging;
using PilotEval.Cli.Commands;
using PilotEval.Cli.Infrastructure;
using PilotEval.Publishing;
using PilotEval.Tests.Support;
using Spectre.Console.Cli;

namespace PilotEval.Tests.Publishing;

/// <summary><c>piloteval publish</c> through the real command table, on the shared fixture run's results.json.</summary>
[Collection(ReportRunCollection.Name)]
public sealed class PublishCommandTests(ReportRunFixture run) : IDisposable
{
    private readonly TempDirectory _out = new();

    public void Dispose() => _out.Dispose();

    private async Task<(int Exit, string Error)> Publish(params string[] args)
    {
        var app = new CommandApp(new TypeRegistrar(CliServices.Create()));
        app.Configure(config =>
        {
            config.PropagateExceptions();
            config.AddCommand<PublishCommand>("publish");
        });
        var error = new StringWriter();
        // Every notice needs the objection contact; tests that are not about it use this one.
        string[] contact = args.Contains("--contact") || args.Contains("--no-contact") ? [] : ["--contact", "联系电话：010-6500 0000；地址：北京市东城区某某路1号"];
        var exit = await CliErrors.RunAsync(app, ["publish", "--results", run.ResultsPath, "--out", _out.Path, "-q", .. args.Where(a => a != "--no-contact"), .. contact], error);
        return (exit, error.ToString());
    }

    private string Notice => _out.File("notice.docx");

    private string Exemplars => _out.File("exemplars.docx");

    [Fact]
    public async Task An_ineligible_selection_is_refused_with_the_failed_check_and_nothing_is_written()
    {
        var (exit, error) = await Publish("--selected", $"{ReportRunFixture.StrongTalent},{ReportRunFixture.OutsideBeijing}");

        Assert.Equal(CliErrors.Usage, exit);
        Assert.Contains(ReportRunFixture.OutsideBeijing + "：不符合申报条件", error);
        Assert.Contains("在北京注册", error);
        Assert.False(File.Exists(Notice));
        Assert.False(File.Exists(Exemplars));
    }

    [Fact]
    public async Task An_unknown_or_unreadable_selection_is_refused()
    {
        var (exit, error) = await Publish("--selected", $"nobody.docx,{ReportRunFixture.Broken}");

        Assert.Equal(CliErrors.Usage, exit);
        Assert.Contains("nobody.docx：不在本次评审结果中", error);
        Assert.Contains(ReportRunFixture.Broken + "：申报材料无法读取", error);
        Assert.False(File.Exists(Notice));
    }

    [Theory]
    [InlineData]
    [InlineData("--top", "1", "--selected", "a.docx")]
    [InlineData("--top", "0")]
    [InlineData("--top", "1", "--date", "2024/12/02")]
    public async Task Bad_arguments_are_usage_errors(params string[] args) =>
        Assert.Equal(CliErrors.Usage, (await Publish(args)).Exit);

    [Fact]
    public async Task A_csv_from_excel_selects_by_its_first_column()
    {
        var csv = _out.File("selected.csv");
        await File.WriteAllTextAsync(csv, $"\uFEFFsource,备注\n\"{ReportRunFixture.Risk}\",好\n{ReportRunFixture.StrongTalent},\n", System.Text.Encoding.UTF8);

        var (exit, error) = await Publish("--selected", csv, "--date", "2024-12-02");

        Assert.True(exit == CliErrors.Ok, error);
        var text = TextOf.Docx(Notice);
        Assert.Contains("云平台数据安全风险自评估体系建设项目", text);
        Assert.Contains("“数安英才”数据安全实战型人才培养体系", text);
        Assert.DoesNotContain("数据安全意识培训项目", text);
    }

    [Fact]
    public async Task The_notice_and_casebook_for_the_top_of_each_track_match_their_snapshots_and_validate()
    {
        var (exit, error) = await Publish("--top", "1", "--date", "2024-11-29", "--contact", "010-6500 0000，北京市东城区某某路1号");

        Assert.True(exit == CliErrors.Ok, error);
        Golden.Match("notice.docx.txt", TextOf.Docx(Notice));
        Golden.Match("exemplars.docx.txt", TextOf.Docx(Exemplars));
        foreach (var path in new[] { Notice, Exemplars })
        {
            using var doc = WordprocessingDocument.Open(path, false);
            Assert.Empty(TextOf.ValidationErrors(doc));
        }
    }

    [Fact]
    public async Task The_notice_follows_the_public_form_and_shows_no_score()
    {
        await Publish("--top", "2", "--date", "2024-11-29", "--issuer", "北京市通信管理局");
        var text = TextOf.Docx(Notice);

        Assert.Contains("= 关于2024年度北京地区电信和互联网行业数据安全管理和应用试点示范拟入选名单的公示", text);
        Assert.Contains("公示时间：2024年11月29日至2024年12月5日（5个工作日）", text);
        Assert.Contains("匿名异议不予受理", text);
        Assert.Contains("加盖本单位公章", text);
        Assert.Contains("| 序号 | 项目名称 | 申报单位（牵头） | 联合申报单位 | 方向 |", text);
        Assert.Contains("| 1 | “数安英才”数据安全实战型人才培养体系 | 北京华翎数智教育科技有限公司 | 首都信息工程职业学院 | 人才培养 |", text);
        Assert.True(text.IndexOf("人才培养方向", StringComparison.Ordinal) < text.IndexOf("风险评估方向", StringComparison.Ordinal), "tracks in programme order");
        Assert.DoesNotContain("得分", text);
        Assert.DoesNotContain("92.0", text);
        Assert.DoesNotContain("排名：", text);
    }

    [Fact]
    public async Task The_casebook_gives_each_project_a_page_with_numbers_and_replication()
    {
        await Publish("--top", "1", "--date", "2024-11-29");
        var text = TextOf.Docx(Exemplars);

        var cases = text.Split("---\n# 案例").Skip(1).ToList();
        Assert.Equal(2, cases.Count);
        var talent = cases.Single(c => c.Contains("人才培养体系"));
        // The fixture's form titles one section 「三、实施方案与应用成效」: its numbers go to 应用成效, the rest to 主要做法.
        var practices = talent[talent.IndexOf("## 一、主要做法", StringComparison.Ordinal)..talent.IndexOf("## 二、应用成效", StringComparison.Ordinal)];
        Assert.Contains("岗位能力模型", practices);
        Assert.Contains("持证率60.2%", talent[talent.IndexOf("## 二、应用成效", StringComparison.Ordinal)..]);
        // The fixture's form has no 推广价值 section: the entry says so instead of quoting another section.
        Assert.Contains("## 三、可复制、可推广的经验\n申报材料未设“推广价值”部分", talent);
        Assert.DoesNotContain("项目名称", talent);
        // The company profile (一、申报单位基本情况) is never quoted.
        Assert.DoesNotContain("成立于2015年9月", talent);
    }

    [Theory]
    [InlineData("2024-11-29", "2024-11-29", "2024-12-05")] // Friday: counts itself, skips the weekend
    [InlineData("2024-11-30", "2024-12-02", "2024-12-06")] // Saturday: starts on Monday
    public void The_objection_period_is_five_working_days(string issued, string start, string end)
    {
        var options = new NoticeOptions(NoticeOptions.DefaultIssuer, DateOnly.Parse(issued), 2024, null);
        Assert.Equal((DateOnly.Parse(start), DateOnly.Parse(end)), options.ObjectionPeriod());
    }

    [Fact]
    public async Task A_notice_without_the_objection_contact_is_refused()
    {
        var (exit, error) = await Publish("--top", "1", "--date", "2024-11-29", "--no-contact");

        Assert.Equal(CliErrors.Usage, exit);
        Assert.Contains("--contact is required", error);
        Assert.False(File.Exists(Notice));
    }

    [Fact]
    public async Task The_objection_period_counts_official_working_days_and_the_year_comes_from_the_run()
    {
        // 2024-09-27 is a Friday; 29 September (Sunday) is a working day and 1–7 October are the National Day holiday.
        var (exit, error) = await Publish("--top", "1", "--date", "2024-09-27");

        Assert.True(exit == CliErrors.Ok, error);
        var text = TextOf.Docx(Notice);
        Assert.Contains("2024年9月27日至2024年10月9日（5个工作日）", text);
        Assert.Contains("关于2024年度", text);
    }

    [Fact]
    public async Task A_notice_dated_in_the_next_year_keeps_the_calls_year_and_warns_outside_the_schedules()
    {
        // Warnings go to stderr, so this one runs the real program.
        var outcome = await CliProcess.RunAsync(_out.Path, "publish", "--results", run.ResultsPath, "--out", _out.Path, "--top", "1",
            "--date", "2027-01-08", "--contact", "联系电话：010-6500 0000；地址：北京市东城区某某路1号", "--rubrics", RepoPaths.Rubrics);

        Assert.True(outcome.ExitCode == CliErrors.Ok, outcome.Stderr);
        Assert.Contains("关于2024年度", TextOf.Docx(Notice));
        Assert.Contains("no official holiday schedule for 2027", outcome.Stderr);
    }
}
