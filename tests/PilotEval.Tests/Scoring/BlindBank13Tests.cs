using PilotEval.Scoring;
using Xunit.Abstractions;

namespace PilotEval.Tests.Scoring;

/// <summary>
/// The thirteenth blind phrase bank (<c>Fixtures/eligibility-bank/bank13.tsv</c>; columns as <c>fresh.tsv</c>: id, check,
/// expected, text, why; ids Q001…; who wrote it and how: <c>bank13-README.md</c>), written by a session that never saw
/// the rules, the samples or the earlier banks, while the rules were tuned on bank 12 (measured once before its tuning:
/// 455 of 478). It is the held-back measurement of this stop, run once when that tuning ended:
/// <c>dotnet test tests/PilotEval.Tests --filter "FullyQualifiedName~BlindBank13" --logger "console;verbosity=detailed"</c>.
/// Measured on 2026-12-01 at 07:23 UTC (commit 3454f7d): 452 of 477; failed recall 95 % registered (54 of 57, just
/// under the bar) / 91 % incident / 86 % operation; one wrongful fail (a move into 未来科学城 read as a move to come,
/// 未来 taken for "future" by a rule added this round; a bug, fixed right after — 未来科学城 now hides 未来 from time as it
/// did from modality — so the bank reads 453 now). The bar is not met. This test holds that one measurement as a floor so the rules cannot silently get worse on it;
/// tuning on its misses would make it tuning data like the others.
/// </summary>
public sealed class BlindBank13Tests(ITestOutputHelper output)
{
    [BankFileFact(PhraseBank.Bank13)]
    public void The_thirteenth_blind_bank_holds_its_one_measurement()
    {
        var (items, misses, _) = PhraseBank.Report(PhraseBank.Bank13, output);
        Assert.Equal(477, items.Length);

        var bar = PhraseBank.BarMisses(items).ToList();
        foreach (var miss in bar) output.WriteLine("issue bar not met: " + miss);
        var wrongfulFails = misses.Count(m => m.Item.Expected != EligibilityStatuses.Failed && m.Got == EligibilityStatuses.Failed);
        output.WriteLine($"right {items.Length - misses.Count}; wrongful fails {wrongfulFails}");
        Assert.True(items.Length - misses.Count >= 452, $"{items.Length - misses.Count} of {items.Length} right, below the one measurement (452)");
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
