using PilotEval.Pipeline;

namespace PilotEval.Store;

/// <summary>
/// The full results of a run's submissions, read back from the store a batch at a time. A run holds each submission
/// only in its brief form (<see cref="SubmissionAssessment.Brief"/>: no quotes) through the run-level stages; what
/// needs the quotes — results.json, report.html, panel-report.docx, the letters — asks for them here and lets each
/// batch go before the next is read, so memory holds a few batches, not every submission.
/// </summary>
/// <param name="storePath">The store the run kept its results in.</param>
/// <param name="keys">The key of every submission whose result is in the store, by source; a submission not there
/// (cut short, a failure of our own) is held whole by the run, and its brief form is its full one.</param>
/// <param name="batchSize">How many full results one batch holds.</param>
public sealed class SubmissionDetails(string storePath, IReadOnlyDictionary<string, string> keys, int batchSize = SubmissionDetails.DefaultBatchSize)
{
    /// <summary>Small enough that the reports' few batches stay a few MB; large enough that one query reads many rows.</summary>
    public const int DefaultBatchSize = 32;

    /// <summary>
    /// Batches a shared reading keeps for readers behind the first (the reports run side by side, at their own
    /// pace): one reading of the store serves all of them while they stay this close.
    /// </summary>
    public const int Window = 4;

    private readonly object _count = new();
    private int _live;
    private int _peakLive;
    private int _loaded;

    /// <summary>How long a reader the window ahead waits for the last one to move before it goes on without it.</summary>
    internal TimeSpan Patience { get; init; } = TimeSpan.FromSeconds(2);

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
            var (batch, held) = Load(chunk);
            Hold(held);
            try
            {
                foreach (var assessment in batch) yield return assessment;
            }
            finally
            {
                Release(held);
            }
        }
    }

    /// <summary>
    /// One reading of <paramref name="briefs"/> in full, mapped by <paramref name="map"/>, that any number of readers
    /// enumerate side by side (the reports): each batch is read from the store and mapped once and kept while readers
    /// behind the first may still want it (<see cref="Window"/> batches); a reader that far ahead of the last waits
    /// for it, and a batch is read again only for a reader that started late or a last reader that stopped moving.
    /// Each call of <c>Read</c> starts one reader; <c>Expect</c> says how many readers are about to start, so the first
    /// ones wait at the window for those still setting out instead of leaving them to read every batch again.
    /// </summary>
    public (Func<IEnumerable<T>> Read, Action<int> Expect) Shared<T>(IReadOnlyList<SubmissionAssessment> briefs, Func<SubmissionAssessment, T> map)
    {
        var window = new SharedWindow<T>(this, briefs, map);
        return (window.Read, window.Expect);
    }

    private (List<SubmissionAssessment> Batch, int Held) Load(IReadOnlyCollection<SubmissionAssessment> chunk)
    {
        var stored = RunStore.ReadSubmissions(storePath, [.. chunk.Select(b => keys.GetValueOrDefault(b.Source)).OfType<string>()]);
        var batch = chunk.Select(b => Restore(b, stored)).ToList();
        var held = chunk.Count(b => keys.ContainsKey(b.Source));
        Interlocked.Add(ref _loaded, held);
        return (batch, held);
    }

    private void Hold(int held)
    {
        lock (_count)
        {
            _live += held;
            _peakLive = Math.Max(_peakLive, _live);
        }
    }

    private void Release(int held)
    {
        lock (_count) _live -= held;
    }

    private SubmissionAssessment Restore(SubmissionAssessment brief, Dictionary<string, byte[]> stored)
    {
        if (!keys.TryGetValue(brief.Source, out var key)) return brief;
        var snapshot = stored.TryGetValue(key, out var bytes) ? SubmissionSnapshot.FromBytes(bytes) : null;
        if (snapshot is null)
            throw new InvalidOperationException($"the stored result of {brief.Source} ({key}) is no longer in {storePath}");
        // The store holds each submission as its per-submission stages left it; the run-level stages' findings are the brief's.
        return snapshot.Restore(brief.Submission) with { Flags = brief.Flags, TextReuse = brief.TextReuse };
    }

    /// <summary>
    /// The batches of one shared reading: each counted live while kept here or held by a reader. The batch after the
    /// one a reader takes is read ahead on another thread, so the reports seldom wait for the store.
    /// </summary>
    private sealed class SharedWindow<T>(SubmissionDetails details, IReadOnlyList<SubmissionAssessment> briefs, Func<SubmissionAssessment, T> map)
    {
        /// <summary>A batch read; live (counted) while the window keeps it or a reader holds it.</summary>
        private sealed class Batch(T[] items, int held)
        {
            public T[] Items { get; } = items;
            public int Held { get; } = held;
            public bool Kept { get; set; }
            public int Readers { get; set; }
            public bool Live => Kept || Readers > 0;
        }

        private readonly object _gate = new();
        private readonly SortedDictionary<int, Lazy<Batch>> _kept = [];

        /// <summary>The batch each reader is at (by a key of its own): a reader ahead waits for the last one within the window.</summary>
        private readonly Dictionary<object, int> _at = [];

        /// <summary>
        /// Readers announced and not yet started: each counts as at the first batch. The reports start side by side,
        /// but some write their own tables first (report.html, panel-report.docx); without this the letters and
        /// results.json ran ahead and the late ones read every batch they had passed again — 35–75 % more reads.
        /// </summary>
        private int _expected;

        public void Expect(int readers)
        {
            lock (_gate) _expected = Math.Max(0, readers - _at.Count);
        }

        /// <summary>Where the last reader is: the earliest batch a reader is at, or the first for one still to come.</summary>
        private int Last() => _expected > 0 || _at.Count == 0 ? 0 : _at.Values.Min();

        public IEnumerable<T> Read()
        {
            var reader = new object();
            lock (_gate)
            {
                _at[reader] = 0;
                if (_expected > 0) _expected--;
            }
            try
            {
                for (var index = 0; index * details.BatchSize < briefs.Count; index++)
                {
                    foreach (var item in ReadBatch(reader, index)) yield return item;
                }
            }
            finally
            {
                lock (_gate)
                {
                    _at.Remove(reader);
                    Monitor.PulseAll(_gate);
                }
            }
        }

        private IEnumerable<T> ReadBatch(object reader, int index)
        {
            lock (_gate)
            {
                _at[reader] = index;
                Monitor.PulseAll(_gate);
                // The reports go at different paces (the letters fastest, the Word file slowest): one that is the window
                // ahead of the last waits for it, so every batch is read from the store once, not once per report. A
                // last reader that does not move (one enumeration inside another, on one thread) is not waited for:
                // the batch is then read again, never waited on for ever.
                for (var last = Last(); index - last >= Window; )
                {
                    if (!Monitor.Wait(_gate, details.Patience) && Last() == last)
                    {
                        // A reader announced but not come in that long is not waited for again; nor is a stalled one.
                        if (_expected == 0) break;
                        _expected = 0;
                    }
                    last = Last();
                }
            }
            var batch = Take(index);
            try
            {
                foreach (var item in batch.Items) yield return item;
            }
            finally
            {
                lock (_gate)
                {
                    batch.Readers--;
                    if (!batch.Live) details.Release(batch.Held);
                }
            }
        }

        private Batch Take(int index)
        {
            Lazy<Batch> wanted;
            Lazy<Batch>? ahead = null;
            lock (_gate)
            {
                wanted = Keep(index);
                // Read ahead only where keeping one more batch does not push out one the last reader still wants.
                if ((index + 1) * details.BatchSize < briefs.Count && index + 1 - Last() < Window) ahead = Keep(index + 1);
            }
            if (ahead is { IsValueCreated: false }) ThreadPool.QueueUserWorkItem(_ => _ = ahead.Value);
            // Lazy: a reader that wants a batch another is reading waits for it rather than reading it twice.
            var batch = wanted.Value;
            lock (_gate)
            {
                if (!batch.Live) details.Hold(batch.Held);
                batch.Readers++;
            }
            return batch;
        }

        /// <summary>The batch at <paramref name="index"/>, read when first wanted; the earliest goes when more than the window are kept.</summary>
        private Lazy<Batch> Keep(int index)
        {
            if (_kept.TryGetValue(index, out var kept)) return kept;
            Lazy<Batch>? entry = null;
            entry = new Lazy<Batch>(() =>
            {
                var chunk = briefs.Skip(index * details.BatchSize).Take(details.BatchSize).ToList();
                var (full, held) = details.Load(chunk);
                var batch = new Batch([.. full.Select(map)], held);
                lock (_gate)
                {
                    // Kept by the window, unless it left the window while it was being read.
                    batch.Kept = _kept.TryGetValue(index, out var still) && ReferenceEquals(still, entry);
                    if (batch.Kept) details.Hold(batch.Held);
                }
                return batch;
            });
            _kept[index] = entry;
            while (_kept.Count > Window)
            {
                // The earliest batch goes first: readers ahead have passed it, and one behind reads it again.
                var earliest = _kept.First();
                _kept.Remove(earliest.Key);
                if (!earliest.Value.IsValueCreated) continue;
                var batch = earliest.Value.Value;
                batch.Kept = false;
                if (!batch.Live) details.Release(batch.Held);
            }
            return entry;
        }
    }
}
