using PilotEval.Scoring;
using Xunit.Abstractions;

namespace PilotEval.Tests.Scoring;

/// <summary>
/// The eleventh blind phrase bank (<c>Fixtures/eligibility-bank/bank11.tsv</c>; columns as <c>fresh.tsv</c>: id, check,
/// expected, text, why; ids N001…; who wrote it and how: <c>bank11-README.md</c>), written by a session that never saw
/// the rules, the samples or the earlier banks, while the rules were tuned on bank 10 (measured once before its tuning:
/// 423 of 459). It is the held-back measurement of this stop, run once when that tuning ended:
/// <c>dotnet test tests/PilotEval.Tests --filter "FullyQualifiedName~BlindBank11" --logger "console;verbosity=detailed"</c>.
/// Measured on 2026-12-01 at 06:50 UTC (commit 4cd8a8f): 416 of 441; failed recall 95 % registered (52 of 55, just
/// under the bar) / 94 % incident / 91 % operation; three wrongful fails (a partner registered in Shanghai, a Beijing
/// state enterprise approved by the city government, a partner university's laboratory). The bar is not met. This test holds that one measurement as a floor so the rules cannot silently get worse on it;
/// tuning on its misses would make it tuning data like the others.
/// </summary>
public sealed class BlindBank11Tests(ITestOutputHelper output)
{
    [BankFileFact(PhraseBank.Bank11)]
    public void The_eleventh_blind_bank_holds_its_one_measurement()
    {
        var (items, misses, _) = PhraseBank.Report(PhraseBank.Bank11, output);
        Assert.Equal(441, items.Length);

        var bar = PhraseBank.BarMisses(items).ToList();
        foreach (var miss in bar) output.WriteLine("issue bar not met: " + miss);
        var wrongfulFails = misses.Count(m => m.Item.Expected != EligibilityStatuses.Failed && m.Got == EligibilityStatuses.Failed);
        output.WriteLine($"right {items.Length - misses.Count}; wrongful fails {wrongfulFails}");
        Assert.True(items.Length - misses.Count >= 416, $"{items.Length - misses.Count} of {items.Length} right, below the one measurement (416)");
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
