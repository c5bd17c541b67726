using DocumentFormat.OpenXml.Wordprocessing;
using PilotEval.Tests.Support;

namespace PilotEval.Tests.Integrity;

/// <summary>A small but complete 申报书 as a .docx: cover table, the form's sections, the pledge, and the prose given.</summary>
public sealed class ApplicationFixture(string company, string track = "人才培养")
{
    private readonly List<Action<DocxFixture>> _body = [];

    public ApplicationFixture Paragraphs(params string[] paragraphs)
    {
        foreach (var p in paragraphs) _body.Add(d => d.Paragraph(p));
        return this;
    }

    public ApplicationFixture Hidden(string visible, string hidden, RunProperties hiding)
    {
        _body.Add(d => d.ParagraphWithHiddenRun(visible, hidden, hiding));
        return this;
    }

    public string Save(string path)
    {
        var docx = new DocxFixture().NumericHeadingStyles()
            .Table(["项目名称", $"{company}数据安全人才实训项目"], ["申报单位", $"北京{company}科技有限公司"],
                ["申报方向", track], ["注册地", "北京市海淀区中关村大街1号"])
            .Heading("1", "一、申报单位基本情况")
            .Paragraph($"北京{company}科技有限公司成立于2015年，注册地：北京市海淀区中关村大街1号。")
            .Heading("1", "二、项目概述")
            .Paragraph("项目已于2023年6月通过验收并正式投入使用，稳定运行至今。")
            .Heading("1", "三、实施方案");
        foreach (var add in _body) add(docx);
        docx.Heading("1", "五、应用成效")
            .Heading("1", "六、推广价值")
            .Heading("1", "十、承诺与推荐意见")
            .Paragraph("本单位承诺近三年未发生较大及以上数据安全事件，未受到数据安全相关行政处罚。");
        return docx.Save(path);
    }

    public static RunProperties Vanish() => new(new Vanish());

    public static RunProperties White() => new(new Color { Val = "FFFFFF" });
}
