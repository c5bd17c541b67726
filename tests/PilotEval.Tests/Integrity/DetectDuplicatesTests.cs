using System.Collections.Immutable;
using PilotEval.Cli.Benchmarks;
using PilotEval.Documents;
using PilotEval.Integrity;
using PilotEval.Pipeline;
using PilotEval.Tests.Support;

namespace PilotEval.Tests.Integrity;

public sealed class DetectDuplicatesTests
{
    private static readonly string[] Training =
    [
        "项目以岗位能力模型、分级课程、实战靶场和能力认定四位一体为主线。",
        "按能力模型开发课程包12套、课程126门、总计1480学时，其中实操课时占比过半。",
        "与3家基础电信企业北京分公司共建实训基地，由企业导师参与课程设计和毕业项目指导。",
        "理论考试从2400道题库中按能力模型权重随机组卷，实操考核在靶场中独立完成一个完整任务。",
        "2023年全年培训学员3200人次，其中外部单位学员占四成，覆盖运营商、互联网平台和政务云。",
        "学员在全国数据安全职业技能大赛中获得一等奖两项、二等奖五项。",
        "靶场内置数据泄露、越权访问、勒索加密等42个场景，每个场景配有评分脚本和复盘材料。",
        "课程内容覆盖数据分类分级、风险评估、应急处置和个人信息保护等方向。",
        "培训结束三个月后回访显示，学员所在单位的数据安全事件平均处置时长缩短了38%。",
        "项目形成的课程包已被五家行业协会采用，并编入两本正式出版的教材。",
        "团队共22人，其中专职讲师15人，外聘专家6人，项目管理1人。",
        "平台支持在线学习、实操训练、考试认证和学习档案管理，累计注册用户一万一千余人。",
    ];

    private static readonly string[] Assessment =
    [
        "评估平台对全网412个业务系统开展自动化数据资产发现，识别重要数据字段十七万余个。",
        "依据工信部网安〔2024〕82号实施细则，每年对重要数据处理活动开展一次全面风险评估。",
        "评估报告涵盖处理者基本情况、评估团队、重要数据种类和数量、处理活动、安全环境和合规情况。",
        "分类分级引擎融合字段语义、样本特征和血缘关系，抽样准确率达到百分之九十四。",
        "2023年共发现高风险问题136项、中风险问题402项，截至申报时整改完成率为百分之九十一。",
        "平均整改周期由原来的45天缩短到19天，重复出现的问题下降了六成。",
        "评估工具已获得发明专利3项、软件著作权11项，并通过第三方检测机构的功能和性能测试。",
        "项目为省内17家中小运营商和互联网企业提供了评估服务，参与起草两项团体标准。",
        "评估过程中对第三方合作方的数据接口逐一核查，关闭了不再使用的接口两百余个。",
        "平台采用国密算法保护评估数据，评估结果按照最小授权原则向业务部门开放。",
    ];

    private static async Task<EvaluationRun> Run(params (string File, ApplicationFixture Application)[] applications)
    {
        using var dir = new TempDirectory();
        var submissions = Directory.CreateDirectory(dir.File("in")).FullName;
        foreach (var (file, application) in applications) application.Save(Path.Combine(submissions, file));
        using var provider = TestHost.Create();
        return (await provider.Mediator().Send(new EvaluateSubmissions.Command(submissions, RepoPaths.Rubrics, dir.File("out")))).Run;
    }

    [Fact]
    public async Task A_copy_under_another_company_in_another_track_flags_both_and_names_the_other()
    {
        var run = await Run(
            ("a-xinghe.docx", new ApplicationFixture("星河", "人才培养").Paragraphs(Training)),
            ("b-yunfan.docx", new ApplicationFixture("云帆", "风险评估").Paragraphs([.. Training.Select(s => s.Replace("3家", "三家", StringComparison.Ordinal))])),
            ("c-other.docx", new ApplicationFixture("博远", "风险评估").Paragraphs(Assessment)));

        var a = run.Assessments.Single(x => x.Source == "a-xinghe.docx");
        var b = run.Assessments.Single(x => x.Source == "b-yunfan.docx");
        var c = run.Assessments.Single(x => x.Source == "c-other.docx");
        Assert.NotEqual(a.Track!.Track, b.Track!.Track);
        Assert.NotEqual(a.Cover.Enterprise, b.Cover.Enterprise);
        var aFlag = Assert.Single(a.Flags, f => f.Code == FlagCodes.NearDuplicate);
        var bFlag = Assert.Single(b.Flags, f => f.Code == FlagCodes.NearDuplicate);
        Assert.Contains("b-yunfan.docx", aFlag.Detail);
        Assert.Contains("a-xinghe.docx", bFlag.Detail);
        Assert.Matches(@"估计相似度 \d+%", aFlag.Detail);
        Assert.DoesNotContain(c.Flags, f => f.Code == FlagCodes.NearDuplicate);
        // Flagged, not removed: a is ranked on its track; b (training text under 风险评估 earns no risk criterion) is left
        // out by the shortlist floor, not by the flag, and stays marked where it is listed.
        Assert.NotNull(run.RankOf("a-xinghe.docx"));
        var bOut = run.Exclusions.Single(e => e.Source == "b-yunfan.docx");
        Assert.Equal(PilotEval.Ranking.ExclusionReasons.BelowFloor, bOut.Reason);
        Assert.Contains(FlagCodes.NearDuplicate, bOut.Flags);
    }

    [Fact]
    public void Signatures_are_deterministic_and_estimate_the_jaccard_similarity()
    {
        var options = new DuplicateOptions();
        var text = string.Concat(Training);
        var edited = string.Concat(Training.Take(9)) + string.Concat(Assessment.Take(3));

        var first = new MinHasher(options).Sign(text);
        var again = new MinHasher(options).Sign(text);
        var other = new MinHasher(options).Sign(edited);

        Assert.Equal(first.Values.ToArray(), again.Values.ToArray());
        Assert.Equal(1.0, first.Similarity(again));
        var a = MinHasher.ShingleHashes(text, options.ShingleSize);
        var b = MinHasher.ShingleHashes(edited, options.ShingleSize);
        var exact = (double)a.Intersect(b).Count() / a.Union(b).Count();
        Assert.InRange(first.Similarity(other), exact - 0.12, exact + 0.12);
    }

    [Fact]
    public void Punctuation_spacing_and_width_do_not_hide_a_copy()
    {
        var hasher = new MinHasher(new DuplicateOptions());
        var original = string.Concat(Training);
        var disguised = string.Join(" ", Training.Select(s => s.Replace("，", ",", StringComparison.Ordinal).Replace("。", ". ", StringComparison.Ordinal)))
            .Replace("12", "１２", StringComparison.Ordinal);

        Assert.Equal(1.0, hasher.Sign(original).Similarity(hasher.Sign(disguised)));
    }

    [Fact]
    public void Texts_too_short_to_judge_are_not_paired()
    {
        var hasher = new MinHasher(new DuplicateOptions());
        var outcome = NearDuplicateIndex.Find([("a", hasher.Sign("申报书")), ("b", hasher.Sign("申报书"))], new DuplicateOptions());

        Assert.Empty(outcome.Pairs);
    }

    [Fact]
    public void Lsh_compares_far_fewer_pairs_than_all_pairs_and_finds_close_copies()
    {
        var options = new DuplicateOptions();
        var hasher = new MinHasher(options);
        var applications = SyntheticApplications.Generate(400, 0.05, 40, seed: 7);

        var outcome = NearDuplicateIndex.Find([.. applications.Select(a => (a.Source, hasher.Sign(a.Text)))], options);

        var allPairs = applications.Count * (applications.Count - 1) / 2;
        Assert.True(outcome.CandidatePairs < allPairs / 20, $"{outcome.CandidatePairs} candidates of {allPairs}");
        var closeCopies = applications.Where(a => a.CopyOf is not null && a.EditRate < 0.1).ToList();
        Assert.NotEmpty(closeCopies);
        Assert.All(closeCopies, copy => Assert.Contains(outcome.Pairs,
            p => (p.First, p.Second) == (copy.CopyOf!, copy.Source) || (p.First, p.Second) == (copy.Source, copy.CopyOf!)));
    }

    /// <summary>A submission with the signature of <paramref name="text"/>; its sentences are never needed (near-duplicates compare signatures).</summary>
    private static SubmissionAssessment Signed(string source, string text) =>
        new(new SubmissionSource(source, "/in", [source])) { Integrity = new IntegrityScreen([], new MinHasher(new DuplicateOptions()).Sign(text)) };

    /// <summary>Copy <paramref name="n"/> of the training text: one sentence swapped for another topic's, a different one each time.</summary>
    private static string Copy(int n) =>
        string.Concat(Training.Select((s, i) => i == n ? Assessment[n] : s));

    [Fact]
    public void Two_near_copies_read_exactly_as_one_pair_always_did()
    {
        ImmutableArray<SubmissionAssessment> two = [Signed("a.docx", Copy(0)), Signed("b.docx", Copy(1))];
        var result = DetectDuplicates.Detect(two, new DuplicateOptions(), _ => []);

        Assert.Equal(1, result.PairCount);
        var pair = Assert.Single(NearDuplicateIndex.Find([.. two.Select(a => (a.Source, a.Integrity.Signature))], new DuplicateOptions()).Pairs);
        var percent = Math.Round(pair.Similarity * 100).ToString(System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal($"与 b.docx 内容高度相似（MinHash 估计相似度 {percent}%）",
            Assert.Single(result.Assessments[0].Flags, f => f.Code == FlagCodes.NearDuplicate).Detail);
        Assert.Equal($"与 a.docx 内容高度相似（MinHash 估计相似度 {percent}%）",
            Assert.Single(result.Assessments[1].Flags, f => f.Code == FlagCodes.NearDuplicate).Detail);
        var cluster = Assert.Single(result.Clusters);
        Assert.Equal(["a.docx", "b.docx"], cluster.Members.ToArray());
        Assert.Equal(1, cluster.Pairs);
    }

    [Fact]
    public void A_cluster_of_many_near_copies_gives_each_one_flag_naming_the_closest_and_counting_the_rest()
    {
        const int copies = 8;
        var assessments = Enumerable.Range(0, copies).Select(i => Signed($"copy-{i}.docx", Copy(i)))
            .Append(Signed("other.docx", string.Concat(Assessment)))
            .ToList();

        var result = DetectDuplicates.Detect([.. assessments], new DuplicateOptions(), _ => []);

        // The pairs are the index's, counted as found (not kept): every copy resembles every other.
        var pairs = NearDuplicateIndex.Find([.. assessments.Select(a => (a.Source, a.Integrity.Signature))], new DuplicateOptions()).Pairs;
        Assert.Equal(copies * (copies - 1) / 2, pairs.Length);
        Assert.Equal(pairs.Length, result.PairCount);
        foreach (var copy in result.Assessments.Where(a => a.Source.StartsWith("copy-", StringComparison.Ordinal)))
        {
            var flag = Assert.Single(copy.Flags, f => f.Code == FlagCodes.NearDuplicate);
            // The closest three by the pairs' similarity (ties by name), in that order, each with its similarity.
            var closest = pairs.Where(p => p.First == copy.Source || p.Second == copy.Source)
                .Select(p => (Other: p.First == copy.Source ? p.Second : p.First, p.Similarity))
                .OrderByDescending(o => o.Similarity).ThenBy(o => o.Other, StringComparer.Ordinal)
                .ToList();
            Assert.Equal(copies - 1, closest.Count);
            var expected = string.Join("、", closest.Take(3).Select(o =>
                $"{o.Other}（{Math.Round(o.Similarity * 100).ToString(System.Globalization.CultureInfo.InvariantCulture)}%）"));
            Assert.Equal($"与 {expected}等另 {copies - 1 - 3} 份申报内容高度相似（括号内为 MinHash 估计相似度）", flag.Detail);
        }
        Assert.DoesNotContain(result.Assessments.Single(a => a.Source == "other.docx").Flags, f => f.Code == FlagCodes.NearDuplicate);
        var cluster = Assert.Single(result.Clusters);
        Assert.Equal(copies, cluster.Members.Length);
        Assert.Equal(pairs.Length, cluster.Pairs);
        Assert.Equal(pairs.Max(p => p.Similarity), cluster.Highest);
        Assert.Equal(pairs.Min(p => p.Similarity), cluster.Lowest);
    }

    [Fact]
    public void Clusters_are_the_connected_groups_whatever_order_the_pairs_come_in()
    {
        DuplicatePair[] pairs = [new("c", "d", 0.7), new("a", "b", 0.9), new("x", "y", 0.8), new("b", "c", 0.6)];

        var clusters = DuplicateCluster.Of(pairs);

        Assert.Equal(clusters, DuplicateCluster.Of(pairs.Reverse()), new ClusterComparer());
        Assert.Equal(2, clusters.Length);
        Assert.Equal(["a", "b", "c", "d"], clusters[0].Members.ToArray());
        Assert.Equal((3, 0.9, 0.6), (clusters[0].Pairs, clusters[0].Highest, clusters[0].Lowest));
        Assert.Equal(["x", "y"], clusters[1].Members.ToArray());
        Assert.Empty(DuplicateCluster.Of([]));
    }

    private sealed class ClusterComparer : IEqualityComparer<DuplicateCluster>
    {
        public bool Equals(DuplicateCluster? x, DuplicateCluster? y) =>
            x is not null && y is not null && x.Members.SequenceEqual(y.Members) && (x.Pairs, x.Highest, x.Lowest) == (y.Pairs, y.Highest, y.Lowest);

        public int GetHashCode(DuplicateCluster obj) => obj.Members.Length;
    }

    [Fact]
    public async Task A_group_of_copies_is_one_row_of_groups_in_the_html_and_one_flag_per_application_everywhere()
    {
        using var dir = new TempDirectory();
        var submissions = Directory.CreateDirectory(dir.File("in")).FullName;
        string[] companies = ["星河", "云帆", "博远", "启明", "致远"];
        for (var i = 0; i < companies.Length; i++)
        {
            new ApplicationFixture(companies[i]).Paragraphs([.. Training.Select((s, k) => k == i ? Assessment[i] : s)])
                .Save(Path.Combine(submissions, $"copy-{i}.docx"));
        }
        var output = dir.File("out");
        using var provider = TestHost.Create();

        var run = (await provider.Mediator().Send(new EvaluateSubmissions.Command(submissions, RepoPaths.Rubrics, output))).Run;

        Assert.All(run.Assessments, a => Assert.Single(a.Flags, f => f.Code == FlagCodes.NearDuplicate));
        Assert.All(run.Assessments, a => Assert.Contains("等另 1 份申报", Assert.Single(a.Flags, f => f.Code == FlagCodes.NearDuplicate).Detail));
        using var json = System.Text.Json.JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(output, "results.json")));
        var cluster = Assert.Single(json.RootElement.GetProperty("nearDuplicateClusters").EnumerateArray());
        Assert.Equal(companies.Length, cluster.GetProperty("members").GetArrayLength());
        Assert.Equal(10, cluster.GetProperty("pairs").GetInt32());

        var html = await File.ReadAllTextAsync(Path.Combine(output, "report.html"));
        var groups = html[html.IndexOf("id=\"table-duplicates\"", StringComparison.Ordinal)..];
        groups = groups[..groups.IndexOf("</table>", StringComparison.Ordinal)];
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(groups, "<tr><td"));
        Assert.All(companies, c => Assert.Contains($"{c}数据安全人才实训项目", groups));
        // No row per pair or per member in the flags table: the groups stand for them.
        Assert.DoesNotContain("id=\"table-integrity\"", html);
        var md = await File.ReadAllTextAsync(Path.Combine(output, "shortlist.md"));
        var integrity = md[md.IndexOf("## 诚信审查", StringComparison.Ordinal)..];
        integrity = integrity[..integrity.IndexOf("\n## ", StringComparison.Ordinal)];
        Assert.Equal(companies.Length, System.Text.RegularExpressions.Regex.Matches(integrity, "⚠ 内容高度相似 \\|").Count);
    }

    [SamplesFact]
    public async Task The_sample_applications_are_not_near_duplicates_of_each_other_and_carry_no_injection()
    {
        using var dir = new TempDirectory();
        using var provider = TestHost.Create();
        var run = (await provider.Mediator().Send(new EvaluateSubmissions.Command(RepoPaths.Samples, RepoPaths.Rubrics, dir.Path))).Run;

        Assert.NotEmpty(run.Assessments);
        Assert.All(run.Assessments, a => Assert.DoesNotContain(a.Flags, f => f.Code is FlagCodes.NearDuplicate or FlagCodes.PromptInjection));
    }
}
