using Microsoft.Extensions.DependencyInjection;
using PilotEval.Documents;
using PilotEval.Pipeline;
using PilotEval.Tests.Support;

namespace PilotEval.Tests.Documents;

/// <summary>
/// One application sent in every format an applicant uses — .docx, PDF, OFD, legacy .doc — is read and scored in each,
/// through the real evaluate pipeline.
/// </summary>
public sealed class MixedFormatsTests
{
    [LibreOfficeFact]
    public async Task Evaluate_on_a_folder_mixing_docx_pdf_ofd_and_doc_scores_them_all()
    {
        using var submissions = new TempDirectory();
        using var output = new TempDirectory();
        using var work = new TempDirectory();
        var sample = Path.Combine(RepoPaths.Samples, "talent-hualing-academy.docx");
        File.Copy(sample, submissions.File("hualing.docx"));
        File.Copy(Path.Combine(RepoPaths.Samples, "talent-youyuan-center.pdf"), submissions.File("youyuan.pdf"));
        await File.WriteAllBytesAsync(submissions.File("hualing-ofd.ofd"), await OfdOf(sample));
        await File.WriteAllBytesAsync(submissions.File("hualing-legacy.doc"), LegacyWordFixture.Convert(sample, "doc", work.Path));

        // A wide limit: the test is about formats, and LibreOffice on a loaded 2-core machine can take a minute.
        using var provider = TestHost.Create(s => s.AddSingleton(new ReaderLimits { Timeout = TimeSpan.FromMinutes(5) }));
        var result = await provider.Mediator().Send(new EvaluateSubmissions.Command(submissions.Path, RepoPaths.Rubrics, output.Path));

        var bySource = result.Run.Assessments.ToDictionary(a => a.Source);
        Assert.Equal(4, bySource.Count);
        Assert.All(bySource.Values, a =>
        {
            Assert.True(a.Errors.IsEmpty, $"{a.Source}: {string.Join("; ", a.Errors.Select(e => e.Message))}");
            Assert.NotNull(a.Scorecard);
            Assert.Equal("talent", a.Scorecard!.Track);
            Assert.True(a.Scorecard.Total > 0, $"{a.Source} scored 0");
        });
        Assert.Equal("ofd", bySource["hualing-ofd.ofd"].Documents.Single().Format);
        Assert.Equal("doc", bySource["hualing-legacy.doc"].Documents.Single().Format);
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
}
