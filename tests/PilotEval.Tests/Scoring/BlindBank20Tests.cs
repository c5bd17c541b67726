using PilotEval.Scoring;
using Xunit.Abstractions;

namespace PilotEval.Tests.Scoring;

/// <summary>
/// The twentieth blind phrase bank (<c>Fixtures/eligibility-bank/bank20.tsv</c>; columns as <c>fresh.tsv</c>: id, check,
/// expected, text, why; ids Q001…; who wrote it and how: <c>bank20-README.md</c>), written by a session that never saw
/// the rules, the samples or the earlier banks, while the rules were tuned on banks 17 to 19. It is run once when that
/// tuning ended:
/// <c>dotnet test tests/PilotEval.Tests --filter "FullyQualifiedName~BlindBank20" --logger "console;verbosity=detailed"</c>.
/// Measured on 2026-12-01 at 12:00 UTC (commit 2c08487's rules): 410 of 430 (95.3 %); failed recall 98 % registered
/// (51 of 52) / 96 % incident (50 of 52) / 90 % operation (47 of 52); precision of failed 100 / 98 / 98 %; two wrongful
/// fails (a new data centre 在建 and due in 2027, which is not the project; a subsidiary's incident told as 公司子公司…).
/// The bar is not met. This test holds that one measurement as a floor so the rules cannot silently get worse on it;
/// tuning on its misses makes it tuning data.
/// </summary>
public sealed class BlindBank20Tests(ITestOutputHelper output)
{
    [BankFileFact(PhraseBank.Bank20)]
    public void The_twentieth_blind_bank_holds_its_one_measurement()
    {
        var (items, misses, _) = PhraseBank.Report(PhraseBank.Bank20, output);
        Assert.Equal(430, items.Length);

        var bar = PhraseBank.BarMisses(items).ToList();
        foreach (var miss in bar) output.WriteLine("issue bar not met: " + miss);
        var wrongfulFails = misses.Count(m => m.Item.Expected != EligibilityStatuses.Failed && m.Got == EligibilityStatuses.Failed);
        output.WriteLine($"right {items.Length - misses.Count}; wrongful fails {wrongfulFails}");
        Assert.True(items.Length - misses.Count >= 410, $"{items.Length - misses.Count} of {items.Length} right, below the one measurement (410)");
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
