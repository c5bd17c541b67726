using Microsoft.Extensions.Logging.Abstractions;
using PilotEval.Documents;
using PilotEval.Publishing;
using PilotEval.Tests.Support;

namespace PilotEval.Tests.Documents;

/// <summary>
/// The worker pool heals: workers killed mid-file are replaced and the file read again, so every file still gets
/// the outcome it has when read alone. Kills are chosen by count from a seeded random, never by the clock; the time
/// limit is wide and OCR off, so a loaded machine cannot turn a slow read into another outcome.
/// </summary>
public sealed class WorkerPoolHealingTests
{
    private static readonly ReaderLimits Limits = new() { Timeout = TimeSpan.FromMinutes(10), Ocr = false };

    [Fact]
    public async Task Workers_killed_at_random_during_a_batch_cost_no_file_its_true_outcome()
    {
        using var dir = new TempDirectory();
        var files = Batch(dir);
        var truth = await ReadInProcess(files);
        var random = new Random(14);
        var doomed = files.Where(_ => random.NextDouble() < 0.4).Select(f => f.Name).ToHashSet();
        Assert.InRange(doomed.Count, 4, files.Count - 1);

        using var pool = ReaderWorkerPool.TryCreate(Limits, NullLogger.Instance)!;
        var killed = 0;
        pool.KillDuringRead = (name, attempt) =>
        {
            if (attempt != 0 || !doomed.Contains(name)) return false;
            Interlocked.Increment(ref killed);
            return true;
        };
        var read = new string[files.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, files.Count), new ParallelOptions { MaxDegreeOfParallelism = 3 },
            async (i, ct) => read[i] = DocumentListing.Json(await pool.ReadAsync(files[i].Path, files[i].Name, ct)));

        Assert.Equal(doomed.Count, killed);
        for (var i = 0; i < files.Count; i++) Assert.Equal(truth[i], read[i]);
        Assert.True(pool.Counts.Replaced >= doomed.Count, $"replaced {pool.Counts.Replaced} workers for {doomed.Count} kills");
    }

    [Fact]
    public async Task Only_a_file_that_kills_a_fresh_worker_a_second_time_is_reported_and_the_batch_goes_on()
    {
        using var dir = new TempDirectory();
        var files = Batch(dir);
        var truth = await ReadInProcess(files);
        var victim = files[2].Name;
        var log = new ListLogger();
        using var pool = ReaderWorkerPool.TryCreate(Limits, log)!;
        pool.KillDuringRead = (name, _) => name == victim;

        for (var i = 0; i < files.Count; i++)
        {
            var document = await pool.ReadAsync(files[i].Path, files[i].Name, CancellationToken.None);
            if (files[i].Name == victim)
            {
                Assert.True(document.Errors.Length == 1, DocumentListing.Json(document) + "\n" + string.Join("\n", log.Lines));
                var error = document.Errors[0];
                Assert.Equal(FileErrorCodes.Corrupt, error.Code);
                Assert.StartsWith(victim, error.Message, StringComparison.Ordinal);
            }
            else
            {
                Assert.Equal(truth[i], DocumentListing.Json(document));
            }
        }
    }

    [Fact]
    public async Task A_file_read_again_leaves_no_extra_worker_behind()
    {
        // The batch's encrypted, truncated and PNG-named files each fail on a worker that read files before, so each
        // is read again on a fresh worker: that worker takes the used one's place, and one file at a time means one worker.
        using var dir = new TempDirectory();
        var files = Batch(dir);
        using var pool = ReaderWorkerPool.TryCreate(Limits, NullLogger.Instance)!;

        foreach (var file in files)
        {
            await pool.ReadAsync(file.Path, file.Name, CancellationToken.None);
            Assert.Equal(1, pool.Alive);
        }

        Assert.True(pool.Counts.Replaced >= 3, $"{pool.Counts.Replaced} files read again");
        Assert.Equal(pool.Counts.Replaced + 1, pool.Counts.Started);
    }

    [Fact]
    public async Task The_worker_a_hostile_file_failed_on_serves_on_when_a_fresh_worker_fails_too()
    {
        // Confirmed by a fresh worker, the truncated file is the file's fault: the worker that read the three before it
        // keeps its place (its code compiled), and the fresh one goes.
        using var dir = new TempDirectory();
        var files = Batch(dir);
        using var pool = ReaderWorkerPool.TryCreate(Limits, NullLogger.Instance)!;

        foreach (var file in files.Take(3).Append(files.Single(f => f.Name == "truncated.docx")))
            await pool.ReadAsync(file.Path, file.Name, CancellationToken.None);

        Assert.Equal((2, 1), pool.Counts);
        Assert.Equal([4], pool.IdleServed);
    }

    [Fact]
    public async Task A_worker_is_recycled_after_its_quota_of_files()
    {
        using var dir = new TempDirectory();
        var files = Batch(dir).Take(6).ToList();
        using var pool = ReaderWorkerPool.TryCreate(Limits with { RecycleAfterFiles = 2 }, NullLogger.Instance)!;

        foreach (var file in files) await pool.ReadAsync(file.Path, file.Name, CancellationToken.None);

        Assert.Equal(3, pool.Counts.Started);
        Assert.Equal(0, pool.Counts.Replaced);
    }

    private sealed record BatchFile(string Path, string Name);

    /// <summary>Readable Word and PDF files, an encrypted PDF, a truncated .docx and a PNG named .pdf.</summary>
    private static List<BatchFile> Batch(TempDirectory dir)
    {
        var files = new List<BatchFile>();
        for (var i = 0; i < 8; i++)
        {
            var name = $"app-{i}.docx";
            files.Add(new BatchFile(new DocxFixture().Paragraph("一、项目概述").Paragraph($"第{i}号项目累计培训{100 * i + 30}人次。").Save(dir.File(name)), name));
        }
        foreach (var sample in new[] { "talent-youyuan-center.pdf", "risk-haichen-port.pdf", "tech-lanjing-guard.docx" })
            files.Add(new BatchFile(Path.Combine(RepoPaths.Samples, sample), sample));
        files.Add(new BatchFile(Path.Combine(RepoPaths.Fixtures, "encrypted.pdf"), "encrypted.pdf"));
        var whole = File.ReadAllBytes(files[0].Path);
        File.WriteAllBytes(dir.File("truncated.docx"), whole[..(whole.Length / 2)]);
        files.Add(new BatchFile(dir.File("truncated.docx"), "truncated.docx"));
        File.WriteAllBytes(dir.File("image.pdf"), [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0]);
        files.Add(new BatchFile(dir.File("image.pdf"), "image.pdf"));
        return files;
    }

    private static async Task<string[]> ReadInProcess(List<BatchFile> files)
    {
        using var reader = new DocumentReader(Limits with { Isolation = ReadIsolation.InProcess }, NullLogger<DocumentReader>.Instance);
        var truth = new string[files.Count];
        for (var i = 0; i < files.Count; i++)
            truth[i] = DocumentListing.Json(await reader.ReadAsync(files[i].Path, files[i].Name, CancellationToken.None));
        return truth;
    }

    private sealed class ListLogger : Microsoft.Extensions.Logging.ILogger
    {
        public System.Collections.Concurrent.ConcurrentQueue<string> Lines { get; } = new();

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(Microsoft.Extensions.Logging.LogLevel logLevel) => true;

        public void Log<TState>(Microsoft.Extensions.Logging.LogLevel logLevel, Microsoft.Extensions.Logging.EventId eventId, TState state,
            Exception? exception, Func<TState, Exception?, string> formatter) => Lines.Enqueue(formatter(state, exception));
    }
}
