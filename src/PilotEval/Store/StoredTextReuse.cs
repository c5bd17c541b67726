using System.Text;
using System.Text.Json;
using PilotEval.Documents;
using PilotEval.Integrity;

namespace PilotEval.Store;

/// <summary>
/// The text-reuse check's exact comparisons kept in the store for one run. A pair is identified by its two
/// submissions' <see cref="SubmissionKey"/>s — the files' bytes, the rules, the duplicate settings, the build — so a
/// kept outcome is exactly what comparing the two texts again would give, and a re-run reads the text back from the
/// store only for pairs with a member that changed. Only submissions whose result is in the store take part: the
/// text of one cut short (a timeout, a page waiting for OCR) may read differently next time. Outcomes are read and
/// written a batch at a time, as the check asks for them and finds them (on a call built on a few templates the
/// compared pairs grow as N²: about 775,000 at 10,000 applications of the benchmark corpus, too many to hold).
/// </summary>
/// <param name="batch">How many new outcomes are held before they are written to the store.</param>
internal sealed class StoredTextReuse(RunStore store, IReadOnlyDictionary<string, string> keyBySource, int batch = TextReuseIndex.PairBatch)
    : ITextReuseMemo
{
    /// <summary>Raised when what a pair's outcome holds changes meaning.</summary>
    private const string Version = "pair-1";

    private Dictionary<string, byte[]> _kept = new(StringComparer.Ordinal);
    private readonly List<(string Key, byte[] Outcome)> _new = [];

    /// <summary>Pairs whose outcome came from the store, and pairs compared on their text, in this run.</summary>
    public (int Kept, int Compared) Counts { get; private set; }

    /// <summary>The most outcomes held at any one moment, read from the store or waiting to be written: counted, not measured.</summary>
    public int PeakHeld { get; private set; }

    public void Prefetch(IReadOnlyList<(string First, string Second)> pairs)
    {
        _kept = []; // the last batch's go before the next is read
        _kept = store.FindPairs([.. pairs.Select(p => KeyOf(p.First, p.Second)).OfType<string>()]);
        Held();
    }

    public bool TryGet(string first, string second, out TextReusePair outcome)
    {
        outcome = new(null, null);
        if (KeyOf(first, second) is not { } key || !_kept.TryGetValue(key, out var blob)) return false;
        if (JsonSerializer.Deserialize<TextReusePair>(RunStore.Decompress(blob), DocumentWorker.Json) is not { } kept) return false;
        outcome = kept;
        Counts = Counts with { Kept = Counts.Kept + 1 };
        return true;
    }

    public void Keep(string first, string second, TextReusePair outcome)
    {
        Counts = Counts with { Compared = Counts.Compared + 1 };
        if (KeyOf(first, second) is not { } key) return;
        _new.Add((key, RunStore.Compress(JsonSerializer.SerializeToUtf8Bytes(outcome, DocumentWorker.Json))));
        Held();
        if (_new.Count >= batch) Flush();
    }

    /// <summary>Writes the comparisons not yet written to the store: as a batch fills, and once the check is done.</summary>
    public void Flush()
    {
        store.SavePairs(_new);
        _new.Clear();
    }

    private void Held() => PeakHeld = Math.Max(PeakHeld, _kept.Count + _new.Count);

    private string? KeyOf(string first, string second) =>
        keyBySource.TryGetValue(first, out var a) && keyBySource.TryGetValue(second, out var b)
            ? ContentHash.Of(Encoding.UTF8.GetBytes($"{Version}\n{first}\n{a}\n{second}\n{b}"))
            : null;
}
