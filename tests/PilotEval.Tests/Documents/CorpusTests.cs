using Microsoft.Extensions.DependencyInjection;
using PilotEval.Documents;
using PilotEval.Tests.Support;

namespace PilotEval.Tests.Documents;

/// <summary>One reader (and so one pool of worker processes) shared by every corpus file.</summary>
public sealed class CorpusReader : IDisposable
{
    // Wide: a legacy .doc is converted and rendered by LibreOffice, which on a loaded 2-core machine can take minutes.
    public static readonly ReaderLimits Limits = new() { Timeout = TimeSpan.FromMinutes(5), ToolTag = Guid.NewGuid().ToString("N") };

    private readonly ServiceProvider _provider = TestHost.Create(s => s.AddSingleton(Limits));

    public DocumentReader Reader => _provider.GetRequiredService<DocumentReader>();

    public void Dispose() => _provider.Dispose();
}

/// <summary>
/// Every file of the shared corpus of real-world documents (<c>MANIFEST.tsv</c>, and <c>MANIFEST-formats.tsv</c> for
/// OFD and legacy Word) read through the real reader,
/// in its worker process, against the outcome written down for it in <c>corpus-expectations.tsv</c>; after each
/// file no helper process it started is left running.
/// </summary>
public sealed class CorpusTests(CorpusReader corpus) : IClassFixture<CorpusReader>
{
    private static readonly bool OcrAvailable = PageOcr.Find(new ReaderLimits()) is not null;

    public static TheoryData<string> Files() => [.. Expectation.All().Select(e => e.LocalFile)];

    [CorpusFact]
    public void Every_manifest_file_has_an_expected_outcome()
    {
        var manifest = new[] { "MANIFEST.tsv", "MANIFEST-formats.tsv" }
            .SelectMany(m => File.ReadLines(Path.Combine(RepoPaths.Corpus, m)).Skip(1))
            .Where(l => l.Length > 0).Select(l => l.Split('\t')[2]).Order(StringComparer.Ordinal);

        Assert.Equal(manifest, Expectation.All().Select(e => e.LocalFile).Order(StringComparer.Ordinal));
    }

    [CorpusTheory]
    [MemberData(nameof(Files))]
    public async Task Corpus_file_reads_to_its_expected_outcome_within_the_limits(string localFile)
    {
        var expected = Expectation.All().Single(e => e.LocalFile == localFile);
        // No clock here: on a busy machine starting a worker alone can take seconds. That the limit holds is proved by
        // the outcome (a file over it is a `timeout`, which fails every expectation but its own) and by HostileInputTests.
        var document = await corpus.Reader.ReadAsync(Path.Combine(RepoPaths.Corpus, localFile), localFile, CancellationToken.None);
        // Whatever the file made the reader start (pdftoppm, tesseract, soffice) is gone once the file is reported.
        var left = Leftovers.AfterSettling(CorpusReader.Limits.ToolTag!);
        Assert.True(left.Count == 0, "helpers left behind: " + Leftovers.Describe(left));
        var outcome = OcrAvailable || expected.OutcomeWithoutOcr.Length == 0 ? expected.Outcome : expected.OutcomeWithoutOcr;
        // Legacy Word is read through LibreOffice; without it the file is unsupported (and says what to install).
        if (localFile.EndsWith(".doc", StringComparison.Ordinal) && ExternalTools.LibreOffice is null) outcome = FileErrorCodes.UnsupportedFormat;
        var errors = string.Join("; ", document.Errors.Select(e => $"{e.Code}: {e.Message}"));
        switch (outcome)
        {
            case "read":
                Assert.True(document.Errors.IsEmpty, errors);
                Assert.NotEmpty(document.Blocks);
                break;
            case "no-text":
                Assert.True(document.Errors.IsEmpty, errors);
                Assert.DoesNotContain(document.Blocks, b => b.Text.Length > 0);
                break;
            default:
                Assert.Equal(outcome, Assert.Single(document.Errors).Code);
                Assert.Contains(Path.GetFileName(localFile), document.Errors[0].Message);
                Assert.Empty(document.Blocks);
                return;
        }

        var flags = document.Flags.Select(f => f.Code).ToHashSet();
        foreach (var flag in expected.Flags)
        {
            Assert.Contains(flag == "ocr" ? (OcrAvailable ? FlagCodes.OcrApplied : FlagCodes.NeedsOcr) : flag, flags);
        }
        foreach (var flag in expected.NoFlags) Assert.DoesNotContain(flag, flags);
        // A page the parser gave up on is a defect of the reader unless the file is known to break it.
        if (!expected.Flags.Contains(FlagCodes.PageUnreadable)) Assert.DoesNotContain(FlagCodes.PageUnreadable, flags);
        if (expected.Pages == "-") Assert.Null(document.Pages);
        else if (expected.Pages.Length > 0) Assert.Equal(int.Parse(expected.Pages, System.Globalization.CultureInfo.InvariantCulture), document.Pages);

        var body = document.Blocks.Where(b => b.Kind != BlockKind.Note).Select(b => TextNormalizer.WithoutWhiteSpace(b.Text)).ToList();
        var notes = document.Blocks.Where(b => b.Kind == BlockKind.Note).Select(b => TextNormalizer.WithoutWhiteSpace(b.Text)).ToList();
        foreach (var item in expected.Contains)
        {
            var (scope, text) = item.IndexOf(':') is var colon and > 0 && item[..colon] is "note" or "once" or "ocr"
                ? (item[..colon], TextNormalizer.WithoutWhiteSpace(item[(colon + 1)..]))
                : ("", TextNormalizer.WithoutWhiteSpace(item));
            switch (scope)
            {
                case "note":
                    Assert.True(notes.Any(n => n.Contains(text, StringComparison.Ordinal)), $"no note contains '{text}'");
                    break;
                case "once":
                    Assert.Equal(1, body.Sum(b => Occurrences(b, text)));
                    break;
                case "ocr" when !OcrAvailable:
                    break;
                default:
                    Assert.True(body.Any(b => b.Contains(text, StringComparison.Ordinal)), $"no body block contains '{text}'");
                    break;
            }
        }
        foreach (var text in expected.Absent.Select(TextNormalizer.WithoutWhiteSpace))
        {
            Assert.DoesNotContain(document.Blocks, b => TextNormalizer.WithoutWhiteSpace(b.Text).Contains(text, StringComparison.Ordinal));
        }
    }

    private static int Occurrences(string text, string part)
    {
        var count = 0;
        for (var at = text.IndexOf(part, StringComparison.Ordinal); at >= 0; at = text.IndexOf(part, at + part.Length, StringComparison.Ordinal)) count++;
        return count;
    }

    private sealed record Expectation(string LocalFile, string Outcome, string OutcomeWithoutOcr, string[] Flags, string[] NoFlags,
        string Pages, string[] Contains, string[] Absent)
    {
        public static IEnumerable<Expectation> All() =>
            File.ReadLines(Path.Combine(AppContext.BaseDirectory, "Documents", "corpus-expectations.tsv"))
                .Where(l => l.Length > 0 && !l.StartsWith('#'))
                .Skip(1)
                .Select(l => l.Split('\t'))
                .Select(c => new Expectation(c[0], c[1], c[2], List(c[3]), List(c[4]), c[5], List(c[6]), List(c[7])));

        private static string[] List(string column) => column.Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }
}
