using PilotEval.Scoring;
using Xunit.Abstractions;

namespace PilotEval.Tests.Scoring;

/// <summary>
/// The twenty-third blind phrase bank (<c>Fixtures/eligibility-bank/bank23.tsv</c>; columns as <c>fresh.tsv</c>: id,
/// check, expected, text, why; ids Q001…; who wrote it and how: <c>bank23-README.md</c>), written by a session that never
/// saw the rules, the samples or the earlier banks, while the rules were tuned on banks 17 to 22. Run once on the
/// committed rules before anything is tuned on it:
/// <c>dotnet test tests/PilotEval.Tests --filter "FullyQualifiedName~BlindBank23" --logger "console;verbosity=detailed"</c>.
/// Measured on 2026-12-01 at 14:24 UTC (commit 85995e8's rules, those of f4ac846): 394 of 417 (94.5 %); failed recall
/// 96 % registered (49 of 51) / 90 % incident (45 of 50) / 86 % operation (44 of 51); precision of failed 98 / 98 / 100 %;
/// two wrongful fails (「本公司未在北京以外地区注册，注册地为北京市西城区」, a negated registration elsewhere; an upstream
/// cloud provider's major outage, 「公司上游云服务商2024年发生重大宕机事件」). The bar is not met. This test holds that one
/// measurement as a floor so the rules cannot silently get worse on it; tuning on its misses makes it tuning data.
/// </summary>
public sealed class BlindBank23Tests(ITestOutputHelper output)
{
    [BankFileFact(PhraseBank.Bank23)]
    public void The_twenty_third_blind_bank_holds_its_one_measurement()
    {
        var (items, misses, _) = PhraseBank.Report(PhraseBank.Bank23, output);
        Assert.Equal(417, items.Length);

        var bar = PhraseBank.BarMisses(items).ToList();
        foreach (var miss in bar) output.WriteLine("issue bar not met: " + miss);
        var wrongfulFails = misses.Count(m => m.Item.Expected != EligibilityStatuses.Failed && m.Got == EligibilityStatuses.Failed);
        output.WriteLine($"right {items.Length - misses.Count}; wrongful fails {wrongfulFails}");
        Assert.True(items.Length - misses.Count >= 394, $"{items.Length - misses.Count} of {items.Length} right, below the one measurement (394)");
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
