using PilotEval.Scoring;
using Xunit.Abstractions;

namespace PilotEval.Tests.Scoring;

/// <summary>
/// The third blind phrase bank (<c>Fixtures/eligibility-bank/bank3.tsv</c>; columns as <c>fresh.tsv</c>: id, check,
/// expected, text, why; ids G001…; who wrote it and how: <c>bank3-README.md</c>), written by a session that never saw
/// the rules, the samples or the earlier banks, after the tuning on tune, heldback and fresh ended. It was run ONCE on
/// 30 November 2026: 397 of 442 right; failed recall 90 % registered / 84 % incident / 78 % operation against the
/// issue's 95 %; four passages judged failed that are not (someone else's incident read as the applicant's: a
/// responder's caseload, a parent's and a subsidiary's; a plan's stages read as the project under construction).
/// The bar is not met. This test now holds that one measurement as a floor so the rules cannot silently get worse on
/// it, prints the table and every miss, and says where the bar is missed:
/// <c>dotnet test tests/PilotEval.Tests --filter "FullyQualifiedName~BlindBank3" --logger "console;verbosity=detailed"</c>.
/// Tuning on it from here makes it tuning data like the others; the next held-back measurement needs another bank.
/// </summary>
public sealed class BlindBank3Tests(ITestOutputHelper output)
{
    [BankFileFact(PhraseBank.Bank3)]
    public void The_third_blind_bank_holds_its_one_measurement()
    {
        var (items, misses, _) = PhraseBank.Report(PhraseBank.Bank3, output);
        Assert.Equal(442, items.Length);

        var bar = PhraseBank.BarMisses(items).ToList();
        foreach (var miss in bar) output.WriteLine("issue bar not met: " + miss);

        var wrongfulFails = misses.Count(m => m.Item.Expected != EligibilityStatuses.Failed && m.Got == EligibilityStatuses.Failed);
        Assert.True(items.Length - misses.Count >= 397, $"{items.Length - misses.Count} of {items.Length} right, below the first measurement (397)");
        Assert.True(wrongfulFails <= 4, $"{wrongfulFails} passages labelled passed or unconfirmed judged failed, above the first measurement (4)");
    }
}

/// <summary>A fact over a phrase bank file that is dropped in later, skipped, saying why, while it is absent.</summary>
public sealed class BankFileFactAttribute : FactAttribute
{
    public BankFileFactAttribute(string half)
    {
        if (!File.Exists(PhraseBank.PathOf(half)))
            Skip = $"the blind phrase bank '{half}' is not present ({PhraseBank.PathOf(half)}); the lead drops it in and runs this test once";
    }
}
