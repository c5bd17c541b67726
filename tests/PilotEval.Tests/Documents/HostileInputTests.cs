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

    [Fact]
    public async Task A_runaway_allocation_in_the_worker_is_too_large_and_the_next_file_still_reads()
    {
        using var dir = new TempDirectory();
        var hungry = new DocxFixture();
        for (var i = 0; i < 200; i++) hungry.Paragraph(RandomChinese(60_000, seed: i));
        var hungryPath = hungry.Save(dir.File("hungry.docx"));
        var quickPath = new DocxFixture().Paragraph("项目名称：测试").Save(dir.File("quick.docx"));
        var limits = new ReaderLimits { MaxWorkerMemoryBytes = 96L * 1024 * 1024, Timeout = TimeSpan.FromSeconds(60) };
        using var reader = new DocumentReader(limits, Microsoft.Extensions.Logging.Abstractions.NullLogger<DocumentReader>.Instance);

        var refused = await reader.ReadAsync(hungryPath, "hungry.docx", CancellationToken.None);
        var next = await reader.ReadAsync(quickPath, "quick.docx", CancellationToken.None);

        Assert.True(refused.Errors.Single().Code == "too-large", refused.Errors.Single().Message);
        Assert.Equal("项目名称：测试", Assert.Single(next.Blocks).Text);
    }

    private static string RandomChinese(int length, int seed)
    {
        var random = new Random(seed);
        var text = new StringBuilder(length);
        for (var i = 0; i < length; i++) text.Append((char)random.Next(0x4E00, 0x9FA5));
        return text.ToString();
    }
}
