using DocumentFormat.OpenXml.Wordprocessing;
using PilotEval.Documents;
using PilotEval.Tests.Support;

namespace PilotEval.Tests.Documents;

public sealed class DocumentReaderTests
{
    [Fact]
    public async Task Encrypted_pdf_is_reported_as_encrypted_naming_the_file()
    {
        var document = await TestHost.ReadAsync(Path.Combine(RepoPaths.Fixtures, "encrypted.pdf"));

        var error = Assert.Single(document.Errors);
        Assert.Equal("encrypted", error.Code);
        Assert.Contains("encrypted.pdf", error.Message);
        Assert.Empty(document.Blocks);
    }

    [Fact]
    public async Task Truncated_docx_is_corrupt()
    {
        using var dir = new TempDirectory();
        var bytes = new DocxFixture().Paragraph("项目名称：测试").ToBytes();
        var path = dir.File("truncated.docx");
        await File.WriteAllBytesAsync(path, bytes[..(bytes.Length / 2)]);

        var document = await TestHost.ReadAsync(path);

        Assert.Equal("corrupt", Assert.Single(document.Errors).Code);
        Assert.Contains("truncated.docx", document.Errors[0].Message);
    }

    [Fact]
    public async Task Png_renamed_to_pdf_is_an_unsupported_format_recognised_by_content()
    {
        using var dir = new TempDirectory();
        var path = dir.File("scan.pdf");
        await File.WriteAllBytesAsync(path, [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);

        var document = await TestHost.ReadAsync(path);

        var error = Assert.Single(document.Errors);
        Assert.Equal("unsupported-format", error.Code);
        Assert.Contains("scan.pdf", error.Message);
        Assert.Contains("PNG", error.Message);
    }

    [Fact]
    public async Task An_ole2_header_with_nothing_behind_it_is_corrupt_not_encrypted()
    {
        // Only an OLE2 file that holds an encrypted package is encrypted (FormatDecoderTests); a bare header is broken.
        using var dir = new TempDirectory();
        var path = dir.File("protected.docx");
        await File.WriteAllBytesAsync(path, [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, .. new byte[504]]);

        var document = await TestHost.ReadAsync(path);

        Assert.Equal("corrupt", Assert.Single(document.Errors).Code);
    }

    [Fact]
    public async Task Empty_file_is_empty()
    {
        using var dir = new TempDirectory();
        var path = dir.File("blank.docx");
        await File.WriteAllBytesAsync(path, []);

        Assert.Equal("empty", Assert.Single((await TestHost.ReadAsync(path)).Errors).Code);
    }

    [Fact]
    public async Task File_over_the_size_limit_is_too_large()
    {
        using var dir = new TempDirectory();
        var path = new DocxFixture().Paragraph("内容").Save(dir.File("big.docx"));

        var document = await TestHost.ReadAsync(path, new ReaderLimits { MaxFileBytes = 100 });

        Assert.Equal("too-large", Assert.Single(document.Errors).Code);
    }

    [Fact]
    public async Task Docx_with_a_misleading_extension_is_read_by_content()
    {
        using var dir = new TempDirectory();
        var path = new DocxFixture().Paragraph("这是一份以 .pdf 命名的 Word 文档。").Save(dir.File("application.pdf"));

        var document = await TestHost.ReadAsync(path);

        Assert.Empty(document.Errors);
        Assert.Equal("docx", document.Format);
        Assert.Equal("这是一份以 .pdf 命名的 Word 文档。", Assert.Single(document.Blocks).Text);
    }
}
