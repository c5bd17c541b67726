using System.Text;
using PilotEval.Documents;
using PilotEval.Tests.Support;

namespace PilotEval.Tests.Documents;

/// <summary>Files built to hurt the reader: each costs a bounded amount and never the batch.</summary>
public sealed class HostileInputTests
{
    [Fact]
    public async Task A_part_that_inflates_past_the_limit_is_too_large()
    {
        using var dir = new TempDirectory();
        var path = new DocxFixture().Paragraph(RandomChinese(400_000, seed: 1)).Save(dir.File("big-part.docx"));

        var document = await TestHost.ReadAsync(path, new ReaderLimits { MaxInflatedPartBytes = 1024 * 1024 });

        Assert.Equal("too-large", Assert.Single(document.Errors).Code);
    }

    [Fact]
    public async Task A_part_with_a_zip_bomb_compression_ratio_is_too_large()
    {
        using var dir = new TempDirectory();
        var path = new DocxFixture().Paragraph(new string('数', 3_000_000)).Save(dir.File("bomb.docx"));

        var document = await TestHost.ReadAsync(path);

        var error = Assert.Single(document.Errors);
        Assert.Equal("too-large", error.Code);
        Assert.Contains("压缩比", error.Message);
    }

    [Fact]
    public async Task A_read_over_the_time_limit_is_a_timeout_naming_the_file()
    {
        using var dir = new TempDirectory();
        var slow = new DocxFixture();
        for (var i = 0; i < 3000; i++) slow.Paragraph($"第{i}段：{RandomChinese(40, seed: i)}");
        var slowPath = slow.Save(dir.File("slow.docx"));

        var timedOut = await TestHost.ReadAsync(slowPath, new ReaderLimits { Timeout = TimeSpan.FromMilliseconds(1) });

        var error = Assert.Single(timedOut.Errors);
        Assert.Equal("timeout", error.Code);
        Assert.Contains("slow.docx", error.Message);
    }

    /// <summary>
    /// The memory tests must be stopped by the memory limit, never by the clock: at 60 s a busy CI machine (load 35 and
    /// a build looping beside it) timed the worker out before it had allocated 96 MB. The limit only bounds a failure.
    /// </summary>
    private static readonly TimeSpan MemoryNotClock = TimeSpan.FromMinutes(15);

    [Fact]
    public async Task A_runaway_allocation_in_the_worker_is_too_large_and_the_next_file_still_reads()
    {
        using var dir = new TempDirectory();
        var hungry = new DocxFixture();
        for (var i = 0; i < 200; i++) hungry.Paragraph(RandomChinese(60_000, seed: i));
        var hungryPath = hungry.Save(dir.File("hungry.docx"));
        var quickPath = new DocxFixture().Paragraph("项目名称：测试").Save(dir.File("quick.docx"));
        var limits = new ReaderLimits { MaxWorkerMemoryBytes = 96L * 1024 * 1024, Timeout = MemoryNotClock };
        using var reader = new DocumentReader(limits, Microsoft.Extensions.Logging.Abstractions.NullLogger<DocumentReader>.Instance);

        var refused = await reader.ReadAsync(hungryPath, "hungry.docx", CancellationToken.None);
        var next = await reader.ReadAsync(quickPath, "quick.docx", CancellationToken.None);

        Assert.True(refused.Errors.SingleOrDefault()?.Code == "too-large", PilotEval.Publishing.DocumentListing.Text(refused));
        Assert.Equal("项目名称：测试", Assert.Single(next.Blocks).Text);
    }

    [Fact]
    public async Task A_PDF_decompression_bomb_is_too_large_before_parsing_and_the_next_file_still_reads()
    {
        using var dir = new TempDirectory();
        var bombPath = dir.File("bomb.pdf");
        await File.WriteAllBytesAsync(bombPath, PdfWithContentStream(inflatedBytes: 400L * 1024 * 1024));
        var quickPath = new DocxFixture().Paragraph("项目名称：测试").Save(dir.File("quick.docx"));
        var limits = new ReaderLimits { MaxWorkerMemoryBytes = 128L * 1024 * 1024, Timeout = MemoryNotClock };
        using var reader = new DocumentReader(limits, Microsoft.Extensions.Logging.Abstractions.NullLogger<DocumentReader>.Instance);

        var refused = await reader.ReadAsync(bombPath, "bomb.pdf", CancellationToken.None);
        var next = await reader.ReadAsync(quickPath, "quick.docx", CancellationToken.None);

        Assert.True(refused.Errors.SingleOrDefault()?.Code == "too-large", PilotEval.Publishing.DocumentListing.Text(refused));
        Assert.Equal("项目名称：测试", Assert.Single(next.Blocks).Text);
    }

    /// <summary>A one-page PDF whose content stream is a few hundred KB of Flate that inflates to <paramref name="inflatedBytes"/>.</summary>
    private static byte[] PdfWithContentStream(long inflatedBytes)
    {
        using var compressed = new MemoryStream();
        using (var zlib = new System.IO.Compression.ZLibStream(compressed, System.IO.Compression.CompressionLevel.Fastest, leaveOpen: true))
        {
            var chunk = Encoding.ASCII.GetBytes(new string(' ', 1 << 20));
            for (long written = 0; written < inflatedBytes; written += chunk.Length) zlib.Write(chunk);
        }
        var pdf = new MemoryStream();
        var offsets = new List<long>();
        void Write(string text) => pdf.Write(Encoding.ASCII.GetBytes(text));
        Write("%PDF-1.4\n");
        offsets.Add(pdf.Position);
        Write("1 0 obj <</Type/Catalog/Pages 2 0 R>> endobj\n");
        offsets.Add(pdf.Position);
        Write("2 0 obj <</Type/Pages/Kids[3 0 R]/Count 1>> endobj\n");
        offsets.Add(pdf.Position);
        Write("3 0 obj <</Type/Page/Parent 2 0 R/MediaBox[0 0 612 792]/Contents 4 0 R>> endobj\n");
        offsets.Add(pdf.Position);
        Write($"4 0 obj <</Length {compressed.Length}/Filter/FlateDecode>>\nstream\n");
        compressed.Position = 0;
        compressed.CopyTo(pdf);
        Write("\nendstream\nendobj\n");
        var xref = pdf.Position;
        Write($"xref\n0 {offsets.Count + 1}\n0000000000 65535 f \n");
        foreach (var offset in offsets) Write($"{offset:D10} 00000 n \n");
        Write($"trailer <</Size {offsets.Count + 1}/Root 1 0 R>>\nstartxref\n{xref}\n%%EOF\n");
        return pdf.ToArray();
    }

    private static string RandomChinese(int length, int seed)
    {
        var random = new Random(seed);
        var text = new StringBuilder(length);
        for (var i = 0; i < length; i++) text.Append((char)random.Next(0x4E00, 0x9FA5));
        return text.ToString();
    }
}
