using PilotEval.Scoring;
using Xunit.Abstractions;

namespace PilotEval.Tests.Scoring;

/// <summary>
/// The ninth blind phrase bank (<c>Fixtures/eligibility-bank/bank9.tsv</c>; columns as <c>fresh.tsv</c>: id, check,
/// expected, text, why; ids L001…; who wrote it and how: <c>bank9-README.md</c>), written by a session that never saw
/// the rules, the samples or the earlier banks, while the rules were tuned on bank 8 (measured once before its tuning:
/// 426 of 466). It is the held-back measurement of this round, run once when that tuning ended:
/// <c>dotnet test tests/PilotEval.Tests --filter "FullyQualifiedName~BlindBank9" --logger "console;verbosity=detailed"</c>.
/// Measured on 2026-12-01 at 06:10 UTC (commit 15fb34b): 403 of 452; failed recall 93 % registered / 60 % incident /
/// 84 % operation; five wrongful fails (an in-house institute without legal personality, a pledge with a blank, a
/// promise about incidents during the call, a plan to report after a year of operation, a manual ledger retired). The
/// bar is not met. This test holds that one measurement as a floor so the rules cannot silently get worse on it;
/// tuning on its misses would make it tuning data like the others.
/// </summary>
public sealed class BlindBank9Tests(ITestOutputHelper output)
{
    [BankFileFact(PhraseBank.Bank9)]
    public void The_ninth_blind_bank_holds_its_one_measurement()
    {
        var (items, misses, _) = PhraseBank.Report(PhraseBank.Bank9, output);
        Assert.Equal(452, items.Length);

        var bar = PhraseBank.BarMisses(items).ToList();
        foreach (var miss in bar) output.WriteLine("issue bar not met: " + miss);
        var wrongfulFails = misses.Count(m => m.Item.Expected != EligibilityStatuses.Failed && m.Got == EligibilityStatuses.Failed);
        output.WriteLine($"right {items.Length - misses.Count}; wrongful fails {wrongfulFails}");
        Assert.True(items.Length - misses.Count >= 403, $"{items.Length - misses.Count} of {items.Length} right, below the one measurement (403)");
        Assert.True(wrongfulFails <= 5, $"{wrongfulFails} passages labelled passed or unconfirmed judged failed, above the one measurement (5)");
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
