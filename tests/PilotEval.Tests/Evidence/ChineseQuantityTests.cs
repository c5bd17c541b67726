using PilotEval.Evidence;

namespace PilotEval.Tests.Evidence;

public sealed class ChineseQuantityTests
{
    [Theory]
    [InlineData("年培训3200人次", 3200, "人次")]
    [InlineData("年培训 3,200 人次", 3200, "人次")]
    [InlineData("累计培训1.2万人次", 12000, "人次")]
    [InlineData("服务三十家单位", 30, "家")]
    [InlineData("覆盖两百个系统", 200, "个")]
    [InlineData("数据量达3.2PB", 3.2, "PB")]
    [InlineData("准确率达到96.5%", 96.5, "%")]
    [InlineData("准确率达到96.5％", 96.5, "%")]
    [InlineData("平均响应时间35分钟", 35, "分钟")]
    [InlineData("累计调用1.5亿次", 150000000, "次")]
    public void Finds_numbers_with_units(string text, double value, string unit)
    {
        var quantity = Assert.Single(ChineseQuantity.Find(text));

        Assert.Equal(value, quantity.Value, precision: 6);
        Assert.Equal(unit, quantity.Unit);
    }

    [Fact]
    public void Times_compare_in_one_base_unit()
    {
        var quantities = ChineseQuantity.Find("从4小时缩短至35分钟").ToList();

        Assert.Equal([240.0, 35.0], quantities.Select(q => q.BaseValue));
    }

    [Theory]
    [InlineData("十", 10)]
    [InlineData("十二", 12)]
    [InlineData("二十三", 23)]
    [InlineData("一百零五", 105)]
    [InlineData("两千", 2000)]
    public void Parses_chinese_numerals(string text, double value) =>
        Assert.Equal(value, ChineseQuantity.ParseNumber(text));
}
