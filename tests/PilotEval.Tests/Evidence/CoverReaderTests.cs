using System.Collections.Immutable;
using PilotEval.Documents;
using PilotEval.Evidence;

namespace PilotEval.Tests.Evidence;

public sealed class CoverReaderTests
{
    private static DocumentText Document(params Block[] blocks) => new("a.docx", "docx", null, [.. blocks], [], []);

    private static Block Paragraph(int index, string text) => new(BlockKind.Paragraph, text, new SourceLocation("a.docx", null, index));

    private static Block Row(int index, params string[] cells) =>
        new(BlockKind.TableRow, string.Join(" ", cells), new SourceLocation("a.docx", null, index)) { Cells = [.. cells] };

    [Theory]
    [InlineData("项目名称：数据安全实训平台", "数据安全实训平台")]
    [InlineData("项目名称:数据安全实训平台", "数据安全实训平台")]
    [InlineData("项 目 名 称：数据安全实训平台", "数据安全实训平台")]
    [InlineData("项目名称 数据安全实训平台", "数据安全实训平台")]
    public void Reads_labelled_paragraphs_with_any_colon_and_letter_spacing(string line, string expected)
    {
        var cover = CoverReader.Read([Document(Paragraph(1, line))]);

        Assert.Equal(expected, cover.Project);
    }

    [Fact]
    public void A_field_written_right_after_the_co_applicants_label_is_theirs_not_the_applicants()
    {
        var cover = CoverReader.Read([Document(
            Paragraph(1, "申报单位：天津某数据科技有限公司"),
            Paragraph(2, "联合申报单位注册地：北京市海淀区"),
            Paragraph(3, "联合申报单位：北京某大学"))]);

        Assert.Null(cover.Get(CoverLabels.RegisteredAddress));
        Assert.Equal("北京某大学", cover.Get(CoverLabels.Partners)?.Value);
        Assert.Equal("天津某数据科技有限公司", cover.Enterprise);
    }

    [Fact]
    public void Reads_a_cover_table_of_label_and_value_cells()
    {
        var cover = CoverReader.Read([Document(
            Row(1, "项 目 名 称", "智能数据分类分级平台"),
            Row(2, "申报单位", "北京数安科技有限公司"),
            Row(3, "申报方向", "风险评估"),
            Row(4, "联系人", "王明", "联系电话", "010-6000 0000"))]);

        Assert.Equal("智能数据分类分级平台", cover.Project);
        Assert.Equal("北京数安科技有限公司", cover.Enterprise);
        Assert.Equal("风险评估", cover.Direction);
        Assert.Equal("王明", cover.Get(CoverLabels.Contact)?.Value);
        Assert.Equal("010-6000 0000", cover.Get(CoverLabels.Phone)?.Value);
        Assert.Equal(2, cover.Get(CoverLabels.Enterprise)!.Location.Paragraph);
    }

    [Fact]
    public void Several_fields_on_one_line_are_split_at_each_label()
    {
        var cover = CoverReader.Read([Document(Paragraph(1, "联系人：王明 联系电话：010-60000000"))]);

        Assert.Equal("王明", cover.Get(CoverLabels.Contact)?.Value);
        Assert.Equal("010-60000000", cover.Get(CoverLabels.Phone)?.Value);
    }

    [Fact]
    public void Body_text_far_from_the_cover_needs_a_colon_to_count_as_a_field()
    {
        var blocks = Enumerable.Range(1, 45).Select(i => Paragraph(i, "正文。")).ToList();
        blocks.Add(Paragraph(46, "申报单位近三年未发生数据安全事件。"));
        blocks.Add(Paragraph(47, "注册地：北京市海淀区中关村大街1号；成立时间：2015年。"));

        var cover = CoverReader.Read([Document([.. blocks])]);

        Assert.Null(cover.Enterprise);
        Assert.Equal("北京市海淀区中关村大街1号", cover.RegisteredAddress);
    }

    [Theory]
    [InlineData("91110108MA01XXXXXX", false)]
    [InlineData("91350100M000100Y43", true)]
    [InlineData("91350100M000100Y44", false)]
    [InlineData("91110108MA01C3K7H7", true)]
    [InlineData("", false)]
    public void Credit_codes_are_checked_by_their_gb_32100_check_character(string code, bool valid) =>
        Assert.Equal(valid, CreditCode.IsValid(code));

    [Theory]
    [InlineData("统一社会信用代码：91110108MA01C3K7H7", "91110108MA01C3K7H7", true)]
    [InlineData("统一社会信用代码:91350100M000100Y44", "91350100M000100Y44", false)]
    [InlineData("统 一 社 会 信 用 代 码：91110108MA01C3K7H7", "91110108MA01C3K7H7", true)]
    public void Reads_the_credit_code_and_checks_it(string line, string code, bool valid)
    {
        var cover = CoverReader.Read([Document(Paragraph(1, line))]);

        Assert.Equal(code, cover.CreditCode);
        Assert.Equal(valid, cover.CreditCodeValid);
    }

    [Theory]
    [InlineData("91350100M000100Y44", "校验位应为“3”，实为“4”")]
    [InlineData("9135010", "应为 18 位，实为 7 位")]
    [InlineData("91350100M000100I43", "含有 GB 32100 不使用的字符“I”")]
    public void An_invalid_credit_code_says_why(string code, string why) =>
        Assert.Equal(why, CreditCode.Explain(code));

    [Theory]
    [InlineData("申报日期：2024年8月20日", 2024, 8, 20)]
    [InlineData("申报日期: 2024 年 8 月 20 日", 2024, 8, 20)]
    [InlineData("申 报 日 期：2024-10-05", 2024, 10, 5)]
    [InlineData("填报日期：2024.9.1", 2024, 9, 1)]
    [InlineData("申报日期：二〇二四年九月", 2024, 9, 1)]
    public void Reads_the_application_date_in_every_customary_form(string line, int year, int month, int day)
    {
        var cover = CoverReader.Read([Document(Paragraph(1, line))]);

        Assert.Equal(new DateOnly(year, month, day), cover.Date);
    }

    [Fact]
    public void A_cover_table_yields_contact_date_and_credit_code()
    {
        var cover = CoverReader.Read([Document(
            Row(1, "项 目 名 称", "数据安全实训平台"),
            Row(2, "统一社会信用代码", "91110108MA01C3K7H7"),
            Row(3, "联 系 人", "王明"),
            Row(4, "申报日期", "2024年8月26日"))]);

        Assert.Equal("王明", cover.Contact);
        Assert.Equal(new DateOnly(2024, 8, 26), cover.Date);
        Assert.True(cover.CreditCodeValid);
        Assert.Equal(2, cover.Get(CoverLabels.CreditCode)!.Location.Paragraph);
    }
}
