using PilotEval.Scoring;
using Xunit.Abstractions;

namespace PilotEval.Tests.Scoring;

/// <summary>
/// The twenty-second blind phrase bank (<c>Fixtures/eligibility-bank/bank22.tsv</c>; columns as <c>fresh.tsv</c>: id,
/// check, expected, text, why; ids Q001…; who wrote it and how: <c>bank22-README.md</c>), written by a session that never
/// saw the rules, the samples or the earlier banks, while the rules were tuned on banks 17 to 21. It is the held-back
/// measurement of this stop, run once when that tuning ended:
/// <c>dotnet test tests/PilotEval.Tests --filter "FullyQualifiedName~BlindBank22" --logger "console;verbosity=detailed"</c>.
/// Measured on 2026-12-01 at 12:34 UTC (commit 54a1aae's rules): 387 of 406 (95.3 %); failed recall 98 % registered
/// (49 of 50) / 94 % incident (46 of 49) / 92 % operation (45 of 49); precision of failed 100 / 96 / 96 %; four wrongful
/// fails (customers' events counted after 监测范围内的…企业; a penalty following up on a 2022 event, outside the window;
/// 项目实施过程中 read as building under way; a lighter version under development read as the project). The bar is not
/// met. This test holds that one measurement as a floor so the rules cannot silently get worse on it; tuning on its
/// misses makes it tuning data.
/// </summary>
public sealed class BlindBank22Tests(ITestOutputHelper output)
{
    [BankFileFact(PhraseBank.Bank22)]
    public void The_twenty_second_blind_bank_holds_its_one_measurement()
    {
        var (items, misses, _) = PhraseBank.Report(PhraseBank.Bank22, output);
        Assert.Equal(406, items.Length);

        var bar = PhraseBank.BarMisses(items).ToList();
        foreach (var miss in bar) output.WriteLine("issue bar not met: " + miss);
        var wrongfulFails = misses.Count(m => m.Item.Expected != EligibilityStatuses.Failed && m.Got == EligibilityStatuses.Failed);
        output.WriteLine($"right {items.Length - misses.Count}; wrongful fails {wrongfulFails}");
        Assert.True(items.Length - misses.Count >= 387, $"{items.Length - misses.Count} of {items.Length} right, below the one measurement (387)");
        Assert.True(wrongfulFails <= 4, $"{wrongfulFails} passages labelled passed or unconfirmed judged failed, above the one measurement (4)");
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
