using System.Collections.Immutable;
using PilotEval.Documents;
using PilotEval.Tests.Support;

namespace PilotEval.Tests.Documents;

/// <summary>
/// A .doc or .wps is read as the .docx LibreOffice makes of it, which records no page breaks; its page numbers come
/// from LibreOffice's PDF rendering of the same file, so quotes from a legacy Word file carry pages like a PDF's.
/// </summary>
public sealed class LegacyWordPagesTests
{
    private static readonly ReaderLimits Limits = new() { Isolation = ReadIsolation.InProcess, Ocr = false, Timeout = TimeSpan.FromMinutes(5) };

    [CorpusLibreOfficeFact]
    public async Task The_real_doc_of_the_corpus_is_cited_on_the_pages_libre_office_renders()
    {
        var document = await TestHost.ReadAsync(Path.Combine(RepoPaths.Corpus, "DaChuangFiles", "hfut-innovation-rules-2017.doc"), Limits);

        Assert.True(document.Errors.IsEmpty, string.Join("; ", document.Errors.Select(e => e.Message)));
        Assert.Equal(6, document.Pages);
        // The pages pdftotext shows for LibreOffice's rendering of this file (MANIFEST-formats.tsv: 6 pages).
        Assert.Equal(1, PageOf(document, "合工大政发〔2017〕13号"));
        Assert.Equal(2, PageOf(document, "第一章 项目申报与评审"));
        Assert.Equal(3, PageOf(document, "第二章 项目管理"));
        // Begins at the foot of page 3 and runs on to page 4: cited where it begins.
        Assert.Equal(3, PageOf(document, "项目立项后，项目负责人、指导教师"));
        Assert.Equal(4, PageOf(document, "第十一条 经费管理"));
        Assert.Equal(5, PageOf(document, "第三章 保障机制"));
        Assert.Equal(6, PageOf(document, "5、合肥工业大学大学生创新创业训练计划项目合同书"));
        AssertPagesRunInOrder(document);
    }

    [LibreOfficeFact]
    public async Task A_doc_saved_from_word_is_cited_on_its_pages_both_at_page_breaks_and_where_text_flows_over()
    {
        using var dir = new TempDirectory();
        var body = new System.Text.StringBuilder();
        body.Append(RawDocx.P("第一页：申报单位基本情况")).Append(PageBreak);
        body.Append(RawDocx.P("第二页：项目建设内容")).Append(PageBreak);
        body.Append(RawDocx.P("第三页：应用成效"));
        // Enough text to flow over several more pages with no break written anywhere.
        for (var i = 1; i <= 90; i++)
            body.Append(RawDocx.P($"第{i}段：平台累计处理数据安全事件{i * 7}起，建成分类分级目录{i}项，培训人员{i * 30}人次，形成可复制推广的经验做法。"));
        var docx = RawDocx.Save(dir.File("申报书.docx"), RawDocx.Build(body.ToString()));
        var path = dir.File("申报书.doc");
        await File.WriteAllBytesAsync(path, LegacyWordFixture.Convert(docx, "doc", dir.Path));

        var document = await TestHost.ReadAsync(path, Limits);

        Assert.True(document.Errors.IsEmpty, string.Join("; ", document.Errors.Select(e => e.Message)));
        Assert.Equal("doc", document.Format);
        Assert.Equal(1, PageOf(document, "第一页"));
        Assert.Equal(2, PageOf(document, "第二页"));
        Assert.Equal(3, PageOf(document, "第三页"));
        Assert.True(document.Pages >= 5, $"{document.Pages} pages: the flowing text should need several");
        Assert.Equal(document.Pages, PageOf(document, "第90段"));
        Assert.True(PageOf(document, "第45段") is > 3 and var middle && middle < document.Pages, "the middle paragraph is on a middle page");
        AssertPagesRunInOrder(document);
    }

    [Fact]
    public void Blocks_are_cited_where_they_start_and_a_block_not_found_only_between_two_on_the_same_page()
    {
        var document = Document(
            (BlockKind.Heading, "一、申报单位基本情况"),
            (BlockKind.Paragraph, "本单位成立于2015年，主营数据安全服务，现有员工三百余人。"),
            (BlockKind.Ocr, "盖章页识别文字"),
            (BlockKind.Paragraph, "项目建设内容包括数据分类分级平台与安全监测系统两个部分。"),
            (BlockKind.Note, "页眉：申报书"),
            (BlockKind.Paragraph, "不在渲染结果中的一段文字，无法定位"),
            (BlockKind.Paragraph, "应用成效：累计处置风险事件四十二起。"));
        string[] pages =
        [
            "申报书一、申报单位基本情况本单位成立于2015年，主营数据安全服务，",
            "现有员工三百余人。项目建设内容包括数据分类分级平台与安全监测系统两个部分。",
            "申报书应用成效：累计处置风险事件四十二起。",
        ];

        var mapped = RenderedPages.Apply(document, pages);

        Assert.Equal(3, mapped.Pages);
        Assert.Equal([1, 1, null, 2, null, null, 3], mapped.Blocks.Select(b => b.Location.Page));
        // The hidden-text flag on the paragraph that starts on page 1 is cited there too.
        Assert.Equal(1, Assert.Single(mapped.Flags).Location!.Page);
    }

    [Fact]
    public void A_block_not_found_between_two_on_one_page_takes_that_page()
    {
        var document = Document(
            (BlockKind.Paragraph, "第一段在第二页开头，文字足够长可以定位。"),
            (BlockKind.Ocr, "图片中的文字"),
            (BlockKind.Paragraph, "第三段也在第二页，同样可以定位。"));

        var mapped = RenderedPages.Apply(document, ["封面", "第一段在第二页开头，文字足够长可以定位。第三段也在第二页，同样可以定位。"]);

        Assert.Equal([2, 2, 2], mapped.Blocks.Select(b => b.Location.Page));
    }

    private const string PageBreak = "<w:p><w:r><w:br w:type=\"page\"/></w:r></w:p>";

    private static DocumentText Document(params (BlockKind Kind, string Text)[] blocks)
    {
        var built = blocks.Select((b, i) => new Block(b.Kind, b.Text, new SourceLocation("a.doc", null, i + 1))).ToImmutableArray();
        return new DocumentText("a.doc", "doc", null, built,
            [new DocumentFlag(FlagCodes.HiddenText, "不可见文字", new SourceLocation("a.doc", null, 2))], []);
    }

    private static int? PageOf(DocumentText document, string text) =>
        document.Blocks.First(b => TextNormalizer.WithoutWhiteSpace(b.Text).Contains(TextNormalizer.WithoutWhiteSpace(text), StringComparison.Ordinal)).Location.Page;

    /// <summary>Every body block has a page, and pages never go back in reading order.</summary>
    private static void AssertPagesRunInOrder(DocumentText document)
    {
        var pages = document.Blocks.Where(b => b.Kind != BlockKind.Note).Select(b => b.Location.Page).ToList();
        Assert.All(pages, p => Assert.NotNull(p));
        Assert.Equal(pages.Order(), pages);
        Assert.Equal(1, pages[0]);
        Assert.Equal(document.Pages, pages[^1]);
    }
}

/// <summary>A fact about a corpus file read through LibreOffice; skipped, saying which is missing.</summary>
public sealed class CorpusLibreOfficeFactAttribute : FactAttribute
{
    public CorpusLibreOfficeFactAttribute()
    {
        if (!Directory.Exists(RepoPaths.Corpus)) Skip = $"corpus not found at {RepoPaths.Corpus} (set PILOTEVAL_CORPUS or put it at ../shared/corpus)";
        else if (ExternalTools.LibreOffice is null) Skip = "LibreOffice is not installed (apt-get install -y libreoffice-writer-nogui)";
    }
}
