using System.Globalization;
using System.Text.Json;

namespace PilotEval.Cli.Benchmarks;

/// <summary>
/// Kills reader workers of a running <c>piloteval evaluate</c> from outside, with <c>kill -9</c>, as a crash or the OOM
/// killer would: the benchmark's proof that a batch with workers dying at random still gives every file its true
/// outcome. Which worker and when are drawn from a seeded random. Only a worker that has lived past
/// <see cref="MinimumAge"/> is killed: the pool reads a file a second time on a fresh worker and reports a file that
/// stops two workers, so killing the fresh worker of a retry would be a file "failing twice" by our hand, not a test
/// of the pool.
/// </summary>
public sealed class WorkerKiller(int limit, int seed)
{
    /// <summary>A worker younger than this may be the fresh one reading a killed worker's file again.</summary>
    public static readonly TimeSpan MinimumAge = TimeSpan.FromSeconds(3);

    private readonly Random _random = new(seed);
    private readonly Dictionary<int, DateTime> _firstSeen = [];
    private DateTime _next = DateTime.MinValue;

    /// <summary>Workers killed so far.</summary>
    public int Killed { get; private set; }

    /// <summary>Called on each poll of the measured run: kills at most one worker when its turn has come.</summary>
    public void Tick(int root)
    {
        if (Killed >= limit) return;
        var now = DateTime.UtcNow;
        if (_next == DateTime.MinValue) _next = now + Gap();
        var workers = ReaderWorkers(root);
        foreach (var pid in workers) _firstSeen.TryAdd(pid, now);
        if (now < _next) return;
        var old = workers.Where(pid => now - _firstSeen[pid] >= MinimumAge).Order().ToList();
        if (old.Count == 0) return;
        var victim = old[_random.Next(old.Count)];
        try
        {
            System.Diagnostics.Process.GetProcessById(victim).Kill();
            Killed++;
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            // It ended on its own while we chose it.
        }
        _next = now + Gap();
    }

    /// <summary>Between half a second and two seconds: a kill every few dozen files at this benchmark's pace.</summary>
    private TimeSpan Gap() => TimeSpan.FromMilliseconds(500 + _random.Next(1500));

    /// <summary>The reader workers (<c>piloteval read-worker</c>) among a process and its descendants.</summary>
    public static List<int> ReaderWorkers(int root) =>
        [.. BenchTools.ProcessTree(root).Where(pid => BenchTools.CommandLine(pid).Contains("read-worker"))];

    /// <summary>
    /// The submissions whose entry in <paramref name="disturbed"/> is not byte for byte the one in
    /// <paramref name="truth"/> (both <c>results.json</c> of the same files and rubrics), with the first field that
    /// differs; a submission missing from either side counts too.
    /// </summary>
    public static IReadOnlyList<string> Misreported(JsonElement truth, JsonElement disturbed)
    {
        var expected = BySource(truth);
        var actual = BySource(disturbed);
        var differing = new List<string>();
        foreach (var (source, entry) in expected.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            if (!actual.TryGetValue(source, out var other)) { differing.Add($"{source}: missing"); continue; }
            if (entry.GetRawText() == other.GetRawText()) continue;
            var field = entry.EnumerateObject().FirstOrDefault(p =>
                !other.TryGetProperty(p.Name, out var value) || value.GetRawText() != p.Value.GetRawText()).Name ?? "?";
            differing.Add(string.Create(CultureInfo.InvariantCulture, $"{source}: {field}"));
        }
        differing.AddRange(actual.Keys.Except(expected.Keys).Order(StringComparer.Ordinal).Select(s => $"{s}: not in the undisturbed run"));
        return differing;
    }

    /// <summary>The top-level parts of the two <c>results.json</c> other than the run's own block that differ (shortlists, clusters…).</summary>
    public static IReadOnlyList<string> RunLevelDifferences(JsonElement truth, JsonElement disturbed) =>
        [.. truth.EnumerateObject()
            .Where(p => p.Name is not ("run" or "submissions"))
            .Where(p => !disturbed.TryGetProperty(p.Name, out var other) || other.GetRawText() != p.Value.GetRawText())
            .Select(p => p.Name)];

    private static Dictionary<string, JsonElement> BySource(JsonElement results) =>
        results.GetProperty("submissions").EnumerateArray().ToDictionary(s => s.GetProperty("source").GetString() ?? "", StringComparer.Ordinal);
}
