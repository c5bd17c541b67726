using PilotEval.Documents;
using PilotEval.Evidence;

namespace PilotEval.Tests.Evidence;

public sealed class SectionMapTests
{
    private static Block Block(int index, string text, BlockKind kind = BlockKind.Paragraph, int? level = null) =>
        new(kind, text, new SourceLocation("a.docx", null, index)) { Level = level };

    private static SectionMap Map(params Block[] blocks) => SectionMap.Build([new DocumentText("a.docx", "docx", null, [.. blocks], [], [])]);

    [Theory]
    [InlineData("一、申报单位基本情况", 1)]
    [InlineData("十、承诺与推荐意见", 1)]
    [InlineData("第三章 技术方案", 1)]
    [InlineData("（一）培训规模", 2)]
    [InlineData("(二) 培训质量", 2)]
    [InlineData("1. 课程体系", 3)]
    [InlineData("2、实训平台", 3)]
    [InlineData("（1）基础课程", 4)]
    public void Reads_the_depth_of_chinese_numbering(string heading, int level) =>
        Assert.Equal(level, SectionMap.AsHeading(Block(1, heading))?.Level);

    [Theory]
    [InlineData("1.5万人次的培训规模")]          // a number, not a numbering
    [InlineData("1. 年培训3200人次，取证率85%。")] // a numbered sentence, not a heading
    [InlineData("项目概述")]                      // no numbering and no heading style
    public void Numbered_sentences_and_plain_text_are_not_headings(string text) =>
        Assert.Null(SectionMap.AsHeading(Block(1, text)));

    [Fact]
    public void A_styled_heading_counts_without_numbering()
    {
        var heading = SectionMap.AsHeading(Block(1, "应用成效", BlockKind.Heading, level: 1));

        Assert.Equal(("应用成效", 1), (heading!.Title, heading.Level));
    }

    [Fact]
    public void Each_location_knows_its_outline_path()
    {
        var map = Map(
            Block(1, "项目名称：数据安全实训平台"),
            Block(2, "一、申报单位基本情况", BlockKind.Heading, 1),
            Block(3, "公司成立于2015年。"),
            Block(4, "五、应用成效"),
            Block(5, "（一）培训规模"),
            Block(6, "年培训3200人次。"),
            Block(7, "（二）培训质量"),
            Block(8, "1. 取证情况"),
            Block(9, "取证率85%。"),
            Block(10, "六、推广价值"),
            Block(11, "已在12家单位推广。"));

        Assert.Null(map.PathOf(new SourceLocation("a.docx", null, 1)));
        Assert.Equal("一、申报单位基本情况", map.PathOf(new SourceLocation("a.docx", null, 3)));
        Assert.Equal("五、应用成效 / （一）培训规模", map.PathOf(new SourceLocation("a.docx", null, 6)));
        Assert.Equal("五、应用成效 / （二）培训质量 / 1. 取证情况", map.PathOf(new SourceLocation("a.docx", null, 9)));
        Assert.Equal("六、推广价值", map.PathOf(new SourceLocation("a.docx", null, 11)));
        Assert.Null(map.PathOf(new SourceLocation("other.pdf", 1, 3)));
    }

    [Fact]
    public void Finds_a_section_by_any_of_its_names_ignoring_spacing()
    {
        var map = Map(Block(1, "五、应 用 成 效"), Block(2, "正文提到推广价值。"));

        Assert.NotNull(map.Find(new FormSection("results", "应用成效", ["应用成效", "实施成效"])));
        Assert.Null(map.Find(new FormSection("promotion", "推广价值", ["推广价值"])));
    }
}
