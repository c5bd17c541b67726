using PilotEval.Scoring;
using Xunit.Abstractions;

namespace PilotEval.Tests.Scoring;

/// <summary>
/// The twenty-fifth blind phrase bank (<c>Fixtures/eligibility-bank/bank25.tsv</c>; columns as <c>fresh.tsv</c>: id,
/// check, expected, text, why; ids Q001…; who wrote it and how: <c>bank25-README.md</c>), written by a session that never
/// saw the rules, the samples or the earlier banks (nor bank 26, written beside it), while the rules were tuned on banks
/// 17 to 24. Run once on the committed rules before anything is tuned on it:
/// <c>dotnet test tests/PilotEval.Tests --filter "FullyQualifiedName~BlindBank25" --logger "console;verbosity=detailed"</c>.
/// Measured on 2026-12-01 at 15:05 UTC (commit 1c3c686's rules, those of 95380c1): 421 of 442 (95.2 %); failed recall
/// 94 % registered (51 of 54) / 94 % incident (50 of 53) / 93 % operation (50 of 54); precision of failed 98 / 100 /
/// 100 %; one wrongful fail (a registration moved into Beijing in 2021 after one in 天津 「成立之初」). The bar is not met.
/// This test holds that one measurement as a floor so the rules cannot silently get worse on it; tuning on its misses
/// makes it tuning data.
/// </summary>
public sealed class BlindBank25Tests(ITestOutputHelper output)
{
    [BankFileFact(PhraseBank.Bank25)]
    public void The_twenty_fifth_blind_bank_holds_its_one_measurement()
    {
        var (items, misses, _) = PhraseBank.Report(PhraseBank.Bank25, output);
        Assert.Equal(442, items.Length);

        var bar = PhraseBank.BarMisses(items).ToList();
        foreach (var miss in bar) output.WriteLine("issue bar not met: " + miss);
        var wrongfulFails = misses.Count(m => m.Item.Expected != EligibilityStatuses.Failed && m.Got == EligibilityStatuses.Failed);
        output.WriteLine($"right {items.Length - misses.Count}; wrongful fails {wrongfulFails}");
        Assert.True(items.Length - misses.Count >= 421, $"{items.Length - misses.Count} of {items.Length} right, below the one measurement (421)");
        Assert.True(wrongfulFails <= 1, $"{wrongfulFails} passages labelled passed or unconfirmed judged failed, above the one measurement (1)");
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
