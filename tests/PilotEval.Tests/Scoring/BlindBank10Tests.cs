using PilotEval.Scoring;
using Xunit.Abstractions;

namespace PilotEval.Tests.Scoring;

/// <summary>
/// The tenth blind phrase bank (<c>Fixtures/eligibility-bank/bank10.tsv</c>; columns as <c>fresh.tsv</c>: id, check,
/// expected, text, why; ids M001…; who wrote it and how: <c>bank10-README.md</c>), written by a session that never saw
/// the rules, the samples or the earlier banks, while the rules were tuned on bank 9 (measured once before its tuning:
/// 403 of 452). It is the held-back measurement of this round, run once when that tuning ended:
/// <c>dotnet test tests/PilotEval.Tests --filter "FullyQualifiedName~BlindBank10" --logger "console;verbosity=detailed"</c>.
/// Measured on 2026-12-01 at 06:34 UTC (commit ce5ea56): 423 of 459; failed recall 96 % registered / 85 % incident /
/// 82 % operation; three wrongful fails (a tax fine said to have nothing to do with data security, and two second phases
/// planned to go live in 2027). The bar is not met (registration's recall is). This test holds that one measurement as a floor so the rules cannot silently get worse on it;
/// tuning on its misses would make it tuning data like the others.
/// </summary>
public sealed class BlindBank10Tests(ITestOutputHelper output)
{
    [BankFileFact(PhraseBank.Bank10)]
    public void The_tenth_blind_bank_holds_its_one_measurement()
    {
        var (items, misses, _) = PhraseBank.Report(PhraseBank.Bank10, output);
        Assert.Equal(459, items.Length);

        var bar = PhraseBank.BarMisses(items).ToList();
        foreach (var miss in bar) output.WriteLine("issue bar not met: " + miss);
        var wrongfulFails = misses.Count(m => m.Item.Expected != EligibilityStatuses.Failed && m.Got == EligibilityStatuses.Failed);
        output.WriteLine($"right {items.Length - misses.Count}; wrongful fails {wrongfulFails}");
        Assert.True(items.Length - misses.Count >= 423, $"{items.Length - misses.Count} of {items.Length} right, below the one measurement (423)");
        Assert.True(wrongfulFails <= 3, $"{wrongfulFails} passages labelled passed or unconfirmed judged failed, above the one measurement (3)");
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
