using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using PilotEval.Cli.Benchmarks;
using PilotEval.Integrity;
using Spectre.Console.Cli;

namespace PilotEval.Cli.Commands;

/// <summary>
/// <c>piloteval bench-duplicates [--count 10000] [--exact-count 1000]</c> (hidden): the cost of the near-duplicate
/// check at scale (time, candidate pairs against all pairs) and its recall against exact all-pairs Jaccard on a
/// smaller set. Synthetic and seeded, so anyone can rerun it and get the same pairs.
/// </summary>
public sealed class BenchDuplicatesCommand(DuplicateOptions options) : Command<BenchDuplicatesCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandOption("--count <n>")]
        [Description("Applications for the cost measurement.")]
        [DefaultValue(10_000)]
        public int Count { get; init; } = 10_000;

        [CommandOption("--exact-count <n>")]
        [Description("Applications for the recall measurement against exact all-pairs Jaccard.")]
        [DefaultValue(1_000)]
        public int ExactCount { get; init; } = 1_000;

        [CommandOption("--duplicate-share <share>")]
        [Description("Share of applications that are planted copies of an earlier one.")]
        [DefaultValue(0.02)]
        public double DuplicateShare { get; init; } = 0.02;

        [CommandOption("--sentences <n>")]
        [Description("Sentences of prose per application (about 35 characters each).")]
        [DefaultValue(60)]
        public int Sentences { get; init; } = 60;

        [CommandOption("--seed <n>")]
        [Description("Seed of the generator: the same seed gives the same applications, candidates, pairs and recall.")]
        [DefaultValue(20241125)]
        public int Seed { get; init; } = 20241125;

        public override Spectre.Console.ValidationResult Validate() =>
            Count < 2 || ExactCount < 2 ? Spectre.Console.ValidationResult.Error("--count and --exact-count must be at least 2")
            : DuplicateShare is < 0 or > 1 ? Spectre.Console.ValidationResult.Error("--duplicate-share must be between 0 and 1")
            : Spectre.Console.ValidationResult.Success();
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var hasher = new MinHasher(options);
        var output = Console.Out;
        output.WriteLine(Invariant($"near-duplicate benchmark: MinHash {options.HashCount} hashes = {options.Bands} bands x {options.Rows} rows, {options.ShingleSize}-character shingles, threshold {options.Threshold:0.00}, seed {settings.Seed}, {Environment.ProcessorCount} cores, single-threaded"));

        // Cost at scale.
        var large = SyntheticApplications.Generate(settings.Count, settings.DuplicateShare, settings.Sentences, settings.Seed);
        output.WriteLine(Invariant($"\n[scale] {large.Count} applications, {large.Average(a => a.Text.Length):0} characters on average, {large.Count(a => a.CopyOf is not null)} planted copies"));
        var watch = Stopwatch.StartNew();
        var signatures = large.Select(a => (a.Source, hasher.Sign(a.Text))).ToList();
        var signTime = watch.Elapsed;
        watch.Restart();
        var found = NearDuplicateIndex.Find(signatures, options);
        var indexTime = watch.Elapsed;
        var allPairs = (long)large.Count * (large.Count - 1) / 2;
        output.WriteLine(Invariant($"  shingle + sign: {signTime.TotalSeconds:0.00} s ({signTime.TotalMilliseconds * 1000 / large.Count:0} µs per application)"));
        output.WriteLine(Invariant($"  LSH banding + compare candidates: {indexTime.TotalSeconds:0.00} s"));
        output.WriteLine(Invariant($"  candidate pairs compared: {found.CandidatePairs:N0} of {allPairs:N0} pairs ({100.0 * found.CandidatePairs / allPairs:0.000}%)"));
        output.WriteLine(Invariant($"  pairs flagged: {found.Pairs.Length}"));

        var flagged = found.Pairs.Select(p => (p.First, p.Second)).ToHashSet();
        var texts = large.ToDictionary(a => a.Source, a => a.Text);
        var planted = large.Where(a => a.CopyOf is not null)
            .Select(a => (Pair: Ordered(a.Source, a.CopyOf!), Jaccard: Jaccard(Shingles(texts[a.Source]), Shingles(texts[a.CopyOf!]))))
            .ToList();
        var plantedAbove = planted.Where(p => p.Jaccard >= options.Threshold).ToList();
        output.WriteLine(Invariant($"  planted copies with exact Jaccard >= {options.Threshold:0.00}: {plantedAbove.Count}, flagged: {plantedAbove.Count(p => flagged.Contains(p.Pair))} (recall {Ratio(plantedAbove.Count(p => flagged.Contains(p.Pair)), plantedAbove.Count)})"));

        // Recall against exact all-pairs Jaccard.
        var small = SyntheticApplications.Generate(settings.ExactCount, Math.Max(settings.DuplicateShare, 0.05), settings.Sentences, settings.Seed + 1);
        var sets = small.Select(a => Shingles(a.Text)).ToList();
        output.WriteLine(Invariant($"\n[recall] {small.Count} applications, {small.Count(a => a.CopyOf is not null)} planted copies; exact Jaccard on all {(long)small.Count * (small.Count - 1) / 2:N0} pairs"));
        watch.Restart();
        var truth = new List<((string, string) Pair, double Jaccard)>();
        for (var i = 0; i < small.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            for (var j = i + 1; j < small.Count; j++)
            {
                var jaccard = Jaccard(sets[i], sets[j]);
                if (jaccard >= options.Threshold - 0.2) truth.Add((Ordered(small[i].Source, small[j].Source), jaccard));
            }
        }
        var exactTime = watch.Elapsed;
        watch.Restart();
        var smallSignatures = small.ToDictionary(a => a.Source, a => hasher.Sign(a.Text));
        var smallFound = NearDuplicateIndex.Find([.. small.Select(a => (a.Source, smallSignatures[a.Source]))], options);
        var lshTime = watch.Elapsed;
        var smallFlagged = smallFound.Pairs.Select(p => (p.First, p.Second)).ToHashSet();
        var above = truth.Where(t => t.Jaccard >= options.Threshold).ToList();
        var hits = above.Count(t => smallFlagged.Contains(t.Pair));
        var truePairs = above.Select(t => t.Pair).ToHashSet();
        output.WriteLine(Invariant($"  exact all-pairs: {exactTime.TotalSeconds:0.00} s; MinHash + LSH: {lshTime.TotalSeconds:0.00} s, {smallFound.CandidatePairs:N0} candidate pairs"));
        output.WriteLine(Invariant($"  pairs with exact Jaccard >= {options.Threshold:0.00}: {above.Count}; flagged {hits} (recall {Ratio(hits, above.Count)})"));
        // A miss is either LSH never pairing the two, or the MinHash estimate landing under the threshold.
        var estimateMisses = above.Count(t => !smallFlagged.Contains(t.Pair) &&
            smallSignatures[t.Pair.Item1].Similarity(smallSignatures[t.Pair.Item2]) < options.Threshold);
        output.WriteLine(Invariant($"  missed: {above.Count - hits} ({estimateMisses} with a MinHash estimate under the threshold, {above.Count - hits - estimateMisses} never made candidates by LSH)"));
        output.WriteLine(Invariant($"  flagged pairs: {smallFound.Pairs.Length}; of them exact Jaccard >= {options.Threshold:0.00}: {smallFound.Pairs.Count(p => truePairs.Contains((p.First, p.Second)))} (precision {Ratio(smallFound.Pairs.Count(p => truePairs.Contains((p.First, p.Second))), smallFound.Pairs.Length)})"));
        foreach (var (low, high) in new[] { (options.Threshold - 0.2, options.Threshold - 0.1), (options.Threshold - 0.1, options.Threshold), (options.Threshold, options.Threshold + 0.1), (options.Threshold + 0.1, 1.01) })
        {
            var band = truth.Where(t => t.Jaccard >= low && t.Jaccard < high).ToList();
            output.WriteLine(Invariant($"  exact Jaccard in [{low:0.00}, {Math.Min(high, 1):0.00}{(high > 1 ? "]" : ")")}: {band.Count} pairs, flagged {band.Count(t => smallFlagged.Contains(t.Pair))}"));
        }
        var baseline = small.Where(a => a.CopyOf is null).Take(200).Select(a => Shingles(a.Text)).ToList();
        var unrelated = new List<double>();
        for (var i = 0; i < baseline.Count; i++)
            for (var j = i + 1; j < baseline.Count; j++) unrelated.Add(Jaccard(baseline[i], baseline[j]));
        unrelated.Sort();
        output.WriteLine(Invariant($"  unrelated applications: median exact Jaccard {unrelated[unrelated.Count / 2]:0.000}, max {unrelated[^1]:0.000}"));
        return 0;

        ulong[] Shingles(string text)
        {
            var set = MinHasher.ShingleHashes(text, options.ShingleSize).ToArray();
            Array.Sort(set);
            return set;
        }
    }

    private static (string, string) Ordered(string a, string b) => string.CompareOrdinal(a, b) <= 0 ? (a, b) : (b, a);

    private static double Jaccard(ulong[] a, ulong[] b)
    {
        if (a.Length == 0 && b.Length == 0) return 0;
        int i = 0, j = 0, common = 0;
        while (i < a.Length && j < b.Length)
        {
            if (a[i] == b[j]) { common++; i++; j++; }
            else if (a[i] < b[j]) i++;
            else j++;
        }
        return (double)common / (a.Length + b.Length - common);
    }

    private static string Ratio(int part, int whole) => whole == 0 ? "n/a" : Invariant($"{100.0 * part / whole:0.0}%");

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
