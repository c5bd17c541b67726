using PilotEval.Scoring;
using Xunit.Abstractions;

namespace PilotEval.Tests.Scoring;

/// <summary>
/// The twenty-seventh blind phrase bank (<c>Fixtures/eligibility-bank/bank27.tsv</c>; columns as <c>fresh.tsv</c>: id,
/// check, expected, text, why; ids Q001…; who wrote it and how: <c>bank27-README.md</c>), written by a session that never
/// saw the rules, the samples or the earlier banks, while the rules were tuned on banks 17 to 26. It is the held-back
/// measurement of this stop, run once when that tuning ended:
/// <c>dotnet test tests/PilotEval.Tests --filter "FullyQualifiedName~BlindBank27" --logger "console;verbosity=detailed"</c>.
/// Measured on 2026-12-01 at 15:18 UTC (commit 6775490's rules, those of 344fea7): 434 of 451 (96.2 %); failed recall
/// 98 % registered (58 of 59) / 98 % incident (52 of 53) / 91 % operation (50 of 55); precision of failed 98 / 100 /
/// 98 %; two wrongful fails (a similar system of 2022 taken offline in 2024 read as the project stopped; a form's hint
/// 「注册地（省市区县）：北京市　西城区」 read as a place outside). The bar is not met. This test holds that one measurement
/// as a floor so the rules cannot silently get worse on it; tuning on its misses makes it tuning data.
/// </summary>
public sealed class BlindBank27Tests(ITestOutputHelper output)
{
    [BankFileFact(PhraseBank.Bank27)]
    public void The_twenty_seventh_blind_bank_holds_its_one_measurement()
    {
        var (items, misses, _) = PhraseBank.Report(PhraseBank.Bank27, output);
        Assert.Equal(451, items.Length);

        var bar = PhraseBank.BarMisses(items).ToList();
        foreach (var miss in bar) output.WriteLine("issue bar not met: " + miss);
        var wrongfulFails = misses.Count(m => m.Item.Expected != EligibilityStatuses.Failed && m.Got == EligibilityStatuses.Failed);
        output.WriteLine($"right {items.Length - misses.Count}; wrongful fails {wrongfulFails}");
        Assert.True(items.Length - misses.Count >= 434, $"{items.Length - misses.Count} of {items.Length} right, below the one measurement (434)");
        Assert.True(wrongfulFails <= 2, $"{wrongfulFails} passages labelled passed or unconfirmed judged failed, above the one measurement (2)");
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
