using PilotEval.Documents;
using PilotEval.Evidence;
using PilotEval.Integrity;
using PilotEval.Store;
using PilotEval.Tests.Support;

namespace PilotEval.Tests.Store;

/// <summary>
/// The text-reuse check's exact comparisons kept in the store: a re-run takes a pair's outcome from the store when
/// neither submission changed (and finds exactly what comparing again finds), and compares again a pair with a
/// member that changed. Counted by what was compared, never timed.
/// </summary>
public sealed class StoredTextReuseTests
{
    private static readonly string[] Original = Integrity.TextReuseTests.Original;

    private static readonly string[] Own = Integrity.TextReuseTests.Own;

    [Fact]
    public async Task A_pair_neither_of_whose_members_changed_is_taken_from_the_store_and_a_changed_member_is_compared_again()
    {
        using var dir = new TempDirectory();
        var options = new DuplicateOptions();
        var items = new[] { Item("original.docx", Original, options), Item("copier.docx", [.. Own, .. Original[..9]], options) };
        var keys = new Dictionary<string, string>(StringComparer.Ordinal) { ["original.docx"] = "k-original", ["copier.docx"] = "k-copier" };

        var (first, firstCounts) = await FindAsync(dir.File("store.db"), items, keys, options);
        var (second, secondCounts) = await FindAsync(dir.File("store.db"), items, keys, options);
        keys["copier.docx"] = "k-copier-changed";
        var (third, thirdCounts) = await FindAsync(dir.File("store.db"), items, keys, options);

        Assert.Equal((0, 1), firstCounts);
        Assert.Equal((1, 0), secondCounts);
        Assert.Equal((0, 1), thirdCounts);
        var finding = Assert.Single(first["copier.docx"]);
        Assert.Equal("original.docx", finding.Other);
        Assert.NotEmpty(finding.Passages);
        foreach (var found in new[] { second, third })
        {
            Assert.Equal(first.Keys.Order(), found.Keys.Order());
            foreach (var source in first.Keys)
                Assert.Equal(Describe(first[source]), Describe(found[source]));
        }
    }

    [Fact]
    public async Task Outcomes_are_read_and_written_a_batch_at_a_time_as_found_never_all_held()
    {
        using var dir = new TempDirectory();
        var options = new DuplicateOptions();
        // Six applications holding the same text: fifteen pairs, each compared on its text and reported.
        var items = Enumerable.Range(0, 6).Select(i => Item($"app-{i}.docx", [.. Own, .. Original[..9]], options)).ToArray();
        var keys = items.ToDictionary(i => i.Item1, i => "k-" + i.Item1, StringComparer.Ordinal);
        const int batch = 4;

        IReadOnlyDictionary<string, System.Collections.Immutable.ImmutableArray<TextReuseFinding>> first;
        await using (var store = await RunStore.OpenAsync(dir.File("store.db"), CancellationToken.None))
        {
            var memo = new StoredTextReuse(store, keys, batch);
            first = TextReuseIndex.Find(items, (_, _) => false, options, memo, pairBatch: batch);
            // No Flush: what a run killed at the end of the check would leave. Whole batches are in the store already.
            Assert.Equal((0, 15), memo.Counts);
            Assert.InRange(memo.PeakHeld, 1, 2 * batch);
        }
        await using (var store = await RunStore.OpenAsync(dir.File("store.db"), CancellationToken.None))
        {
            var memo = new StoredTextReuse(store, keys, batch);
            var again = TextReuseIndex.Find(items, (_, _) => false, options, memo, pairBatch: batch);
            memo.Flush();
            Assert.Equal((12, 3), memo.Counts);
            Assert.InRange(memo.PeakHeld, 1, 2 * batch);
            Assert.Equal(first.Keys.Order(), again.Keys.Order());
            foreach (var source in first.Keys)
            {
                Assert.Equal(5, first[source].Length);
                Assert.Equal(Describe(first[source]), Describe(again[source]));
            }
        }
    }

    private static async Task<(IReadOnlyDictionary<string, System.Collections.Immutable.ImmutableArray<TextReuseFinding>> Found, (int, int) Counts)> FindAsync(
        string storePath, IReadOnlyList<(string, MinHashSignature, IReadOnlyList<Sentence>)> items, Dictionary<string, string> keys, DuplicateOptions options)
    {
        await using var store = await RunStore.OpenAsync(storePath, CancellationToken.None);
        var memo = new StoredTextReuse(store, new Dictionary<string, string>(keys, StringComparer.Ordinal));
        var found = TextReuseIndex.Find(items, new HashSet<(string, string)>(), options, memo);
        memo.Flush();
        return (found, memo.Counts);
    }

    private static (string, MinHashSignature, IReadOnlyList<Sentence>) Item(string source, string[] paragraphs, DuplicateOptions options) =>
        (source, new MinHasher(options).Sign(string.Join("\n", paragraphs)),
            [.. paragraphs.Select((p, i) => new Sentence(p, new Block(BlockKind.Paragraph, p, new SourceLocation(source, null, i + 1))))]);

    /// <summary>A finding as text, passages and locations included: records holding arrays do not compare by content.</summary>
    private static string Describe(IEnumerable<TextReuseFinding> findings) => string.Join("\n", findings.Select(f =>
        $"{f.Other} {f.OtherFoundHere:R} {f.ThisFoundThere:R} " + string.Join(" | ", f.Passages.Select(p => $"{p.Text}@{p.Location} ~ {p.ReusedAs}@{p.ReusedAt}"))));
}
