using PilotEval.Scoring;
using Xunit.Abstractions;

namespace PilotEval.Tests.Scoring;

/// <summary>
/// The eighteenth blind phrase bank (<c>Fixtures/eligibility-bank/bank18.tsv</c>; columns as <c>fresh.tsv</c>: id, check,
/// expected, text, why; ids Q001…; who wrote it and how: <c>bank18-README.md</c>), written by a session that never saw
/// the rules, the samples or the earlier banks, while the rules were tuned on bank 17. It is the last held-back
/// measurement of this stop, run once when that tuning ended:
/// <c>dotnet test tests/PilotEval.Tests --filter "FullyQualifiedName~BlindBank18" --logger "console;verbosity=detailed"</c>.
/// Measured on 2026-12-01 at 10:16 UTC (commit 2e16615, the rules of 988cea7): 416 of 432 (96.3 %); failed recall 98 %
/// registered (51 of 52) / 94 % incident (49 of 52) / 88 % operation (46 of 52); one wrongful fail (an applicant
/// registered in 廊坊 holding a licence issued by 北京市通信管理局, told after 虽…但作为…运营商). The bar is not met.
/// This test holds that one measurement as a floor so the rules cannot silently get worse on it; tuning on its misses
/// makes it tuning data.
/// </summary>
public sealed class BlindBank18Tests(ITestOutputHelper output)
{
    [BankFileFact(PhraseBank.Bank18)]
    public void The_eighteenth_blind_bank_holds_its_one_measurement()
    {
        var (items, misses, _) = PhraseBank.Report(PhraseBank.Bank18, output);
        Assert.Equal(432, items.Length);

        var bar = PhraseBank.BarMisses(items).ToList();
        foreach (var miss in bar) output.WriteLine("issue bar not met: " + miss);
        var wrongfulFails = misses.Count(m => m.Item.Expected != EligibilityStatuses.Failed && m.Got == EligibilityStatuses.Failed);
        output.WriteLine($"right {items.Length - misses.Count}; wrongful fails {wrongfulFails}");
        Assert.True(items.Length - misses.Count >= 416, $"{items.Length - misses.Count} of {items.Length} right, below the one measurement (416)");
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
