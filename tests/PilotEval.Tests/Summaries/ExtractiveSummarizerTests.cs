using PilotEval.Documents;
using PilotEval.Evidence;
using PilotEval.Summaries;

namespace PilotEval.Tests.Summaries;

public sealed class ExtractiveSummarizerTests
{
    [Fact]
    public void Chinese_text_splits_into_whole_sentences_at_full_stops_question_marks_and_ellipses_but_not_semicolons_or_decimals()
    {
        var sentences = Sentences.Whole("平台累计处理数据3.5亿条；覆盖12家单位。是否已验收？已于2023年验收！后续将继续推广……“安全第一。”最后一句");

        Assert.Equal(["平台累计处理数据3.5亿条；覆盖12家单位。", "是否已验收？", "已于2023年验收！", "后续将继续推广……", "“安全第一。”", "最后一句"], sentences);
    }

    [Fact]
    public void The_same_input_gives_the_same_bytes_and_sentences_keep_their_reading_order()
    {
        var blocks = Paragraphs(
            "本项目建设了面向电信行业的数据安全风险监测平台，实现了对重要数据的自动识别。",
            "平台覆盖全市十二家基础电信企业和互联网企业，日均处理日志十亿条。",
            "项目团队共有三十人。",
            "数据安全风险监测平台已稳定运行两年，累计发现数据安全风险事件三百余起。",
            "风险监测平台的自动识别准确率达到百分之九十五，重要数据识别覆盖全部业务系统。",
            "公司食堂每天供应午餐和晚餐，员工满意度较高。");

        var first = ExtractiveSummarizer.Summarize(blocks, count: 3);
        var second = ExtractiveSummarizer.Summarize([.. blocks], count: 3);

        Assert.Equal(System.Text.Encoding.UTF8.GetBytes(first), System.Text.Encoding.UTF8.GetBytes(second));
        Assert.DoesNotContain("食堂", first);
        var chosen = Sentences.Whole(first).ToList();
        Assert.Equal(3, chosen.Count);
        var order = chosen.Select(c => blocks.ToList().FindIndex(s => s.Text == c)).ToList();
        Assert.Equal(order.Order(), order);
    }

    [Fact]
    public void Headings_table_rows_and_notes_are_never_summary_sentences()
    {
        var location = new SourceLocation("a.docx", null, 1);
        var sentences = new[]
        {
            new Sentence("项目名称 数据安全风险监测平台建设与应用示范项目", new Block(BlockKind.TableRow, "项目名称 数据安全风险监测平台建设与应用示范项目", location)),
            new Sentence("本项目建设了数据安全风险监测平台并投入运行。", new Block(BlockKind.Paragraph, "本项目建设了数据安全风险监测平台并投入运行。", location with { Paragraph = 2 })),
        };

        Assert.Equal("本项目建设了数据安全风险监测平台并投入运行。", ExtractiveSummarizer.Summarize(sentences));
    }

    [Fact]
    public void A_scanned_application_read_by_OCR_gets_a_summary_of_its_recognised_text()
    {
        var texts = new[]
        {
            "本项目建设的数据安全风险监测平台已于2022年投入运行，覆盖全市十二家电信企业。",
            "平台累计识别重要数据资产三万余项，发现并处置风险隐患四百余起。",
            "风险监测平台的识别准确率达到百分之九十五。",
        };
        var scanned = texts.Select((t, i) => new Sentence(t, new Block(BlockKind.Ocr, t, new SourceLocation("scan.pdf", i + 1, 1)))).ToList();

        var summary = ExtractiveSummarizer.Summarize(scanned, count: 2);

        Assert.Equal(2, Sentences.Whole(summary).Count());
        Assert.All(Sentences.Whole(summary), s => Assert.Contains(s, texts));
    }

    [Fact]
    public void The_sparse_ranking_gives_exactly_the_ranks_of_the_dense_textbook_one()
    {
        var random = new Random(23);
        const string vocabulary = "数据安全风险监测平台识别重要资产处置事件培训人才评估企业运行覆盖准确率提升";
        var sentences = Enumerable.Range(0, 120)
            .Select(_ => new string([.. Enumerable.Range(0, random.Next(3, 40)).Select(_ => vocabulary[random.Next(vocabulary.Length)])]))
            .ToList();

        Assert.Equal(DenseRank(sentences), ExtractiveSummarizer.Rank(sentences));
    }

    /// <summary>TextRank as first written: string bigram sets and a dense n×n matrix; the reference the fast one must match bit for bit.</summary>
    private static double[] DenseRank(IReadOnlyList<string> sentences)
    {
        var n = sentences.Count;
        var sets = sentences.Select(s =>
        {
            var letters = s.Where(char.IsLetterOrDigit).ToArray();
            var set = new HashSet<string>(StringComparer.Ordinal);
            for (var i = 0; i + 1 < letters.Length; i++) set.Add(new string(letters, i, 2));
            return set;
        }).ToArray();
        var weights = new double[n, n];
        var outSum = new double[n];
        for (var i = 0; i < n; i++)
        {
            for (var j = i + 1; j < n; j++)
            {
                var (a, b) = (sets[i], sets[j]);
                var shared = a.Count < 2 || b.Count < 2 ? 0 : a.Count(b.Contains);
                var w = shared == 0 ? 0 : shared / (Math.Log(a.Count) + Math.Log(b.Count));
                weights[i, j] = weights[j, i] = w;
                outSum[i] += w;
                outSum[j] += w;
            }
        }
        var rank = Enumerable.Repeat(1.0 / n, n).ToArray();
        var next = new double[n];
        for (var iteration = 0; iteration < 40; iteration++)
        {
            for (var i = 0; i < n; i++)
            {
                double sum = 0;
                for (var j = 0; j < n; j++)
                {
                    if (outSum[j] > 0 && weights[j, i] > 0) sum += weights[j, i] / outSum[j] * rank[j];
                }
                next[i] = (1 - 0.85) / n + 0.85 * sum;
            }
            (rank, next) = (next, rank);
        }
        return rank;
    }

    private static IReadOnlyList<Sentence> Paragraphs(params string[] texts) =>
        [.. texts.Select((t, i) => new Sentence(t, new Block(BlockKind.Paragraph, t, new SourceLocation("a.docx", null, i + 1))))];
}
