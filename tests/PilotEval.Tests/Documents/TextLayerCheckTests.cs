using PilotEval.Documents;

namespace PilotEval.Tests.Documents;

public sealed class TextLayerCheckTests
{
    [Theory]
    [InlineData("本单位成立于2015年，注册地为北京市海淀区，年培训数据安全人才3200人次。")]
    [InlineData("汽車保險索償申請表，請用正楷填寫，並附上所有有關文件。")]
    [InlineData("The applicant trains 3200 people a year in data security.")]
    [InlineData("Le demandeur forme 3200 personnes par année à la sécurité des données.")]
    [InlineData("LS-DYNA 程序系列，主要包括显式 LS-DYNA2D、LS-DYNA3D 与 ANSYS/LS-DYNA。")]
    public void Real_text_is_not_garbled(string text) => Assert.Equal(GarbleKind.None, TextLayerCheck.Classify(text));

    [Theory]
    [InlineData("»ùÒòÍâÏÔ×Ó ºÍ Î¢ÎÀÐÇÔî À©Ôö²úÎï", "Latin1Mojibake")]
    [InlineData("૽⤧⠙⿿ㅢ⠧䚻ᄯᓤტຖ”ංઑᅄເᚒⲰ䚡૽ເ㦯ᴋ✭។㇉⨫位㡇ᤖ༬⧉⥶㓳位", "CjkGarbage")]
    [InlineData("緡牪疧瑥稗璂搝臑抁䛑縍괷牦鍞鶗鑾鸘鬮黂", "CjkGarbage")]
    [InlineData("3HQČåQtSURVWĜHGN\\QD~þWHFK", "LatinGarbage")]
    public void Garbage_is_recognised_by_kind(string text, string kind) => Assert.Equal(kind, TextLayerCheck.Classify(text).ToString());

    [Fact]
    public void GBK_read_as_Latin_1_is_recovered()
    {
        Assert.Equal("基因外显子和微卫星灶", TextLayerCheck.RecoverGbk("»ùÒòÍâÏÔ×ÓºÍÎ¢ÎÀÐÇÔî"));
    }

    [Fact]
    public void Latin_1_text_that_is_not_GBK_is_not_recovered()
    {
        Assert.Null(TextLayerCheck.RecoverGbk("êêêÆÆÆ###(((¯¯¯KKK)))"));
    }

    [Theory]
    [InlineData("目 录", "目录")]
    [InlineData("项 目 名 称", "项目名称")]
    [InlineData("数量 比例 发行新股", "数量 比例 发行新股")]
    [InlineData("1 2 3", "1 2 3")]
    public void Letter_spaced_Chinese_lines_are_rejoined_but_table_cells_keep_their_gaps(string line, string expected) =>
        Assert.Equal(expected, PdfReader.RejoinLetterSpaced(line));

    [Fact]
    public void Tesseract_output_is_joined_without_spaces_between_Chinese_characters()
    {
        Assert.Equal(["第一篇商品和货币", "商品首先是一个外界的对象。"],
            PageOcr.Paragraphs("第 一 篇 商 品 和 货 币\n\n商 品 首 先 是 一 个\n外 界 的 对 象 。\n\n丨\n"));
    }
}
