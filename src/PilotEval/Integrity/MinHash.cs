using System.Collections.Immutable;
using System.Globalization;
using System.Text;

namespace PilotEval.Integrity;

/// <summary>How near-duplicates are found. Bound from configuration section <c>Duplicates</c>.</summary>
public sealed record DuplicateOptions
{
    /// <summary>Estimated Jaccard similarity of character shingles at or above which two submissions are flagged.</summary>
    public double Threshold { get; init; } = 0.6;

    /// <summary>Characters per shingle; five Chinese characters are about two words.</summary>
    public int ShingleSize { get; init; } = 5;

    /// <summary>
    /// LSH bands × rows = hash functions. 32 × 4 makes two texts a candidate pair with probability
    /// 1 − (1 − s⁴)³²: 0.99 at s = 0.6, 0.23 at s = 0.3, 0.05 at s = 0.2, so the threshold is reached
    /// with few misses while unrelated applications rarely meet.
    /// </summary>
    public int Bands { get; init; } = 32;

    public int Rows { get; init; } = 4;

    /// <summary>Texts with fewer distinct shingles than this are too short to call duplicates (an empty cover page).</summary>
    public int MinimumShingles { get; init; } = 50;

    /// <summary>
    /// Share of one submission's text found in another at or above which both are flagged <c>text-reuse</c>: a
    /// competitor's text pasted in beside one's own has low Jaccard similarity but high containment.
    /// </summary>
    public double ContainmentThreshold { get; init; } = 0.4;

    /// <summary>Shingles two texts must share before reuse is named at all (boilerplate titles and pledges share fewer).</summary>
    public int MinimumSharedShingles { get; init; } = 200;

    public int HashCount => Bands * Rows;

    /// <summary>What is wrong with these options, in words for the user; null when they are usable.</summary>
    public string? Problem() =>
        Threshold is <= 0 or > 1 || double.IsNaN(Threshold) ? $"Duplicates:Threshold must be in (0, 1], not {Threshold}"
        : ShingleSize < 1 ? $"Duplicates:ShingleSize must be at least 1, not {ShingleSize}"
        : Bands < 1 || Rows < 1 ? $"Duplicates:Bands and Rows must be at least 1, not {Bands} × {Rows}"
        : ContainmentThreshold is <= 0 or > 1 || double.IsNaN(ContainmentThreshold) ? $"Duplicates:ContainmentThreshold must be in (0, 1], not {ContainmentThreshold}"
        : null;

    public void Validate()
    {
        if (Problem() is { } problem) throw new ArgumentException(problem);
    }
}

/// <summary>The MinHash signature of one text; comparing two signatures estimates the Jaccard similarity of their shingle sets.</summary>
/// <param name="Shingles">Distinct shingles of the text.</param>
public sealed record MinHashSignature(ImmutableArray<uint> Values, int Shingles)
{
    public static MinHashSignature Empty { get; } = new([], 0);

    /// <summary>Share of hash functions on which the two minima agree: an unbiased estimate of the Jaccard similarity.</summary>
    public double Similarity(MinHashSignature other)
    {
        if (Values.Length == 0 || Values.Length != other.Values.Length) return 0;
        var same = 0;
        for (var i = 0; i < Values.Length; i++)
        {
            if (Values[i] == other.Values[i]) same++;
        }
        return (double)same / Values.Length;
    }
}

/// <summary>
/// MinHash over character shingles. The hash functions are fixed multiply-shift hashes drawn from a constant
/// seed, so the same text has the same signature on every machine and in every run.
/// </summary>
public sealed class MinHasher
{
    private const ulong Seed = 0x5049_4C4F_5445_5641; // "PILOTEVA"
    private readonly ulong[] _multipliers;
    private readonly ulong[] _increments;

    public MinHasher(DuplicateOptions options)
    {
        options.Validate();
        Options = options;
        _multipliers = new ulong[options.HashCount];
        _increments = new ulong[options.HashCount];
        var state = Seed;
        for (var i = 0; i < options.HashCount; i++)
        {
            _multipliers[i] = SplitMix(ref state) | 1; // odd multipliers keep the map a bijection
            _increments[i] = SplitMix(ref state);
        }
    }

    public DuplicateOptions Options { get; }

    public MinHashSignature Sign(string text)
    {
        var shingles = ShingleHashes(text, Options.ShingleSize);
        if (shingles.Count == 0) return MinHashSignature.Empty;
        var minima = new uint[Options.HashCount];
        Array.Fill(minima, uint.MaxValue);
        foreach (var shingle in shingles)
        {
            for (var i = 0; i < minima.Length; i++)
            {
                var h = (uint)((_multipliers[i] * shingle + _increments[i]) >> 32);
                if (h < minima[i]) minima[i] = h;
            }
        }
        return new MinHashSignature(ImmutableArray.Create(minima), shingles.Count);
    }

    /// <summary>
    /// The 64-bit hashes of the distinct shingles of a text, after <see cref="Normalize"/>. Exact all-pairs
    /// Jaccard in the benchmark uses these same sets, so it measures the LSH and not the shingling.
    /// </summary>
    public static HashSet<ulong> ShingleHashes(string text, int size)
    {
        var normalized = Normalize(text);
        var set = new HashSet<ulong>();
        if (normalized.Length < size) return set;
        for (var i = 0; i + size <= normalized.Length; i++)
        {
            set.Add(Hash(normalized.AsSpan(i, size)));
        }
        return set;
    }

    /// <summary>
    /// Letters, digits and CJK only, half-width and lower case: punctuation, spacing and layout are the cheapest
    /// edits a copier makes, so they must not change the shingles.
    /// </summary>
    public static string Normalize(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (var ch in text.Normalize(NormalizationForm.FormKC))
        {
            var category = CharUnicodeInfo.GetUnicodeCategory(ch);
            if (char.IsLetterOrDigit(ch) || category == UnicodeCategory.OtherLetter) sb.Append(char.ToLowerInvariant(ch));
        }
        return sb.ToString();
    }

    /// <summary>FNV-1a over the UTF-16 code units, finished with a SplitMix avalanche so nearby shingles spread out.</summary>
    private static ulong Hash(ReadOnlySpan<char> shingle)
    {
        var h = 14695981039346656037UL;
        foreach (var ch in shingle)
        {
            h ^= ch;
            h *= 1099511628211UL;
        }
        return Mix(h);
    }

    private static ulong SplitMix(ref ulong state)
    {
        state += 0x9E3779B97F4A7C15UL;
        return Mix(state);
    }

    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}

/// <summary>Two submissions whose texts are nearly the same.</summary>
/// <param name="First">The source that sorts first, so a pair is reported once and always the same way.</param>
public sealed record DuplicatePair(string First, string Second, double Similarity);

/// <summary>
/// Submissions joined by near-duplicate pairs, directly or through others (a connected group): a call built on a few
/// templates has tens of thousands of pairs among a thousand applications, and a panel reads groups, not pairs.
/// </summary>
/// <param name="Members">The sources in the group, in ordinal order.</param>
/// <param name="Pairs">Near-duplicate pairs inside the group.</param>
/// <param name="Highest">The highest estimated similarity of a pair in the group.</param>
/// <param name="Lowest">The lowest estimated similarity of a pair in the group.</param>
public sealed record DuplicateCluster(ImmutableArray<string> Members, int Pairs, double Highest, double Lowest)
{
    /// <summary>
    /// The connected groups of <paramref name="pairs"/>, largest first (then by first member), so the same pairs
    /// always give the same groups in the same order.
    /// </summary>
    public static ImmutableArray<DuplicateCluster> Of(IEnumerable<DuplicatePair> pairs)
    {
        var parent = new Dictionary<string, string>(StringComparer.Ordinal);
        string Root(string x)
        {
            while (parent.TryGetValue(x, out var p) && p != x)
            {
                var grand = parent[p];
                parent[x] = grand; // path halving keeps the chains short
                x = grand;
            }
            return x;
        }
        var list = pairs.ToList();
        foreach (var pair in list)
        {
            parent.TryAdd(pair.First, pair.First);
            parent.TryAdd(pair.Second, pair.Second);
            var (a, b) = (Root(pair.First), Root(pair.Second));
            // The ordinally smaller root wins, so the grouping does not depend on the order pairs come in.
            if (a != b) parent[StringComparer.Ordinal.Compare(a, b) < 0 ? b : a] = StringComparer.Ordinal.Compare(a, b) < 0 ? a : b;
        }
        var pairsOf = list.ToLookup(p => Root(p.First), StringComparer.Ordinal);
        return
        [
            .. parent.Keys.GroupBy(Root, StringComparer.Ordinal)
                .Select(g => new DuplicateCluster([.. g.Order(StringComparer.Ordinal)], pairsOf[g.Key].Count(),
                    pairsOf[g.Key].Max(p => p.Similarity), pairsOf[g.Key].Min(p => p.Similarity)))
                .OrderByDescending(c => c.Members.Length)
                .ThenBy(c => c.Members[0], StringComparer.Ordinal),
        ];
    }
}

/// <summary>
/// Locality-sensitive hashing over MinHash signatures: only texts that agree on every row of at least one band
/// become candidate pairs, and only candidates are compared, so the cost grows with the number of similar
/// pairs instead of with n².
/// </summary>
public static class NearDuplicateIndex
{
    public sealed record Outcome(ImmutableArray<DuplicatePair> Pairs, long CandidatePairs);

    public static Outcome Find(IReadOnlyList<(string Source, MinHashSignature Signature)> items, DuplicateOptions options)
    {
        var index = Build(items, options);
        var pairs = ImmutableArray.CreateBuilder<DuplicatePair>();
        var candidates = index.Scan((a, b, similarity) => pairs.Add(new DuplicatePair(index.Items[a].Source, index.Items[b].Source, similarity)));
        return new Outcome(pairs.ToImmutable(), candidates);
    }

    /// <summary>The LSH buckets of <paramref name="items"/> (those with a usable signature, in ordinal order of source).</summary>
    public static Banded Build(IReadOnlyList<(string Source, MinHashSignature Signature)> items, DuplicateOptions options)
    {
        options.Validate();
        return new Banded([.. items
            .Where(i => i.Signature.Values.Length == options.HashCount && i.Signature.Shingles >= options.MinimumShingles)
            .OrderBy(i => i.Source, StringComparer.Ordinal)], options);
    }

    /// <summary>
    /// The signatures banded for LSH. The pairs are scanned one submission at a time and handed over as found rather
    /// than collected: a call built on a few templates has pairs by the hundred thousand at N = 3,000 and by the
    /// million at 10,000, and neither they nor the candidate pairs need to be held at once.
    /// </summary>
    public sealed class Banded
    {
        private readonly DuplicateOptions _options;
        private readonly ulong[][] _keys;
        private readonly Dictionary<ulong, List<int>>[] _buckets;

        internal Banded(List<(string Source, MinHashSignature Signature)> usable, DuplicateOptions options)
        {
            Items = usable;
            _options = options;
            _keys = new ulong[options.Bands][];
            _buckets = new Dictionary<ulong, List<int>>[options.Bands];
            for (var band = 0; band < options.Bands; band++)
            {
                var keys = _keys[band] = new ulong[usable.Count];
                var buckets = _buckets[band] = [];
                for (var i = 0; i < usable.Count; i++)
                {
                    var key = keys[i] = BandKey(usable[i].Signature.Values, band, options.Rows);
                    if (!buckets.TryGetValue(key, out var bucket)) buckets[key] = bucket = [];
                    bucket.Add(i);
                }
            }
        }

        /// <summary>The usable signatures, in ordinal order of source; the scan names them by position here.</summary>
        public IReadOnlyList<(string Source, MinHashSignature Signature)> Items { get; }

        /// <summary>
        /// Calls <paramref name="pair"/> for every pair sharing a bucket in some band whose estimated similarity
        /// reaches the threshold, first by first member then by second (positions in <see cref="Items"/>, so in
        /// ordinal order of source); returns how many distinct pairs were compared.
        /// </summary>
        public long Scan(Action<int, int, double> pair)
        {
            var seenFor = new int[Items.Count];
            Array.Fill(seenFor, -1);
            var others = new List<int>();
            long candidates = 0;
            for (var a = 0; a < Items.Count; a++)
            {
                others.Clear();
                for (var band = 0; band < _buckets.Length; band++)
                {
                    // A bucket lists its members in ascending position: those after a are a's candidates.
                    var bucket = _buckets[band][_keys[band][a]];
                    for (var k = bucket.BinarySearch(a) + 1; k < bucket.Count; k++)
                    {
                        var b = bucket[k];
                        if (seenFor[b] == a) continue;
                        seenFor[b] = a;
                        others.Add(b);
                    }
                }
                candidates += others.Count;
                others.Sort();
                foreach (var b in others)
                {
                    var similarity = Items[a].Signature.Similarity(Items[b].Signature);
                    if (similarity >= _options.Threshold) pair(a, b, similarity);
                }
            }
            return candidates;
        }

        /// <summary>Whether the scan pairs the items at these positions: they share a bucket and reach the threshold.</summary>
        public bool Pairs(int a, int b)
        {
            var shared = false;
            for (var band = 0; band < _keys.Length && !shared; band++) shared = _keys[band][a] == _keys[band][b];
            return shared && Items[a].Signature.Similarity(Items[b].Signature) >= _options.Threshold;
        }
    }

    /// <summary>The band's rows folded into one key, with the band number mixed in so equal rows of different bands never collide.</summary>
    private static ulong BandKey(ImmutableArray<uint> values, int band, int rows)
    {
        var h = 14695981039346656037UL ^ (ulong)band;
        for (var r = 0; r < rows; r++)
        {
            h ^= values[band * rows + r];
            h *= 1099511628211UL;
        }
        return h;
    }
}
