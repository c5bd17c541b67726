using PilotEval.Scoring;
using Xunit.Abstractions;

namespace PilotEval.Tests.Scoring;

/// <summary>
/// The fourteenth blind phrase bank (<c>Fixtures/eligibility-bank/bank14.tsv</c>; columns as <c>fresh.tsv</c>: id, check,
/// expected, text, why; ids Q001…; who wrote it and how: <c>bank14-README.md</c>), written by a session that never saw
/// the rules, the samples or the earlier banks, while the rules were tuned on bank 13. Run once when that tuning ended:
/// <c>dotnet test tests/PilotEval.Tests --filter "FullyQualifiedName~BlindBank14" --logger "console;verbosity=detailed"</c>.
/// Measured on 2026-12-01 at 08:54 UTC (commit 28373cc): 420 of 441; failed recall 89 % registered (47 of 53) / 92 %
/// incident (49 of 53) / 87 % operation (46 of 53); one wrongful fail (「本项目的二期将新增API风险监测模块，计划2027年
/// 建成」: a second phase said with 的, then its plan, read as the project's). The bar is not met. This test holds that one
/// measurement as a floor so the rules cannot silently get worse on it; tuning on its misses makes it tuning data.
/// </summary>
public sealed class BlindBank14Tests(ITestOutputHelper output)
{
    [BankFileFact(PhraseBank.Bank14)]
    public void The_fourteenth_blind_bank_holds_its_one_measurement()
    {
        var (items, misses, _) = PhraseBank.Report(PhraseBank.Bank14, output);
        Assert.Equal(441, items.Length);

        var bar = PhraseBank.BarMisses(items).ToList();
        foreach (var miss in bar) output.WriteLine("issue bar not met: " + miss);
        var wrongfulFails = misses.Count(m => m.Item.Expected != EligibilityStatuses.Failed && m.Got == EligibilityStatuses.Failed);
        output.WriteLine($"right {items.Length - misses.Count}; wrongful fails {wrongfulFails}");
        Assert.True(items.Length - misses.Count >= 420, $"{items.Length - misses.Count} of {items.Length} right, below the one measurement (420)");
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
