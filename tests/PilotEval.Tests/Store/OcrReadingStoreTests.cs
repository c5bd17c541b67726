using System.Text.Json;
using System.Text.Json.Nodes;
using PilotEval.Documents;
using PilotEval.Store;
using PilotEval.Tests.Support;
using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Fonts.Standard14Fonts;
using UglyToad.PdfPig.Writer;

namespace PilotEval.Tests.Store;

/// <summary>
/// "OCR ran and found no text" is a reading like any other, and the store keeps it: a PDF with a blank scanned page
/// is read once, not in every run. "OCR could not run or was stopped short" is not a reading: it is never kept, and
/// the pages it left are named <c>partially-read</c>. The real <c>piloteval</c> runs with the real poppler and
/// tesseract; a failing recogniser is a script put first on the child's PATH.
/// </summary>
public sealed class OcrReadingStoreTests
{
    [OcrFact]
    public async Task A_blank_scanned_page_is_read_once_and_the_second_run_takes_the_file_from_the_store_with_the_same_results()
    {
        using var dir = new TempDirectory();
        var input = BlankPageApplication(dir);
        var outDir = Path.Combine(dir.Path, "out");

        await EvaluateAsync(dir, input, outDir);
        var first = await File.ReadAllTextAsync(Path.Combine(outDir, "results.json"));
        // Without its manifest the run cannot stand on its outputs: it goes ahead in full, from the store.
        File.Delete(Path.Combine(outDir, ".piloteval-manifest.json"));
        await EvaluateAsync(dir, input, outDir);

        var totals = Totals(outDir);
        Assert.Equal((1, 0), totals[0]);
        Assert.Equal((0, 1), totals[1]);
        Assert.Equal(WithoutRun(first), WithoutRun(await File.ReadAllTextAsync(Path.Combine(outDir, "results.json"))));
        // The page still says what it is: a page without a text layer, and nothing was left unread.
        var flags = Flags(first);
        Assert.Contains(FlagCodes.NeedsOcr, flags);
        Assert.DoesNotContain(FlagCodes.PartiallyRead, flags);
        Assert.DoesNotContain(FlagCodes.OcrApplied, flags);
    }

    [OcrFact]
    public async Task A_page_the_recogniser_did_not_finish_is_flagged_partially_read_and_the_reading_is_never_kept()
    {
        using var dir = new TempDirectory();
        var input = BlankPageApplication(dir);
        var outDir = Path.Combine(dir.Path, "out");
        // tesseract answers the probe, then is killed on every page, as the OOM killer or a busy machine would.
        var tools = Path.Combine(dir.Path, "tools");
        Directory.CreateDirectory(tools);
        var script = Path.Combine(tools, "tesseract");
        await File.WriteAllTextAsync(script, $"#!/bin/sh\nif [ \"$1\" = --list-langs ]; then exec {Tesseract} --list-langs; fi\nkill -9 $$\n");
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var failing = new Dictionary<string, string> { ["PATH"] = tools + Path.PathSeparator + Environment.GetEnvironmentVariable("PATH") };

        await EvaluateAsync(dir, input, outDir, failing);
        var cut = await File.ReadAllTextAsync(Path.Combine(outDir, "results.json"));
        await EvaluateAsync(dir, input, outDir, failing);
        // The tools answer again: the page is read, and that reading is kept.
        await EvaluateAsync(dir, input, outDir);
        var whole = await File.ReadAllTextAsync(Path.Combine(outDir, "results.json"));
        File.Delete(Path.Combine(outDir, ".piloteval-manifest.json"));
        await EvaluateAsync(dir, input, outDir);

        Assert.Equal([(1, 0), (1, 0), (1, 0), (0, 1)], Totals(outDir));
        var partial = Assert.Single(Flags(cut, withDetail: true), f => f.StartsWith(FlagCodes.PartiallyRead, StringComparison.Ordinal));
        Assert.Contains("未读取的页：2", partial);
        Assert.Contains(FlagCodes.NeedsOcr, Flags(cut));
        Assert.DoesNotContain(FlagCodes.PartiallyRead, Flags(whole));
        Assert.Contains(FlagCodes.NeedsOcr, Flags(whole));
    }

    [OcrFact]
    public async Task Only_a_page_OCR_read_to_the_end_is_a_final_reading()
    {
        using var dir = new TempDirectory();
        var path = BlankPageApplication(dir) is var input ? Path.Combine(input, "blank-scan.pdf") : "";
        await using var store = await RunStore.OpenAsync(Path.Combine(dir.Path, "store.db"), CancellationToken.None, ocrWanted: true);

        var withOcr = await TestHost.ReadAsync(path, TestHost.BusyMachineLimits with { Isolation = ReadIsolation.InProcess });
        var withoutOcr = await TestHost.ReadAsync(path, TestHost.BusyMachineLimits with { Isolation = ReadIsolation.InProcess, Ocr = false });

        Assert.Equal(2, Assert.Single(withOcr.OcrFoundNoText));
        Assert.False(store.CutShort(withOcr));
        // Tools switched off or missing: the page was never looked at, and a run that has them must read it.
        Assert.Contains(withoutOcr.Flags, f => f.Code == FlagCodes.NeedsOcr && f.Location?.Page == 2);
        Assert.Empty(withoutOcr.OcrFoundNoText);
        Assert.True(store.CutShort(withoutOcr));
        Assert.Equal(withOcr.Flags.Select(f => (f.Code, f.Detail, f.Location)), withoutOcr.Flags.Select(f => (f.Code, f.Detail, f.Location)));
    }

    private static string? Tesseract { get; } = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
        .Select(d => Path.Combine(d, "tesseract")).FirstOrDefault(File.Exists);

    /// <summary>An application of two pages: typed text, then a scanned page with nothing on it (a white image).</summary>
    private static string BlankPageApplication(TempDirectory dir)
    {
        var input = Path.Combine(dir.Path, "in");
        Directory.CreateDirectory(input);
        var builder = new PdfDocumentBuilder();
        var font = builder.AddStandard14Font(Standard14Font.Helvetica);
        var first = builder.AddPage(PageSize.A4);
        var y = 780;
        foreach (var line in new[] { "Application for the data security pilot programme.", "The applicant runs a data platform in Beijing.",
                     "It has trained 120 staff and assessed 40 systems." })
        {
            first.AddText(line, 12, new PdfPoint(50, y), font);
            y -= 20;
        }
        builder.AddPage(PageSize.A4).AddPng(WhitePng(200, 280), new PdfRectangle(0, 0, 595, 842));
        File.WriteAllBytes(Path.Combine(input, "blank-scan.pdf"), builder.Build());
        return input;
    }

    /// <summary>A white greyscale PNG, written by hand (8-bit, one filter byte per row, zlib, CRC-32 per chunk).</summary>
    private static byte[] WhitePng(int width, int height)
    {
        var raw = new byte[(width + 1) * height];
        for (var row = 0; row < height; row++) Array.Fill(raw, (byte)0xFF, row * (width + 1) + 1, width);
        using var deflated = new MemoryStream();
        using (var zlib = new System.IO.Compression.ZLibStream(deflated, System.IO.Compression.CompressionLevel.Optimal)) zlib.Write(raw);
        using var png = new MemoryStream();
        png.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        var header = new byte[13];
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(header, width);
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        header[8] = 8; // bit depth; colour type 0 (grey), compression, filter and interlace 0
        Chunk(png, "IHDR", header);
        Chunk(png, "IDAT", deflated.ToArray());
        Chunk(png, "IEND", []);
        return png.ToArray();

        static void Chunk(Stream to, string type, byte[] data)
        {
            var length = new byte[4];
            System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(length, data.Length);
            to.Write(length);
            var typed = System.Text.Encoding.ASCII.GetBytes(type).Concat(data).ToArray();
            to.Write(typed);
            var crc = new byte[4];
            System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(crc, Crc32(typed));
            to.Write(crc);
        }

        static uint Crc32(byte[] bytes)
        {
            var crc = 0xFFFFFFFFu;
            foreach (var b in bytes)
            {
                crc ^= b;
                for (var k = 0; k < 8; k++) crc = (crc & 1) != 0 ? 0xEDB88320u ^ (crc >> 1) : crc >> 1;
            }
            return ~crc;
        }
    }

    private static async Task EvaluateAsync(TempDirectory dir, string input, string outDir, IReadOnlyDictionary<string, string>? environment = null)
    {
        var run = await CliProcess.RunWithAsync(dir.Path, [], environment, "evaluate", input, "--rubrics", RepoPaths.Rubrics, "--out", outDir, "--quiet");
        Assert.True(run.ExitCode == 0, run.Stderr);
    }

    /// <summary>Files read and files served from the store by each run into <paramref name="outDir"/>, in order.</summary>
    private static List<(int Read, int FromStore)> Totals(string outDir) =>
        [.. File.ReadAllLines(Path.Combine(outDir, "audit.jsonl")).Where(l => l.Length > 0).Select(l => JsonNode.Parse(l)!)
            .Where(l => l["stage"]!.GetValue<string>() == "totals")
            .Select(l => (l["filesRead"]!.GetValue<int>(), l["filesFromStore"]!.GetValue<int>()))];

    /// <summary>The flags of the one submission in results.json: their codes, or "code detail".</summary>
    private static List<string> Flags(string results, bool withDetail = false)
    {
        using var json = JsonDocument.Parse(results);
        return [.. json.RootElement.GetProperty("submissions")[0].GetProperty("flags").EnumerateArray()
            .Select(f => withDetail ? $"{f.GetProperty("code").GetString()} {f.GetProperty("detail").GetString()}" : f.GetProperty("code").GetString()!)];
    }

    private static string WithoutRun(string results)
    {
        var node = JsonNode.Parse(results)!.AsObject();
        node.Remove("run");
        return node.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }
}

/// <summary>A fact that runs poppler's pdftoppm and tesseract with Chinese; skipped, saying so, when they are not installed.</summary>
public sealed class OcrFactAttribute : FactAttribute
{
    public OcrFactAttribute()
    {
        if (OperatingSystem.IsWindows()) Skip = "the failing recogniser is a POSIX shell script";
        else if (PageOcr.Find(new ReaderLimits()) is null)
            Skip = "pdftoppm or tesseract with chi_sim is not installed (apt-get install -y poppler-utils tesseract-ocr tesseract-ocr-chi-sim)";
    }
}
