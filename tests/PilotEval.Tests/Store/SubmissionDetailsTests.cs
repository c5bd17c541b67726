using PilotEval.Publishing;
using PilotEval.Pipeline;
using PilotEval.Store;
using PilotEval.Tests.Support;

namespace PilotEval.Tests.Store;

/// <summary>
/// A run holds each submission in brief through the run-level stages, and the reports read the full results back
/// from the store a batch at a time: proved by counting what the run holds and what the reports read, not by memory
/// figures or time.
/// </summary>
public sealed class SubmissionDetailsTests
{
    private static readonly string[] Picked =
    [
        "dataflow-mingchuan-exchange.docx", "incident-anlan-response.docx", "incident-hanhai-netops.docx", "risk-boyuan-info.docx",
        "risk-yunxiu-cloud.docx", "talent-hualing-academy.docx", "talent-xingqiao-net.docx", "tech-lanjing-guard.docx",
        "tech-tuoyin-watermark.docx",
    ];

    [Fact]
    public async Task The_run_holds_no_quote_and_the_reports_hold_one_batch_each_reading_every_submission_once()
    {
        using var dir = new TempDirectory();
        var run = await EvaluateAsync(dir, Picked, resultsBatch: 1);

        // What the run-level stages took: every submission, none with a quote (old runs held every quote of every one).
        Assert.Equal(Picked.Length, run.Assessments.Length);
        Assert.All(run.Assessments, a =>
        {
            Assert.Empty(a.Evidence);
            Assert.NotNull(a.Scorecard);
            Assert.All(a.Scorecard.Criteria, c => Assert.Empty(c.Evidence));
            Assert.All(a.Eligibility, e => Assert.Null(e.Evidence));
        });
        // The quotes are in the store, and come back in full.
        var full = run.Full().ToList();
        Assert.Equal(run.Assessments.Select(a => a.Source), full.Select(a => a.Source));
        Assert.NotEmpty(full.SelectMany(a => a.Scorecard!.Criteria.SelectMany(c => c.Evidence)));
        Assert.Contains(full.SelectMany(a => a.Eligibility), e => e.Evidence is not null);
        Assert.Equal(run.Assessments.Select(a => a.Flags), full.Select(a => a.Flags));

        // The reports that render submissions in full share one reading: each submission read back once, or again
        // for a report that fell more than the window behind; never more held at once than the window and one batch
        // (here one result) per report — fewer than the run's submissions.
        var details = Assert.IsType<SubmissionDetails>(run.Details);
        Assert.InRange(details.Loaded - full.Count, Picked.Length, RunReports.FullReaders * Picked.Length);
        Assert.InRange(details.PeakLive, 1, SubmissionDetails.Window + RunReports.FullReaders);
        Assert.True(SubmissionDetails.Window + RunReports.FullReaders < Picked.Length);
    }

    [Fact]
    public async Task A_batch_is_let_go_before_the_next_is_read()
    {
        using var dir = new TempDirectory();
        var run = await EvaluateAsync(dir, Picked.Take(5));
        var store = Path.Combine(dir.Path, "out", RunStore.DefaultFileName);
        var keys = run.Details is { } d ? Keys(run, d) : throw new InvalidOperationException("the run held its results whole");

        var details = new SubmissionDetails(store, keys, batchSize: 2);
        var seen = 0;
        foreach (var _ in details.Full(run.Assessments))
        {
            seen++;
            Assert.InRange(details.PeakLive, 1, 2);
        }
        Assert.Equal(5, seen);
        Assert.Equal(5, details.Loaded);
        Assert.Equal(2, details.PeakLive);
    }

    [Fact]
    public async Task Readers_announced_together_share_one_reading_though_one_sets_out_after_the_other_reached_the_window()
    {
        using var dir = new TempDirectory();
        var run = await EvaluateAsync(dir, Picked);
        var keys = run.Details is { } d ? Keys(run, d) : throw new InvalidOperationException("the run held its results whole");
        Assert.True(Picked.Length > SubmissionDetails.Window + 1);

        // One result a batch; the first reader is never given up on here, so only the window decides who waits.
        var details = new SubmissionDetails(Path.Combine(dir.Path, "out", RunStore.DefaultFileName), keys, batchSize: 1)
        {
            Patience = TimeSpan.FromMinutes(10),
        };
        var (read, expect) = details.Shared(run.Assessments, a => a.Source);
        expect(2);
        var passed = new SemaphoreSlim(0);
        var first = Task.Run(() =>
        {
            var seen = new List<string>();
            foreach (var source in read())
            {
                seen.Add(source);
                passed.Release();
            }
            return seen;
        });
        // The first reader goes as far as the window lets it — and waits there, for the second was announced.
        for (var i = 0; i < SubmissionDetails.Window; i++) await passed.WaitAsync();
        var second = read().ToList();
        var firstSeen = await first;

        var sources = run.Assessments.Select(a => a.Source).ToList();
        Assert.Equal(sources, firstSeen);
        Assert.Equal(sources, second);
        // Each result read from the store once: the late reader found every batch the first had passed still kept.
        Assert.Equal(Picked.Length, details.Loaded);
    }

    /// <summary>A run of <c>evaluate</c> over copies of <paramref name="files"/> from the samples, into <c>out</c> of <paramref name="dir"/>.</summary>
    private static async Task<EvaluationRun> EvaluateAsync(TempDirectory dir, IEnumerable<string> files, int resultsBatch = SubmissionDetails.DefaultBatchSize)
    {
        var input = Path.Combine(dir.Path, "in");
        Directory.CreateDirectory(input);
        foreach (var file in files) File.Copy(Path.Combine(RepoPaths.Samples, file), Path.Combine(input, file));
        using var provider = TestHost.Create();
        return (await provider.Mediator().Send(new EvaluateSubmissions.Command(input, RepoPaths.Rubrics, Path.Combine(dir.Path, "out"))
        {
            ResultsBatch = resultsBatch,
        })).Run;
    }

    /// <summary>The stored keys, as the run handed them to its details (read back through the one reader there is).</summary>
    private static Dictionary<string, string> Keys(EvaluationRun run, SubmissionDetails details) =>
        run.Assessments.ToDictionary(a => a.Source, a => details.KeyOf(a.Source)!, StringComparer.Ordinal);
}
