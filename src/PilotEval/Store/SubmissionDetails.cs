using PilotEval.Pipeline;

namespace PilotEval.Store;

/// <summary>
/// The full results of a run's submissions, read back from the store a batch at a time. A run holds each submission
/// only in its brief form (<see cref="SubmissionAssessment.Brief"/>: no quotes) through the run-level stages; what
/// needs the quotes — results.json, report.html, panel-report.docx, the letters — asks for them here, in its own
/// order, and lets each batch go before the next is read, so memory holds a few batches, not every submission.
/// </summary>
/// <param name="storePath">The store the run kept its results in.</param>
/// <param name="keys">The key of every submission whose result is in the store, by source; a submission not there
/// (cut short, a failure of our own) is held whole by the run, and its brief form is its full one.</param>
/// <param name="batchSize">How many full results one batch holds.</param>
public sealed class SubmissionDetails(string storePath, IReadOnlyDictionary<string, string> keys, int batchSize = SubmissionDetails.DefaultBatchSize)
{
    /// <summary>Small enough that six reports each holding a batch stay a few MB; large enough that a query reads many rows.</summary>
    public const int DefaultBatchSize = 32;

    private int _live;
    private int _peakLive;
    private int _loaded;

    public int BatchSize { get; } = batchSize > 0 ? batchSize : throw new ArgumentOutOfRangeException(nameof(batchSize), "a batch holds at least one result");

    /// <summary>The key of the stored result of <paramref name="source"/>, or null when the run holds that submission whole.</summary>
    public string? KeyOf(string source) => keys.GetValueOrDefault(source);

    /// <summary>Full results read back from the store so far, over every reader.</summary>
    public int Loaded => Volatile.Read(ref _loaded);

    /// <summary>
    /// The most full results read back and not yet let go at any one moment, over every reader at once: what the
    /// reports held beyond the brief forms. Counted as batches are read and released, not measured.
    /// </summary>
    public int PeakLive => Volatile.Read(ref _peakLive);

    /// <summary>
    /// Each of <paramref name="briefs"/> in full, in the same order: read from the store a batch at a time, with what
    /// the run-level stages added (near-duplicate and text-reuse flags, the shared passages) carried over from the
    /// brief form. A batch is let go when the next is read or the enumeration ends.
    /// </summary>
    public IEnumerable<SubmissionAssessment> Full(IEnumerable<SubmissionAssessment> briefs)
    {
        foreach (var chunk in briefs.Chunk(BatchSize))
        {
            var stored = RunStore.ReadSubmissions(storePath,
                [.. chunk.Select(b => keys.GetValueOrDefault(b.Source)).OfType<string>()]);
            var batch = chunk.Select(b => Restore(b, stored)).ToList();
            var held = batch.Count(b => b.Loaded);
            Interlocked.Add(ref _loaded, held);
            var live = Interlocked.Add(ref _live, held);
            for (var peak = Volatile.Read(ref _peakLive); live > peak; peak = Volatile.Read(ref _peakLive))
                if (Interlocked.CompareExchange(ref _peakLive, live, peak) == peak) break;
            try
            {
                foreach (var (assessment, _) in batch) yield return assessment;
            }
            finally
            {
                batch.Clear();
                Interlocked.Add(ref _live, -held);
            }
        }
    }

    private (SubmissionAssessment Assessment, bool Loaded) Restore(SubmissionAssessment brief, Dictionary<string, byte[]> stored)
    {
        if (!keys.TryGetValue(brief.Source, out var key)) return (brief, false);
        var snapshot = stored.TryGetValue(key, out var bytes) ? SubmissionSnapshot.FromBytes(bytes) : null;
        if (snapshot is null)
            throw new InvalidOperationException($"the stored result of {brief.Source} ({key}) is no longer in {storePath}");
        // The store holds each submission as its per-submission stages left it; the run-level stages' findings are the brief's.
        return (snapshot.Restore(brief.Submission) with { Flags = brief.Flags, TextReuse = brief.TextReuse }, true);
    }
}
