using PilotEval.Scoring;
using Xunit.Abstractions;

namespace PilotEval.Tests.Scoring;

/// <summary>
/// The nineteenth blind phrase bank (<c>Fixtures/eligibility-bank/bank19.tsv</c>; columns as <c>fresh.tsv</c>: id, check,
/// expected, text, why; ids Q001…; who wrote it and how: <c>bank19-README.md</c>), written by a session that never saw
/// the rules, the samples or the earlier banks, while the rules were tuned on banks 17 and 18. It is run once when that
/// tuning ended:
/// <c>dotnet test tests/PilotEval.Tests --filter "FullyQualifiedName~BlindBank19" --logger "console;verbosity=detailed"</c>.
/// Measured on 2026-12-01 at 11:37 UTC (commit 28b33df's rules): 397 of 415 (95.7 %); failed recall 92 % registered
/// (47 of 51) / 90 % incident (45 of 50) / 90 % operation (45 of 50); precision of failed 98 / 100 / 100 %; one wrongful
/// fail (an applicant registered in 深圳 holding a 跨地区 licence issued by 北京市通信管理局). The bar is not met.
/// This test holds that one measurement as a floor so the rules cannot silently get worse on it; tuning on its misses
/// makes it tuning data.
/// </summary>
public sealed class BlindBank19Tests(ITestOutputHelper output)
{
    [BankFileFact(PhraseBank.Bank19)]
    public void The_nineteenth_blind_bank_holds_its_one_measurement()
    {
        var (items, misses, _) = PhraseBank.Report(PhraseBank.Bank19, output);
        Assert.Equal(415, items.Length);

        var bar = PhraseBank.BarMisses(items).ToList();
        foreach (var miss in bar) output.WriteLine("issue bar not met: " + miss);
        var wrongfulFails = misses.Count(m => m.Item.Expected != EligibilityStatuses.Failed && m.Got == EligibilityStatuses.Failed);
        output.WriteLine($"right {items.Length - misses.Count}; wrongful fails {wrongfulFails}");
        Assert.True(items.Length - misses.Count >= 397, $"{items.Length - misses.Count} of {items.Length} right, below the one measurement (397)");
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
