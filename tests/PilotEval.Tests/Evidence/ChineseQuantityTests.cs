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
    [InlineData("交易额达3千万元", 30000000, "元")]
    [InlineData("交易额达一千万元", 10000000, "元")]
    [InlineData("服务30余家单位", 30, "家")]
    [InlineData("累计培训1000多人次", 1000, "人次")]
    [InlineData("运行超过两年", 2, "年")]
    [InlineData("处置时限缩短到3个工作日", 3, "个工作日")]
    [InlineData("实操课时占62%", 62, "%")]
    [InlineData("取证率达到百分之九十五", 95, "%")]
    [InlineData("可用性达百分之九十九点九", 99.9, "%")]
    [InlineData("误报率降至百分之3", 3, "%")]
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

    [Theory]
    [InlineData("建设周期3–5年", 3, 5, "年")]
    [InlineData("建设周期3-5年", 3, 5, "年")]
    [InlineData("覆盖10至20家企业", 10, 20, "家")]
    [InlineData("每期培训30到50人", 30, 50, "人")]
    [InlineData("准确率在90%～95%之间", 90, 95, "%")]
    [InlineData("累计服务3万至5万人次", 30000, 50000, "人次")]
    [InlineData("累计服务3至5万人次", 30000, 50000, "人次")]
    public void Reads_ranges_with_both_ends(string text, double low, double high, string unit)
    {
        var quantity = Assert.Single(ChineseQuantity.Find(text));

        Assert.True(quantity.IsRange);
        Assert.Equal((low, high, unit), (quantity.Value, quantity.UpTo!.Value, quantity.Unit));
    }

    [Theory]
    [InlineData("项目于2023年6月通过验收")]
    [InlineData("2023-2024年度共开展演练")]
    [InlineData("二〇二三年完成建设")]
    [InlineData("依据GB/T 43697-2024开展分类分级")]
    [InlineData("联系电话：010-6000 0000")]
    public void Dates_standard_numbers_and_phone_numbers_are_not_quantities(string text) =>
        Assert.Empty(ChineseQuantity.Find(text));

    [Theory]
    [InlineData("平均处置时间从4小时缩短至35分钟", 240, 35, "缩短")]
    [InlineData("平均处置时间由原来的4小时缩短到35分钟", 240, 35, "缩短")]
    [InlineData("识别准确率从85%提升至96.5%", 85, 96.5, "提升")]
    [InlineData("响应时间从3天降低为1天", 3 * 1440, 1440, "降低")]
    [InlineData("误报率由12%下降到3%", 12, 3, "下降")]
    public void Reads_before_after_pairs(string text, double before, double after, string verb)
    {
        var change = Assert.Single(ChineseQuantity.FindChanges(text));

        Assert.Equal((before, after, verb), (change.Before.BaseValue, change.After.BaseValue, change.Verb));
    }

    [Fact]
    public void A_before_after_pair_knows_its_relative_change()
    {
        var change = Assert.Single(ChineseQuantity.FindChanges("从4小时缩短至35分钟"));

        Assert.Equal(-0.854, change.Change!.Value, precision: 3);
        Assert.Equal("4小时", change.Before.Text);
        Assert.Equal("35分钟", change.After.Text);
    }

    [Theory]
    [InlineData("准确率提升至96%")]
    [InlineData("从2023年起持续运行")]
    public void A_single_value_or_a_date_is_no_before_after_pair(string text) =>
        Assert.Empty(ChineseQuantity.FindChanges(text));

    [Theory]
    [InlineData("二〇二三", 2023)]
    [InlineData("一千", 1000)]
    public void Parses_digit_by_digit_years_and_thousands(string text, double value) =>
        Assert.Equal(value, ChineseQuantity.ParseNumber(text));
}
