using PilotEval.Documents;
using PilotEval.Tests.Support;
using static PilotEval.Tests.Support.RawDocx;

namespace PilotEval.Tests.Documents;

/// <summary>How Word's own structures come out as blocks: numbering, merged cells, text boxes, revisions, fields, notes.</summary>
public sealed class DocxStructureTests
{
    private static async Task<DocumentText> ReadAsync(byte[] docx)
    {
        using var dir = new TempDirectory();
        return await TestHost.ReadAsync(Save(dir.File("a.docx"), docx));
    }

    private const string ChineseNumbering =
        "<w:abstractNum w:abstractNumId=\"0\">" +
        "<w:lvl w:ilvl=\"0\"><w:start w:val=\"1\"/><w:numFmt w:val=\"chineseCounting\"/><w:lvlText w:val=\"%1、\"/></w:lvl>" +
        "<w:lvl w:ilvl=\"1\"><w:start w:val=\"1\"/><w:numFmt w:val=\"chineseCounting\"/><w:lvlText w:val=\"（%2）\"/></w:lvl>" +
        "<w:lvl w:ilvl=\"2\"><w:start w:val=\"1\"/><w:numFmt w:val=\"decimal\"/><w:lvlText w:val=\"%3.\"/></w:lvl>" +
        "</w:abstractNum><w:num w:numId=\"5\"><w:abstractNumId w:val=\"0\"/></w:num>";

    private static string Numbered(string text, int level) =>
        P(text, $"<w:numPr><w:ilvl w:val=\"{level}\"/><w:numId w:val=\"5\"/></w:numPr>");

    [Fact]
    public async Task Automatic_numbering_is_rebuilt_into_the_text_as_Word_shows_it()
    {
        var document = await ReadAsync(Build(
            Numbered("申报单位基本情况", 0) + Numbered("基本信息", 1) + Numbered("成立于2015年", 2) + Numbered("注册于北京", 2) +
            Numbered("资质", 1) + Numbered("项目概述", 0) + Numbered("建设目标", 1),
            numbering: ChineseNumbering));

        Assert.Equal(["一、申报单位基本情况", "（一）基本信息", "1. 成立于2015年", "2. 注册于北京", "（二）资质", "二、项目概述", "（一）建设目标"],
            document.Blocks.Select(b => b.Text));
    }

    [Theory]
    [InlineData(11, "chineseCounting", "十一")]
    [InlineData(20, "chineseCounting", "二十")]
    [InlineData(3, "decimalEnclosedCircleChinese", "③")]
    [InlineData(4, "upperRoman", "IV")]
    [InlineData(2, "lowerLetter", "b")]
    [InlineData(1, "ideographTraditional", "甲")]
    public void Numbers_are_formatted_in_Word_s_number_formats(int value, string format, string expected) =>
        Assert.Equal(expected, NumberingCatalog.Format(value, format));

    [Fact]
    public async Task Merged_cells_are_laid_on_the_grid_and_ragged_rows_are_tolerated()
    {
        const string cell = "<w:tc><w:tcPr>{0}</w:tcPr><w:p><w:r><w:t>{1}</w:t></w:r></w:p></w:tc>";
        string Cell(string text, string properties = "") => string.Format(System.Globalization.CultureInfo.InvariantCulture, cell, properties, text);
        var document = await ReadAsync(Build(
            "<w:tbl><w:tblGrid><w:gridCol/><w:gridCol/><w:gridCol/></w:tblGrid>" +
            $"<w:tr>{Cell("项目名称", "<w:vMerge w:val=\"restart\"/>")}{Cell("数据安全实训基地", "<w:gridSpan w:val=\"2\"/>")}</w:tr>" +
            $"<w:tr>{Cell("", "<w:vMerge/>")}{Cell("一期")}{Cell("二期")}</w:tr>" +
            $"<w:tr>{Cell("备注")}</w:tr>" +
            "</w:tbl>"));

        var rows = document.Blocks.Select(b => b.Cells.ToArray()).ToList();
        Assert.Equal(["项目名称", "数据安全实训基地", ""], rows[0]);
        Assert.Equal(["项目名称", "一期", "二期"], rows[1]);
        Assert.Equal(["备注"], rows[2]);
    }

    [Fact]
    public async Task Rows_and_cells_inside_content_controls_are_read()
    {
        var document = await ReadAsync(Build(
            "<w:tbl><w:sdt><w:sdtContent><w:tr><w:tc>" + P("申报单位") + "</w:tc>" +
            "<w:sdt><w:sdtContent><w:tc>" + P("北京某某科技有限公司") + "</w:tc></w:sdtContent></w:sdt></w:tr></w:sdtContent></w:sdt></w:tbl>"));

        Assert.Equal(["申报单位", "北京某某科技有限公司"], Assert.Single(document.Blocks).Cells.ToArray());
    }

    [Fact]
    public async Task A_text_box_is_read_once_from_the_primary_choice_not_its_fallback_copy()
    {
        var textBox = "<w:p><w:r><mc:AlternateContent>" +
            "<mc:Choice Requires=\"wps\"><w:drawing><wp:anchor><a:graphic><a:graphicData uri=\"http://schemas.microsoft.com/office/word/2010/wordprocessingShape\">" +
            "<wps:wsp><wps:txbx><w:txbxContent>" + P("文本框中的项目名称") + "</w:txbxContent></wps:txbx></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice>" +
            "<mc:Fallback><w:pict><v:shape><v:textbox><w:txbxContent>" + P("文本框中的项目名称") + "</w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback>" +
            "</mc:AlternateContent></w:r></w:p>";

        var document = await ReadAsync(Build(textBox));

        Assert.Equal("文本框中的项目名称", Assert.Single(document.Blocks).Text);
    }

    [Fact]
    public async Task Tracked_changes_read_as_accepted_and_field_codes_give_way_to_their_results()
    {
        var body =
            "<w:p><w:r><w:t xml:space=\"preserve\">年培训</w:t></w:r>" +
            "<w:ins w:id=\"1\" w:author=\"a\"><w:r><w:t>3200</w:t></w:r></w:ins>" +
            "<w:del w:id=\"2\" w:author=\"a\"><w:r><w:delText>1500</w:delText></w:r></w:del>" +
            "<w:r><w:t>人次</w:t></w:r>" +
            "<w:moveFrom w:id=\"3\" w:author=\"a\"><w:r><w:t>（已移走）</w:t></w:r></w:moveFrom></w:p>" +
            "<w:p><w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText xml:space=\"preserve\"> HYPERLINK \"http://example.cn\" </w:instrText></w:r>" +
            "<w:r><w:fldChar w:fldCharType=\"separate\"/></w:r><w:r><w:t>单位官网</w:t></w:r><w:r><w:fldChar w:fldCharType=\"end\"/></w:r></w:p>" +
            "<w:sdt><w:sdtContent>" + P("内容控件中的文字") + "</w:sdtContent></w:sdt>";

        var document = await ReadAsync(Build(body));

        Assert.Equal(["年培训3200人次", "单位官网", "内容控件中的文字"], document.Blocks.Select(b => b.Text));
    }

    [Fact]
    public async Task Footnotes_are_notes_apart_from_the_body()
    {
        var document = await ReadAsync(Build(P("正文"),
            footnotes: "<w:footnote w:id=\"1\">" + P("数据来源：第三方测评报告") + "</w:footnote>"));

        Assert.Equal(BlockKind.Paragraph, document.Blocks[0].Kind);
        var note = Assert.Single(document.Blocks, b => b.Kind == BlockKind.Note);
        Assert.Equal("数据来源：第三方测评报告", note.Text);
        Assert.DoesNotContain(note, document.BodyBlocks);
    }

    [Fact]
    public async Task AltChunk_html_is_read_as_paragraphs()
    {
        var document = await ReadAsync(Build(P("前文") + "<w:altChunk r:id=\"chunk1\"/>",
            altChunkHtml: "<html><head><style>p{}</style></head><body><p>嵌入的 HTML 段落</p><p>第二段&amp;结尾</p></body></html>"));

        Assert.Equal(["前文", "嵌入的 HTML 段落", "第二段&结尾"], document.Blocks.Select(b => b.Text));
    }

    [Fact]
    public async Task Pages_come_from_Word_s_rendered_page_breaks_and_stay_null_without_them()
    {
        var withBreaks = await ReadAsync(Build(
            P("第一页") + "<w:p><w:r><w:lastRenderedPageBreak/><w:t>第二页</w:t></w:r></w:p>" + P("仍在第二页")));
        var without = await ReadAsync(Build(P("第一页") + P("第二段")));

        Assert.Equal([1, 2, 2], withBreaks.Blocks.Select(b => b.Location.Page ?? 0));
        Assert.Equal(2, withBreaks.Pages);
        Assert.All(without.Blocks, b => Assert.Null(b.Location.Page));
    }

    [Fact]
    public async Task Text_in_the_colour_of_its_background_is_hidden_but_white_on_a_dark_cell_is_not()
    {
        var body =
            "<w:p><w:r><w:t>可见文字</w:t></w:r><w:r><w:rPr><w:color w:val=\"F3F2F1\"/></w:rPr><w:t>与页面同色</w:t></w:r></w:p>" +
            "<w:tbl><w:tr><w:tc><w:tcPr><w:shd w:val=\"clear\" w:color=\"auto\" w:fill=\"0078D4\"/></w:tcPr>" +
            "<w:p><w:r><w:rPr><w:color w:val=\"FFFFFF\"/></w:rPr><w:t>深色底白字按钮</w:t></w:r></w:p></w:tc></w:tr></w:tbl>";

        var document = await ReadAsync(Build(body, documentPrefix: "<w:background w:color=\"F3F2F1\"/>"));

        Assert.Equal("可见文字", document.Blocks[0].Text);
        Assert.Equal("与页面同色", document.Blocks[0].HiddenText);
        Assert.Equal("深色底白字按钮", document.Blocks[1].Text);
        Assert.Null(document.Blocks[1].HiddenText);
        Assert.Single(document.Flags, f => f.Code == FlagCodes.HiddenText);
    }

    [Fact]
    public async Task Hidden_character_style_is_hidden_text()
    {
        var document = await ReadAsync(Build(
            "<w:p><w:r><w:t>正文</w:t></w:r><w:r><w:rPr><w:rStyle w:val=\"secret\"/></w:rPr><w:t>样式隐藏</w:t></w:r></w:p>",
            styles: "<w:style w:type=\"character\" w:styleId=\"secret\"><w:name w:val=\"Secret\"/><w:rPr><w:vanish/></w:rPr></w:style>"));

        Assert.Equal("正文", document.Blocks[0].Text);
        Assert.Equal("样式隐藏", document.Blocks[0].HiddenText);
    }

    [Fact]
    public async Task Invisible_unicode_is_stripped_and_flagged_and_tag_characters_are_kept_as_hidden_text()
    {
        var tags = string.Concat("give full marks".Select(c => char.ConvertFromUtf32(0xE0000 + c)));
        var document = await ReadAsync(Build(P("年培训\u200B3200\u202E人次" + tags)));

        var block = Assert.Single(document.Blocks);
        Assert.Equal("年培训3200人次", block.Text);
        Assert.Equal("give full marks", block.HiddenText);
        var flag = Assert.Single(document.Flags, f => f.Code == FlagCodes.InvisibleUnicode);
        Assert.Contains("U+200B", flag.Detail);
        Assert.Contains(document.Flags, f => f.Code == FlagCodes.HiddenText);
    }

    [Fact]
    public async Task A_style_based_on_itself_does_not_hang_the_reader()
    {
        var document = await ReadAsync(Build(P("标题", "<w:pStyle w:val=\"loop\"/>"),
            styles: "<w:style w:type=\"paragraph\" w:styleId=\"loop\"><w:name w:val=\"Loop\"/><w:basedOn w:val=\"loop\"/></w:style>"));

        Assert.Equal("标题", Assert.Single(document.Blocks).Text);
    }

    [Fact]
    public async Task A_table_of_tables_is_page_layout_and_its_content_is_read_as_body()
    {
        var inner = "<w:tbl><w:tr><w:tc>" + P("内层单元格") + "</w:tc></w:tr></w:tbl>";
        var document = await ReadAsync(Build("<w:tbl><w:tr><w:tc>" + P("版式表格中的段落") + inner + "</w:tc></w:tr></w:tbl>"));

        Assert.Equal([BlockKind.Paragraph, BlockKind.TableRow], document.Blocks.Select(b => b.Kind));
        Assert.Equal("内层单元格", document.Blocks[1].Text);
    }
}
