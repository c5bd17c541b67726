using PilotEval.Documents;
using PilotEval.Evidence;
using PilotEval.Summaries;

namespace PilotEval.Tests.Summaries;

public sealed class ExtractiveSummarizerTests
{
    [Fact]
    public void Chinese_text_splits_into_whole_sentences_at_full_stops_question_marks_and_ellipses_but_not_semicolons_or_decimals()
    {
        var sentences = ExtractiveSummarizer.Split("平台累计处理数据3.5亿条；覆盖12家单位。是否已验收？已于2023年验收！后续将继续推广……“安全第一。”最后一句");

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
        var chosen = ExtractiveSummarizer.Split(first).ToList();
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

    private static IReadOnlyList<Sentence> Paragraphs(params string[] texts) =>
        [.. texts.Select((t, i) => new Sentence(t, new Block(BlockKind.Paragraph, t, new SourceLocation("a.docx", null, i + 1))))];
}
