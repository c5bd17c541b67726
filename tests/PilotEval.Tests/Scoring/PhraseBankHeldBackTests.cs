using Xunit.Abstractions;

namespace PilotEval.Tests.Scoring;

/// <summary>
/// The held-back half of the blind phrase bank, never used to tune the rules (Fixtures/eligibility-bank/README.md).
/// It prints precision and recall per check and outcome. Opened once, at the end of the work on issue 10, it did not
/// meet the bar (failed recall ≥ 95 % per check; it reached 93 %, 80 % and 53 %), and that is reported in the
/// README rather than tuned away. What this test holds is that first measurement as a floor: no change may make the
/// rules worse on text they were never tuned on. Raising the floor needs a new blind half, not this one.
/// </summary>
public sealed class PhraseBankHeldBackTests(ITestOutputHelper output)
{
    /// <summary>Items labelled failed that the first measurement found, per check (of 15 each).</summary>
    private static readonly Dictionary<string, int> FailedFoundAtFirstMeasurement = new()
    {
        ["registered-in-beijing"] = 14,
        ["no-major-incident"] = 12,
        ["in-operation"] = 8,
    };

    [Fact]
    public void The_held_back_half_stays_at_or_above_its_first_measurement()
    {
        var items = PhraseBank.Load("heldback");
        var (table, misses) = PhraseBank.Measure(items);
        output.WriteLine(table);
        foreach (var (item, got) in misses) output.WriteLine($"{item.Id} {item.Check} expected {item.Expected} got {got}: {item.Text}");
        foreach (var miss in PhraseBank.BarMisses(items)) output.WriteLine("issue bar not met: " + miss);

        // Judged right: 104 of 135 at the first measurement.
        Assert.True(items.Length - misses.Count >= 104, $"{items.Length - misses.Count} of {items.Length} right, was 104");
        // An applicant wrongly excluded loses its year: at most the one conditional sentence (「发生…时…报告」) seen then.
        Assert.True(misses.Count(m => m.Item.Expected != "failed" && m.Got == "failed") <= 1, "a passage labelled passed or unconfirmed is now failed");
        foreach (var (check, found) in FailedFoundAtFirstMeasurement)
        {
            var labelled = items.Count(i => i.Check == check && i.Expected == "failed");
            var missed = misses.Count(m => m.Item.Check == check && m.Item.Expected == "failed");
            Assert.True(labelled - missed >= found, $"{check}: {labelled - missed} of {labelled} failed passages found, was {found}");
        }
    }
}
