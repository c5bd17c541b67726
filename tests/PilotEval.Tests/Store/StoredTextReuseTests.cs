using PilotEval.Documents;
using PilotEval.Evidence;
using PilotEval.Integrity;
using PilotEval.Store;
using PilotEval.Tests.Support;

namespace PilotEval.Tests.Store;

/// <summary>
/// The text-reuse check's exact comparisons kept in the store: a re-run takes a pair's outcome from the store when
/// neither submission changed (and finds exactly what comparing again finds), and compares again a pair with a
/// member that changed. Counted by what was compared, never timed.
/// </summary>
public sealed class StoredTextReuseTests
{
    private static readonly string[] Original =
    [
        "项目围绕电信运营商计费系统和用户信令平台构建了数据安全风险评估模型，覆盖数据收集、存储、使用、加工、传输、提供、公开七个环节。",
        "评估团队梳理出重要数据目录十二类、核心数据两类，并为每一类数据确定了保护要求和责任部门。",
        "平台对接了六十余个业务系统的接口日志，通过流量镜像和探针实时发现敏感数据的越权访问和异常导出。",
        "针对接口滥用场景，项目建立了基于访问频次、数据量和时间窗口的三维基线，告警准确率由百分之六十二提升到百分之九十一。",
        "风险评估报告按照工业和信息化领域数据安全风险评估实施细则编制，经第三方机构复核后报送主管部门。",
        "项目实施以来累计开展专项评估四十七次，发现高风险问题一百二十六项，已全部完成整改并通过复核。",
        "评估过程中形成的检查清单、评估模板和整改跟踪表已在集团内二十一家省级公司推广使用。",
        "团队编写的电信行业数据安全风险评估指南已被行业协会采纳为团体标准草案，正在公开征求意见。",
    ];

    private static readonly string[] Own =
    [
        "我公司成立于二〇一六年，专注于工业互联网平台的数据治理和安全运营服务，现有员工三百余人。",
        "公司在天津、石家庄设有研发中心，服务客户覆盖制造、能源和交通三个行业。",
        "本项目面向工业企业的设备数据采集场景，研发了边缘侧数据分级标识网关。",
        "网关支持二十余种工业协议的解析，能够在采集端完成数据资产的自动识别和打标。",
        "项目与两所高校共建联合实验室，共同培养数据安全方向的研究生十八名。",
        "公司参与编制了两项地方标准，内容涉及工业数据分类分级和安全防护基本要求。",
    ];

    [Fact]
    public async Task A_pair_neither_of_whose_members_changed_is_taken_from_the_store_and_a_changed_member_is_compared_again()
    {
        using var dir = new TempDirectory();
        var options = new DuplicateOptions();
        var items = new[] { Item("original.docx", Original, options), Item("copier.docx", [.. Own, .. Original[..6]], options) };
        var keys = new Dictionary<string, string>(StringComparer.Ordinal) { ["original.docx"] = "k-original", ["copier.docx"] = "k-copier" };

        var (first, firstCounts) = await FindAsync(dir.File("store.db"), items, keys, options);
        var (second, secondCounts) = await FindAsync(dir.File("store.db"), items, keys, options);
        keys["copier.docx"] = "k-copier-changed";
        var (third, thirdCounts) = await FindAsync(dir.File("store.db"), items, keys, options);

        Assert.Equal((0, 1), firstCounts);
        Assert.Equal((1, 0), secondCounts);
        Assert.Equal((0, 1), thirdCounts);
        var finding = Assert.Single(first["copier.docx"]);
        Assert.Equal("original.docx", finding.Other);
        Assert.NotEmpty(finding.Passages);
        foreach (var found in new[] { second, third })
        {
            Assert.Equal(first.Keys.Order(), found.Keys.Order());
            foreach (var source in first.Keys)
                Assert.Equal(Describe(first[source]), Describe(found[source]));
        }
    }

    private static async Task<(IReadOnlyDictionary<string, System.Collections.Immutable.ImmutableArray<TextReuseFinding>> Found, (int, int) Counts)> FindAsync(
        string storePath, IReadOnlyList<(string, MinHashSignature, IReadOnlyList<Sentence>)> items, Dictionary<string, string> keys, DuplicateOptions options)
    {
        await using var store = await RunStore.OpenAsync(storePath, CancellationToken.None);
        var memo = new StoredTextReuse(store, new Dictionary<string, string>(keys, StringComparer.Ordinal));
        var found = TextReuseIndex.Find(items, new HashSet<(string, string)>(), options, memo);
        await memo.SaveAsync(CancellationToken.None);
        return (found, memo.Counts);
    }

    private static (string, MinHashSignature, IReadOnlyList<Sentence>) Item(string source, string[] paragraphs, DuplicateOptions options) =>
        (source, new MinHasher(options).Sign(string.Join("\n", paragraphs)),
            [.. paragraphs.Select((p, i) => new Sentence(p, new Block(BlockKind.Paragraph, p, new SourceLocation(source, null, i + 1))))]);

    /// <summary>A finding as text, passages and locations included: records holding arrays do not compare by content.</summary>
    private static string Describe(IEnumerable<TextReuseFinding> findings) => string.Join("\n", findings.Select(f =>
        $"{f.Other} {f.OtherFoundHere:R} {f.ThisFoundThere:R} " + string.Join(" | ", f.Passages.Select(p => $"{p.Text}@{p.Location} ~ {p.ReusedAs}@{p.ReusedAt}"))));
}
