using DocumentFormat.OpenXml.Wordprocessing;
using PilotEval.Samples.Model;

namespace PilotEval.Samples.Writing;

/// <summary>The style ids a document uses; they differ between English and Chinese Word builds.</summary>
public sealed record StyleIds(string Normal, string Heading1, string Heading2, string TableGrid)
{
    public static StyleIds For(HeadingFlavor flavor) => flavor switch
    {
        HeadingFlavor.Standard => new("Normal", "Heading1", "Heading2", "TableGrid"),
        // Chinese Word/WPS: Normal is "a", headings are numbered, Table Grid becomes "a3".
        HeadingFlavor.ChineseWord => new("a", "1", "2", "a3"),
        _ => throw new ArgumentOutOfRangeException(nameof(flavor), flavor, null),
    };
}

public static class StyleSheet
{
    public static Styles Build(StyleIds ids) =>
        new(
            new DocDefaults(
                new RunPropertiesDefault(new RunPropertiesBaseStyle(
                    new RunFonts { Ascii = "Times New Roman", HighAnsi = "Times New Roman", EastAsia = "宋体", ComplexScript = "Times New Roman" },
                    new FontSize { Val = "24" },
                    new FontSizeComplexScript { Val = "24" },
                    new Languages { Val = "en-US", EastAsia = "zh-CN", Bidi = "ar-SA" })),
                new ParagraphPropertiesDefault(new ParagraphPropertiesBaseStyle(
                    new SpacingBetweenLines { After = "0", Line = "360", LineRule = LineSpacingRuleValues.Auto }))),
            new Style(
                new StyleName { Val = "Normal" },
                new PrimaryStyle(),
                new StyleParagraphProperties(new Justification { Val = JustificationValues.Both }))
            {
                Type = StyleValues.Paragraph,
                StyleId = ids.Normal,
                Default = true,
            },
            HeadingStyle(ids.Heading1, "heading 1", level: 0, size: "32", before: "240", after: "120", ids.Normal),
            HeadingStyle(ids.Heading2, "heading 2", level: 1, size: "28", before: "120", after: "60", ids.Normal),
            new Style(
                new StyleName { Val = "Table Grid" },
                new BasedOn { Val = "TableNormal" },
                new UIPriority { Val = 59 },
                new StyleTableProperties(new TableBorders(
                    new TopBorder { Val = BorderValues.Single, Size = 4U, Space = 0U, Color = "auto" },
                    new LeftBorder { Val = BorderValues.Single, Size = 4U, Space = 0U, Color = "auto" },
                    new BottomBorder { Val = BorderValues.Single, Size = 4U, Space = 0U, Color = "auto" },
                    new RightBorder { Val = BorderValues.Single, Size = 4U, Space = 0U, Color = "auto" },
                    new InsideHorizontalBorder { Val = BorderValues.Single, Size = 4U, Space = 0U, Color = "auto" },
                    new InsideVerticalBorder { Val = BorderValues.Single, Size = 4U, Space = 0U, Color = "auto" })))
            {
                Type = StyleValues.Table,
                StyleId = ids.TableGrid,
            },
            new Style(
                new StyleName { Val = "Normal Table" },
                new UIPriority { Val = 99 },
                new SemiHidden(),
                new StyleTableProperties(
                    new TableIndentation { Width = 0, Type = TableWidthUnitValues.Dxa },
                    new TableCellMarginDefault(
                        new TopMargin { Width = "0", Type = TableWidthUnitValues.Dxa },
                        new TableCellLeftMargin { Width = 108, Type = TableWidthValues.Dxa },
                        new BottomMargin { Width = "0", Type = TableWidthUnitValues.Dxa },
                        new TableCellRightMargin { Width = 108, Type = TableWidthValues.Dxa })))
            {
                Type = StyleValues.Table,
                StyleId = "TableNormal",
                Default = true,
            });

    // Outline levels are what Word's navigation pane and most converters key on, so both flavours set them.
    private static Style HeadingStyle(string id, string name, int level, string size, string before, string after, string basedOn) =>
        new(
            new StyleName { Val = name },
            new BasedOn { Val = basedOn },
            new NextParagraphStyle { Val = basedOn },
            new UIPriority { Val = 9 },
            new PrimaryStyle(),
            new StyleParagraphProperties(
                new KeepNext(),
                new KeepLines(),
                new SpacingBetweenLines { Before = before, After = after, Line = "480", LineRule = LineSpacingRuleValues.Auto },
                new Justification { Val = JustificationValues.Left },
                new OutlineLevel { Val = level }),
            new StyleRunProperties(
                new RunFonts { Ascii = "Times New Roman", HighAnsi = "Times New Roman", EastAsia = "黑体" },
                new Bold(),
                new FontSize { Val = size },
                new FontSizeComplexScript { Val = size }))
        {
            Type = StyleValues.Paragraph,
            StyleId = id,
        };
}
