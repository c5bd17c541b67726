using System.Collections.Concurrent;
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
/// text of one cut short (a timeout, a page waiting for OCR) may read differently next time.
/// </summary>
internal sealed class StoredTextReuse(RunStore store, IReadOnlyDictionary<string, string> keyBySource) : ITextReuseMemo
{
    /// <summary>Raised when what a pair's outcome holds changes meaning.</summary>
    private const string Version = "pair-1";

    private Dictionary<string, byte[]> _kept = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte[]> _new = new(StringComparer.Ordinal);

    /// <summary>Pairs whose outcome came from the store, and pairs compared on their text, in this run.</summary>
    public (int Kept, int Compared) Counts { get; private set; }

    public void Prefetch(IReadOnlyList<(string First, string Second)> pairs) =>
        _kept = store.FindPairs([.. pairs.Select(p => KeyOf(p.First, p.Second)).OfType<string>()]);

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
        if (KeyOf(first, second) is { } key)
            _new[key] = RunStore.Compress(JsonSerializer.SerializeToUtf8Bytes(outcome, DocumentWorker.Json));
    }

    /// <summary>Writes this run's comparisons to the store, once the check is done.</summary>
    public Task SaveAsync(CancellationToken cancellationToken) =>
        store.SavePairsAsync([.. _new.Select(p => (p.Key, p.Value))], cancellationToken);

    private string? KeyOf(string first, string second) =>
        keyBySource.TryGetValue(first, out var a) && keyBySource.TryGetValue(second, out var b)
            ? ContentHash.Of(Encoding.UTF8.GetBytes($"{Version}\n{first}\n{a}\n{second}\n{b}"))
            : null;
}
