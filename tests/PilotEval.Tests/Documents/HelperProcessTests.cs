using Microsoft.Extensions.DependencyInjection;
using PilotEval.Documents;
using PilotEval.Tests.Support;

namespace PilotEval.Tests.Documents;

/// <summary>
/// After reading the corpus files that make PilotEval start helpers (OCR of scans and of pictures in Word, LibreOffice
/// for .doc, the decompression bomb, a broken PDF), through worker processes as a run does, no helper is left:
/// every one carried the run's tag, and none with it remains.
/// </summary>
public sealed class HelperProcessTests
{
    private static readonly string[] Files =
    [
        "MinerU/scanned.pdf",
        "Langchain-Chatchat/chatchat_ocr_test.docx",
        "DaChuangFiles/hfut-innovation-rules-2017.doc",
        "pdf.js/bomb_giant.pdf",
        "PdfPig/invalid-xref-loop.pdf",
    ];

    [CorpusFact]
    public async Task No_pdftoppm_tesseract_or_soffice_is_left_after_reading_the_corpus_files_that_start_them()
    {
        var tag = Guid.NewGuid().ToString("N");
        var limits = new ReaderLimits { ToolTag = tag, Timeout = TimeSpan.FromSeconds(90) };
        using (var provider = TestHost.Create(s => s.AddSingleton(limits)))
        {
            var reader = provider.GetRequiredService<DocumentReader>();
            await Task.WhenAll(Files.Select(f => reader.ReadAsync(Path.Combine(RepoPaths.Corpus, f), f, CancellationToken.None)));
        }

        var left = Leftovers.AfterSettling(tag);
        Assert.True(left.Count == 0, "left behind: " + Leftovers.Describe(left));
    }
}
