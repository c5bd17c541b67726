using System.Collections;
using System.Runtime.CompilerServices;
using SubmissionResult = PilotEval.Publishing.ResultsDocument.SubmissionResult;

namespace PilotEval.Publishing;

/// <summary>
/// The <c>submissions</c> of results.json, in report order. Read from a file, it holds every result. Written by
/// <c>evaluate</c>, it holds each one in brief (<see cref="Brief"/>: all but the quotes — enough for the counts, the
/// rankings, the integrity and exclusion tables, and any lookup by source) and enumerates the full results by
/// reading them back from the store a batch at a time: a report that renders every submission in full (results.json,
/// the details of report.html and panel-report.docx, the letters) enumerates this and writes each as it comes, and
/// memory holds a batch of full results, not all of them.
/// </summary>
[CollectionBuilder(typeof(SubmissionResults), nameof(Create))]
// A collection, not a list: LINQ reads a list by index (Select(…).ToArray() on one calls the indexer), which for
// results held in brief would read the store again for every element.
public sealed class SubmissionResults : ICollection<SubmissionResult>, IReadOnlyCollection<SubmissionResult>
{
    private readonly List<SubmissionResult> _brief;
    private readonly Func<IEnumerable<SubmissionResult>>? _full;
    private readonly Action<int>? _expect;
    private readonly Lazy<Dictionary<string, SubmissionResult>> _bySource;

    /// <summary>An empty list, for the JSON reader to fill.</summary>
    public SubmissionResults() : this([], null)
    {
    }

    private SubmissionResults(List<SubmissionResult> brief, Func<IEnumerable<SubmissionResult>>? full, Action<int>? expect = null)
    {
        _brief = brief;
        _full = full;
        _expect = expect;
        _bySource = new(() =>
        {
            var bySource = new Dictionary<string, SubmissionResult>(_brief.Count, StringComparer.Ordinal);
            foreach (var s in _brief) bySource.TryAdd(s.Source, s);
            return bySource;
        });
    }

    /// <summary>Results held whole.</summary>
    public static SubmissionResults Create(ReadOnlySpan<SubmissionResult> items) => new([.. items], null);

    /// <summary>Results held in brief, <paramref name="full"/> enumerating the same submissions in full, in the same order.</summary>
    /// <param name="expect">Told how many enumerations are about to start side by side (<see cref="ExpectReaders"/>).</param>
    public static SubmissionResults Streamed(IEnumerable<SubmissionResult> brief, Func<IEnumerable<SubmissionResult>> full, Action<int>? expect = null) =>
        new([.. brief], full, expect);

    /// <summary>
    /// Says that <paramref name="readers"/> enumerations of the full results are about to start side by side, so one
    /// reading of the store serves them all even when some start later than others. Nothing for results held whole.
    /// </summary>
    public void ExpectReaders(int readers) => _expect?.Invoke(readers);

    public int Length => _brief.Count;

    public int Count => _brief.Count;

    public bool IsEmpty => _brief.Count == 0;

    /// <summary>
    /// Every submission without its quotes (criteria's and eligibility checks' evidence are empty when held in
    /// brief; everything else is as in full): for what lists, counts or looks up submissions.
    /// </summary>
    public IReadOnlyList<SubmissionResult> Brief => _brief;

    /// <summary>The submission of that source in brief (see <see cref="Brief"/>), or null; the first when two share it.</summary>
    public SubmissionResult? Find(string source) => _bySource.Value.GetValueOrDefault(source);

    /// <summary>Each submission in full, in order; when held in brief, read back a batch at a time as the enumeration goes.</summary>
    public IEnumerator<SubmissionResult> GetEnumerator() => (_full?.Invoke() ?? _brief).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    bool ICollection<SubmissionResult>.IsReadOnly => _full is not null;

    /// <summary>For the JSON reader only: a list read from a file is filled one result at a time.</summary>
    void ICollection<SubmissionResult>.Add(SubmissionResult item)
    {
        if (_full is not null || _bySource.IsValueCreated) throw new NotSupportedException("submission results are read-only");
        _brief.Add(item);
    }

    public bool Contains(SubmissionResult item) => this.Any(s => s.Equals(item));

    public void CopyTo(SubmissionResult[] array, int arrayIndex)
    {
        foreach (var s in this) array[arrayIndex++] = s;
    }

    void ICollection<SubmissionResult>.Clear() => throw new NotSupportedException("submission results are read-only");

    bool ICollection<SubmissionResult>.Remove(SubmissionResult item) => throw new NotSupportedException("submission results are read-only");
}
