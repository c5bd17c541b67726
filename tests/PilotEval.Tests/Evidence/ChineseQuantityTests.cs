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
    [InlineData("交易额达一千万元", 1000, "万元")]
    [InlineData("促成数据交易金额4.8亿元", 4.8, "亿元")]
    [InlineData("为客户节约成本约360万元", 360, "万元")]
    [InlineData("持证比例约为六成", 60, "%")]
    [InlineData("半小时以内完成处置", 0.5, "小时")]
    [InlineData("一个半小时内恢复", 1.5, "小时")]
    [InlineData("每季度组织一次演练", 4, "次/年")]
    [InlineData("每月开展2次巡检", 24, "次/年")]
    [InlineData("数据量达1.5PB", 1.5, "PB")]
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
    [InlineData("在全国数据安全职业技能竞赛中取得第三名")]
    [InlineData("获评前十名")]
    [InlineData("持有增值电信业务经营许可证京B2-20190123号")]
    [InlineData("符合GB/T 35273-2020要求")]
    [InlineData("提供7×24小时值守")]
    [InlineData("上半年完成部署")]
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

    [Theory]
    [InlineData("项目实施前，平均需要4小时以上才能发现异常", QuantityRole.Baseline)]
    [InlineData("改造前平均发现时间为4小时", QuantityRole.Baseline)]
    [InlineData("原来人工核查需要3天", QuantityRole.Baseline)]
    [InlineData("较改造前缩短了75%", QuantityRole.Achieved)]
    [InlineData("平均发现时间为25分钟", QuantityRole.Achieved)]
    [InlineData("计划于2025年底前覆盖50家单位", QuantityRole.Target)]
    [InlineData("下一步将扩展至50家，目前已覆盖30家", QuantityRole.Achieved)]
    public void A_number_knows_whether_it_is_the_result_the_situation_before_or_a_goal(string text, QuantityRole role) =>
        Assert.Equal(role, ChineseQuantity.Find(text).Last().Role);

    [Fact]
    public void From_x_to_y_keeps_both_ends_x_as_the_baseline()
    {
        var quantities = ChineseQuantity.Find("平均处置时间从4小时缩短至35分钟").ToList();

        Assert.Equal([QuantityRole.Baseline, QuantityRole.Achieved], quantities.Select(q => q.Role));
        Assert.Equal([240.0, 35.0], quantities.Select(q => q.BaseValue));
    }

    [Theory]
    [InlineData("年度培训人次：3200", 3200, "人次")]
    [InlineData("全年培训人次方面，累计达3,200", 3200, "人次")]
    [InlineData("交易金额（万元）：4800", 4800, "万元")]
    public void A_bare_number_takes_its_unit_from_the_measure_named_before_it(string text, double value, string unit)
    {
        var quantity = Assert.Single(ChineseQuantity.Find(text));

        Assert.Equal((value, unit), (quantity.Value, quantity.Unit));
        Assert.NotNull(quantity.Measure);
    }

    [Fact]
    public void A_bare_number_in_a_table_takes_its_row_or_column_label()
    {
        var reader = QuantityReader.Default;

        Assert.Equal(("人次", 3200.0), reader.Read("3200", "年度培训人次") is [var row] ? (row.Unit, row.Value) : default);
        Assert.Equal(("万元", 4800.0), reader.Read("4800", "交易金额（万元）") is [var column] ? (column.Unit, column.Value) : default);
        Assert.Empty(reader.Read("3200", "备注"));
    }

    [Fact]
    public void Units_of_a_dimension_compare_in_its_base_unit()
    {
        var units = ChineseQuantity.Units;

        Assert.Equal(("元", 4.8e8), (units.BaseUnit("亿元"), 4.8 * units.Factor("亿元")));
        Assert.Equal(("分钟", 180.0), (units.BaseUnit("小时"), 3 * units.Factor("小时")));
        Assert.Equal(("GB", 1.5 * 1024 * 1024), (units.BaseUnit("PB"), 1.5 * units.Factor("PB")));
    }
}
