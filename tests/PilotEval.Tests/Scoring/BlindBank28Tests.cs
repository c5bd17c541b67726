using PilotEval.Scoring;
using Xunit.Abstractions;

namespace PilotEval.Tests.Scoring;

/// <summary>
/// The twenty-eighth blind phrase bank (<c>Fixtures/eligibility-bank/bank28.tsv</c>; columns as <c>fresh.tsv</c>: id,
/// check, expected, text, why; ids Q001…; who wrote it and how: <c>bank28-README.md</c>), written by a session that never
/// saw the rules, the samples or the earlier banks, while the rules were tuned on banks 17 to 27. It is the held-back
/// measurement of this stop, run once when that tuning ended:
/// <c>dotnet test tests/PilotEval.Tests --filter "FullyQualifiedName~BlindBank28" --logger "console;verbosity=detailed"</c>.
/// Measured on 2026-12-01 at 15:36 UTC (commit ced738a's rules, those of 377b5bb): 434 of 445 (97.5 %); failed recall
/// 98 % registered (52 of 53) / 96 % incident (51 of 53) / 96 % operation (52 of 54); precision of failed 100 / 100 /
/// 100 %; no passage labelled passed or unconfirmed judged failed. The bar is met on this bank — the first
/// held-back bank on which it is. This test holds that one measurement as a floor (and the bar itself) so the rules
/// cannot silently get worse on it.
/// </summary>
public sealed class BlindBank28Tests(ITestOutputHelper output)
{
    [BankFileFact(PhraseBank.Bank28)]
    public void The_twenty_eighth_blind_bank_holds_its_one_measurement()
    {
        var (items, misses, _) = PhraseBank.Report(PhraseBank.Bank28, output);
        Assert.Equal(445, items.Length);

        var bar = PhraseBank.BarMisses(items).ToList();
        foreach (var miss in bar) output.WriteLine("issue bar not met: " + miss);
        var wrongfulFails = misses.Count(m => m.Item.Expected != EligibilityStatuses.Failed && m.Got == EligibilityStatuses.Failed);
        output.WriteLine($"right {items.Length - misses.Count}; wrongful fails {wrongfulFails}");
        Assert.True(items.Length - misses.Count >= 434, $"{items.Length - misses.Count} of {items.Length} right, below the one measurement (434)");
        Assert.Equal(0, wrongfulFails);
        Assert.Empty(bar);
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
