using System.Text.Json;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using PilotEval.Documents;
using PilotEval.Tests.Support;

namespace PilotEval.Tests.Documents;

/// <summary>
/// One application sent in every format an applicant uses — .docx, PDF, OFD, legacy .doc, Kingsoft .wps, and a .docx
/// whose pledge page is a scan pasted in as a picture — is scored in each by <c>piloteval evaluate</c>, and
/// <c>piloteval extract</c> shows what was read from each, both run as a user runs them.
/// </summary>
public sealed class MixedFormatsTests
{
    /// <summary>A wide limit: the test is about formats, and LibreOffice on a loaded 2-core machine can take a minute.</summary>
    private static readonly Dictionary<string, string> WideLimit = new() { ["PILOTEVAL_Reading__Timeout"] = "00:05:00" };

    private static readonly bool OcrAvailable = PageOcr.Find(new ReaderLimits()) is not null;

    [LibreOfficeFact]
    public async Task Evaluate_on_a_folder_mixing_every_format_scores_them_all_and_extract_shows_what_was_read_from_each()
    {
        using var dir = new TempDirectory();
        var submissions = Directory.CreateDirectory(dir.File("in")).FullName;
        var work = Directory.CreateDirectory(dir.File("work")).FullName;
        var sample = Path.Combine(RepoPaths.Samples, "talent-hualing-academy.docx");
        var formats = new Dictionary<string, string>
        {
            ["hualing.docx"] = "docx",
            ["youyuan.pdf"] = "pdf",
            ["hualing-ofd.ofd"] = "ofd",
            ["hualing-legacy.doc"] = "doc",
            ["hualing-kingsoft.wps"] = "wps",
        };
        // The scan is made with pdftoppm; without poppler (and so without OCR) there is no picture to paste.
        if (ExternalTool.OnPath("pdftoppm") is not null) formats["hualing-pledge-scan.docx"] = "docx";
        File.Copy(sample, Path.Combine(submissions, "hualing.docx"));
        File.Copy(Path.Combine(RepoPaths.Samples, "talent-youyuan-center.pdf"), Path.Combine(submissions, "youyuan.pdf"));
        await File.WriteAllBytesAsync(Path.Combine(submissions, "hualing-ofd.ofd"), await OfdOf(sample));
        var legacy = LegacyWordFixture.Convert(sample, "doc", work);
        await File.WriteAllBytesAsync(Path.Combine(submissions, "hualing-legacy.doc"), legacy);
        // Kingsoft WPS writes binary Word inside its .wps: the same bytes under the other name.
        await File.WriteAllBytesAsync(Path.Combine(submissions, "hualing-kingsoft.wps"), legacy);
        if (formats.ContainsKey("hualing-pledge-scan.docx"))
            await File.WriteAllBytesAsync(Path.Combine(submissions, "hualing-pledge-scan.docx"), await WithPledgeScanAsync(sample, work));

        var evaluate = await CliProcess.RunWithAsync(dir.Path, [], WideLimit, "evaluate", submissions, "--rubrics", RepoPaths.Rubrics, "--out", dir.File("out"), "-q");

        Assert.True(evaluate.ExitCode == 0, evaluate.Stderr);
        using var results = JsonDocument.Parse(await File.ReadAllTextAsync(dir.File("out/results.json")));
        var bySource = results.RootElement.GetProperty("submissions").EnumerateArray().ToDictionary(s => s.GetProperty("source").GetString()!);
        Assert.Equal(formats.Keys.Order(StringComparer.Ordinal), bySource.Keys.Order(StringComparer.Ordinal));
        foreach (var (source, submission) in bySource)
        {
            Assert.True(submission.GetProperty("errors").GetArrayLength() == 0, $"{source}: {submission.GetProperty("errors")}");
            Assert.Equal("scored", submission.GetProperty("status").GetString());
            Assert.Equal("talent", submission.GetProperty("track").GetString());
            Assert.True(submission.GetProperty("score").GetDouble() > 0, $"{source} scored 0");
        }
        // Quotes from a legacy Word file carry page numbers, as a PDF's do.
        foreach (var legacySource in new[] { "hualing-legacy.doc", "hualing-kingsoft.wps" })
        {
            var quotes = bySource[legacySource].GetProperty("criteria").EnumerateArray()
                .SelectMany(c => c.GetProperty("evidence").EnumerateArray()).ToList();
            Assert.NotEmpty(quotes);
            Assert.All(quotes, q => Assert.True(q.GetProperty("page").ValueKind == JsonValueKind.Number, $"{legacySource}: a quote without a page: {q}"));
        }

        foreach (var (file, format) in formats)
        {
            var extract = await CliProcess.RunWithAsync(dir.Path, [], WideLimit, "extract", Path.Combine(submissions, file), "--json");

            Assert.True(extract.ExitCode == 0, extract.Stderr);
            using var listing = JsonDocument.Parse(extract.Stdout);
            var root = listing.RootElement;
            Assert.Equal(format, root.GetProperty("format").GetString());
            Assert.Empty(root.GetProperty("errors").EnumerateArray());
            var blocks = root.GetProperty("blocks").EnumerateArray().ToList();
            Assert.Contains(blocks, b => b.GetProperty("kind").GetString() == "heading");
            var text = string.Concat(blocks.Select(b => TextNormalizer.WithoutWhiteSpace(b.GetProperty("text").GetString()!)));
            Assert.Contains(file.StartsWith("youyuan", StringComparison.Ordinal) ? "北京邮苑信息技术培训中心有限公司" : "北京华翎数智教育科技有限公司", text);
            if (format is "pdf" or "ofd" or "doc" or "wps")
            {
                Assert.True(root.GetProperty("pages").GetInt32() > 1, $"{file}: pages {root.GetProperty("pages")}");
                Assert.All(blocks.Where(b => b.GetProperty("kind").GetString() != "note"),
                    b => Assert.True(b.GetProperty("page").ValueKind == JsonValueKind.Number, $"{file}: a block without a page: {b}"));
            }
            if (file == "hualing-pledge-scan.docx")
            {
                var flags = root.GetProperty("flags").EnumerateArray().Select(f => f.GetProperty("code").GetString()).ToList();
                if (OcrAvailable)
                {
                    Assert.Contains(FlagCodes.OcrApplied, flags);
                    Assert.Contains(blocks, b => b.GetProperty("kind").GetString() == "ocr" && b.GetProperty("text").GetString()!.Contains("承诺", StringComparison.Ordinal));
                }
                else
                {
                    Assert.Contains(FlagCodes.NeedsOcr, flags);
                }
            }
        }
    }

    /// <summary>The sample's text laid out as an OFD, one block per line, thirty lines a page.</summary>
    private static async Task<byte[]> OfdOf(string docx)
    {
        var read = await TestHost.ReadAsync(docx, new ReaderLimits { Isolation = ReadIsolation.InProcess });
        var ofd = new OfdFixture();
        foreach (var page in read.BodyBlocks.Chunk(30))
        {
            ofd.Page([.. page.Select((b, i) => OfdFixture.Text(20, 20 + i * 8, b.Text))]);
        }
        return ofd.Build();
    }

    /// <summary>
    /// The sample with a stamped pledge page pasted at its end as a picture, as applicants send it: the page is
    /// written in Word, printed to PDF by LibreOffice, rendered by pdftoppm (a scan without the noise) and put in as an
    /// inline picture.
    /// </summary>
    private static async Task<byte[]> WithPledgeScanAsync(string sample, string work)
    {
        const string big = "<w:rPr><w:sz w:val=\"56\"/></w:rPr>";
        var pledge = RawDocx.Save(Path.Combine(work, "pledge.docx"), RawDocx.Build(
            $"<w:p><w:r>{big}<w:t>承诺书</w:t></w:r></w:p><w:p><w:r>{big}<w:t>本单位承诺近三年未发生重大网络安全事件。</w:t></w:r></w:p>"));
        await File.WriteAllBytesAsync(Path.Combine(work, "pledge.pdf"), LegacyWordFixture.Convert(pledge, "pdf", work));
        var (exit, _, error) = await ExternalTools.RunAsync(ExternalTool.OnPath("pdftoppm")!,
            ["-r", "150", "-png", "-singlefile", Path.Combine(work, "pledge.pdf"), Path.Combine(work, "scan")], TimeSpan.FromMinutes(5));
        Assert.True(exit == 0, $"pdftoppm failed: {error}");
        var png = await File.ReadAllBytesAsync(Path.Combine(work, "scan.png"));

        using var stream = new MemoryStream();
        stream.Write(File.ReadAllBytes(sample));
        using (var document = WordprocessingDocument.Open(stream, isEditable: true))
        {
            var main = document.MainDocumentPart!;
            var image = main.AddImagePart(ImagePartType.Png);
            using (var data = new MemoryStream(png)) image.FeedData(data);
            var body = main.Document!.Body!;
            var picture = new Paragraph(new Run(new Drawing(InlinePicture(main.GetIdOfPart(image)))));
            if (body.LastChild is SectionProperties section) body.InsertBefore(picture, section);
            else body.Append(picture);
        }
        return stream.ToArray();
    }

    /// <summary>An inline DrawingML picture of an A4 page's proportions, 6 × 8.5 inches.</summary>
    private static string InlinePicture(string relationship) =>
        "<w:drawing xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\" " +
        "xmlns:wp=\"http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing\" " +
        "xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\" " +
        "xmlns:pic=\"http://schemas.openxmlformats.org/drawingml/2006/picture\" " +
        "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">" +
        "<wp:inline><wp:extent cx=\"5486400\" cy=\"7772400\"/><wp:docPr id=\"900\" name=\"承诺书\"/>" +
        "<a:graphic><a:graphicData uri=\"http://schemas.openxmlformats.org/drawingml/2006/picture\"><pic:pic>" +
        "<pic:nvPicPr><pic:cNvPr id=\"0\" name=\"pledge.png\"/><pic:cNvPicPr/></pic:nvPicPr>" +
        $"<pic:blipFill><a:blip r:embed=\"{relationship}\"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill>" +
        "<pic:spPr><a:xfrm><a:off x=\"0\" y=\"0\"/><a:ext cx=\"5486400\" cy=\"7772400\"/></a:xfrm><a:prstGeom prst=\"rect\"/></pic:spPr>" +
        "</pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing>";
}
