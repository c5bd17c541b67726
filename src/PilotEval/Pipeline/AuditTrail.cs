using System.Collections.Concurrent;
using System.Collections.Immutable;

namespace PilotEval.Pipeline;

/// <summary>Collects what every stage did to every submission during a run; published as <c>audit.jsonl</c>.</summary>
public sealed class AuditTrail
{
    private readonly ConcurrentQueue<AuditEntry> _entries = new();

    public void Record(AuditEntry entry) => _entries.Enqueue(entry);

    /// <summary>Entries in a stable order (by source, then start), whatever the concurrency of the run.</summary>
    public ImmutableArray<AuditEntry> Snapshot() =>
        [.. _entries.OrderBy(e => e.Source, StringComparer.Ordinal).ThenBy(e => e.StartedAt)];

    public void Clear() => _entries.Clear();

    /// <summary>Takes the entries recorded so far out of the trail, for the run to append them to <c>audit.jsonl</c> as it goes.</summary>
    public List<AuditEntry> Drain()
    {
        var drained = new List<AuditEntry>();
        while (_entries.TryDequeue(out var entry)) drained.Add(entry);
        return drained;
    }
}
