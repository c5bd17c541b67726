using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using PilotEval.Documents;
using PilotEval.Tests.Support;

namespace PilotEval.Tests.Documents;

/// <summary>
/// Every format goes through one decoder seam chosen by the file's content: OFD, legacy Word (.doc/.wps), encrypted
/// Office files, and codes that say what really happened.
/// </summary>
public sealed class FormatDecoderTests
{
    private static readonly ReaderLimits InProcess = new() { Isolation = ReadIsolation.InProcess, Ocr = false };

    private static async Task<DocumentText> Read(byte[] bytes, string name, ReaderLimits? limits = null)
    {
        using var dir = new TempDirectory();
        var path = dir.File(name);
        await File.WriteAllBytesAsync(path, bytes);
        return await TestHost.ReadAsync(path, limits ?? InProcess);
    }

    [Fact]
    public async Task Ofd_text_is_read_page_by_page_in_reading_order_with_shared_resources_and_template_notes()
    {
        var ofd = new OfdFixture()
            .Composite("700", OfdFixture.Text(0, 0, "共享资源中的文字"))
            .Template(OfdFixture.Text(20, 5, "北京市通信管理局"))
            // Written out of order: the second line first, the title last.
            .Page(OfdFixture.Text(20, 60, "第二行在下方。"), OfdFixture.Text(20, 40, "第一行在上方。"), OfdFixture.Text(20, 20, "一、申报单位基本情况"))
            .Page(OfdFixture.UseComposite("700", 20, 30), OfdFixture.Text(20, 80, "第二页正文"))
            .Signed()
            .Build();

        var document = await Read(ofd, "申报书.ofd");

        Assert.True(document.Errors.IsEmpty, string.Join("; ", document.Errors.Select(e => e.Message)));
        Assert.Equal("ofd", document.Format);
        Assert.Equal(2, document.Pages);
        var body = document.BodyBlocks.Select(b => (b.Text, b.Location.Page)).ToList();
        Assert.Equal([("一、申报单位基本情况", 1), ("第一行在上方。", 1), ("第二行在下方。", 1), ("共享资源中的文字", 2), ("第二页正文", 2)], body);
        Assert.Equal(BlockKind.Heading, document.Blocks.First(b => b.Text == "一、申报单位基本情况").Kind);
        Assert.Equal(2, document.Blocks.Count(b => b.Kind == BlockKind.Note && b.Text == "北京市通信管理局"));
    }

    [Fact]
    public async Task Ofd_lines_that_wrap_at_the_right_margin_are_one_paragraph()
    {
        var ofd = new OfdFixture().Page(
            OfdFixture.Text(20, 20, "本项目面向电信和互联网企业数据安全管理，"),
            OfdFixture.Text(20, 26, "建立分级分类制度。"),
            OfdFixture.Text(20, 40, "另起一段。")).Build();

        var document = await Read(ofd, "wrap.ofd");

        Assert.Equal(["本项目面向电信和互联网企业数据安全管理，建立分级分类制度。", "另起一段。"], document.BodyBlocks.Select(b => b.Text));
    }

    [Fact]
    public async Task Ofd_text_in_private_use_code_points_is_garbled_and_never_read()
    {
        var garbage = string.Concat(Enumerable.Range(0, 40).Select(i => (char)(0xE100 + i * 7)));
        var ofd = new OfdFixture().Page(OfdFixture.Text(20, 20, "封面标题")).Page(OfdFixture.Text(20, 20, garbage)).Build();

        var document = await Read(ofd, "ano.ofd");

        Assert.True(document.Errors.IsEmpty);
        Assert.Contains(document.Flags, f => f.Code == FlagCodes.GarbledText && f.Location?.Page == 2);
        Assert.DoesNotContain(document.Blocks, b => b.Text.Any(c => c is >= '\uE000' and <= '\uF8FF'));
        Assert.Contains(document.Blocks, b => b.Text == "封面标题");
    }

    [Fact]
    public async Task An_image_only_ofd_page_needs_ocr_when_ocr_is_off()
    {
        var png = new byte[4096];
        new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }.CopyTo(png, 0);
        var ofd = new OfdFixture().Image("800", png).Page(OfdFixture.Text(20, 20, "正文")).Page(OfdFixture.UseImage("800")).Build();

        var document = await Read(ofd, "scan.ofd");

        var flag = Assert.Single(document.Flags, f => f.Code == FlagCodes.NeedsOcr);
        Assert.Equal(2, flag.Location?.Page);
    }

    [Fact]
    public async Task A_format_is_chosen_by_content_not_by_name()
    {
        var ofd = new OfdFixture().Page(OfdFixture.Text(20, 20, "改了扩展名的 OFD")).Build();

        var document = await Read(ofd, "application.docx");

        Assert.Equal("ofd", document.Format);
        Assert.Contains(document.Blocks, b => b.Text.Contains("OFD", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_encrypted_docx_in_its_ole2_envelope_is_encrypted()
    {
        var file = Ole2Fixture.Build(("EncryptionInfo", new byte[200]), ("EncryptedPackage", new byte[5000]));

        var document = await Read(file, "locked.docx");

        var error = Assert.Single(document.Errors);
        Assert.Equal(FileErrorCodes.Encrypted, error.Code);
        Assert.Contains("locked.docx", error.Message);
    }

    [Fact]
    public async Task A_doc_whose_fib_says_encrypted_is_encrypted()
    {
        var file = Ole2Fixture.Build(("WordDocument", Ole2Fixture.WordDocument(encrypted: true)), ("1Table", new byte[100]));

        var document = await Read(file, "locked.doc");

        Assert.Equal(FileErrorCodes.Encrypted, Assert.Single(document.Errors).Code);
    }

    [Fact]
    public async Task A_plain_doc_without_libreoffice_is_unsupported_saying_what_to_do_never_encrypted()
    {
        var file = Ole2Fixture.Build(("WordDocument", Ole2Fixture.WordDocument(encrypted: false)), ("1Table", new byte[100]));

        var document = await Read(file, "申报书.doc", InProcess with { LibreOffice = "" });

        var error = Assert.Single(document.Errors);
        Assert.Equal(FileErrorCodes.UnsupportedFormat, error.Code);
        Assert.Contains("申报书.doc", error.Message);
        Assert.Contains("LibreOffice", error.Message);
        Assert.Contains(".docx", error.Message);
        Assert.DoesNotContain("损坏", error.Message);
    }

    [Fact]
    public async Task An_excel_file_is_unsupported_not_encrypted()
    {
        var file = Ole2Fixture.Build(("Workbook", new byte[100]));

        var document = await Read(file, "table.doc");

        Assert.Equal(FileErrorCodes.UnsupportedFormat, Assert.Single(document.Errors).Code);
    }

    [Fact]
    public void Every_decoder_is_registered_once_and_claims_its_own_kind()
    {
        using var provider = TestHost.Create();
        var decoders = provider.GetServices<IContentDecoder>().ToList();

        Assert.Equal(["pdf", "docx", "ofd", "doc", "ole2"], decoders.Select(d => d.Format));
        var ofd = SniffedContent.Of(new OfdFixture().Page(OfdFixture.Text(0, 0, "x")).Build());
        Assert.Single(decoders, d => d.CanDecode(ofd));
    }

    [Fact]
    public async Task A_new_format_is_one_class_and_its_registration()
    {
        using var dir = new TempDirectory();
        var path = dir.File("note.txt");
        await File.WriteAllTextAsync(path, "PLAIN\n纯文本申报书");
        using var provider = TestHost.Create(s =>
        {
            s.AddSingleton(InProcess);
            s.AddSingleton<IContentDecoder, PlainTextDecoder>();
        });

        var document = await provider.GetRequiredService<DocumentReader>().ReadAsync(path, "note.txt", CancellationToken.None);

        Assert.Equal("plain", document.Format);
        Assert.Equal("纯文本申报书", Assert.Single(document.Blocks).Text);
    }

    [Fact]
    public void Partially_read_pages_are_written_as_ranges_and_read_back()
    {
        var flag = new DocumentFlag(FlagCodes.PartiallyRead, PartialRead.Detail("OCR 到第 12 页时达到读取时限", [12, 13, 14, 20]));

        Assert.Contains("12–14、20", flag.Detail);
        Assert.Equal([12, 13, 14, 20], PartialRead.UnreadPages(flag));
    }

    [Fact]
    public async Task A_pdf_the_parser_cannot_open_is_given_up_without_ocr()
    {
        var counter = new StrongBox<int>();
        PageOcr.RunCounter.Value = counter;
        using var dir = new TempDirectory();
        var path = dir.File("fuzzed.pdf");
        await File.WriteAllBytesAsync(path, Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n3 0 obj << /Type /Page /Parent 2 0 R /Contents 4 0 R >> endobj\n4 0 obj << /Length 99999 /Filter /FlateDecode >> stream\n\x01\x02garbage\nendstream endobj\ntrailer << /Root 1 0 R >>\n%%EOF"));

        var document = await TestHost.ReadAsync(path, InProcess with { Ocr = true });

        Assert.Equal(0, counter.Value);
        Assert.DoesNotContain(document.Flags, f => f.Code == FlagCodes.OcrApplied);
    }

    /// <summary>A decoder as a new format would add it: this one reads text files that start with PLAIN.</summary>
    private sealed class PlainTextDecoder : IContentDecoder
    {
        public string Format => "plain";

        public bool CanDecode(SniffedContent content) => content.Container == FileFormat.Unknown;

        public DocumentText Decode(DecodeRequest request, CancellationToken cancellationToken)
        {
            var lines = Encoding.UTF8.GetString(request.Bytes).Split('\n');
            if (lines[0] != "PLAIN") throw new InvalidDataException("not a PLAIN file");
            var blocks = lines.Skip(1).Select((l, i) => new Block(BlockKind.Paragraph, l, new SourceLocation(request.Name, null, i + 1)));
            return new DocumentText(request.Name, Format, null, [.. blocks], [], ImmutableArray<FileError>.Empty);
        }
    }
}
