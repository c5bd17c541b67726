using PilotEval.Scoring;
using Xunit.Abstractions;

namespace PilotEval.Tests.Scoring;

/// <summary>
/// The seventeenth blind phrase bank (<c>Fixtures/eligibility-bank/bank17.tsv</c>; columns as <c>fresh.tsv</c>: id, check,
/// expected, text, why; ids Q001…; who wrote it and how: <c>bank17-README.md</c>), written by a session that never saw
/// the rules, the samples or the earlier banks (bank 16's author worked beside it, neither reading the other), while the
/// rules were tuned on bank 15. It is the held-back measurement of this stop, run once when the tuning on bank 16 ended:
/// <c>dotnet test tests/PilotEval.Tests --filter "FullyQualifiedName~BlindBank17" --logger "console;verbosity=detailed"</c>.
/// Measured on 2026-12-01 at 09:54 UTC (commit e9b74d6): 423 of 438 (96.6 %); failed recall 96 % registered (50 of 52)
/// / 87 % incident (46 of 53) / 94 % operation (50 of 53); one wrongful fail (a contact at the applicant's 北京办事处 read
/// as the applicant being a branch). The bar is not met. This test holds that one measurement as a floor so the rules
/// cannot silently get worse on it; tuning on its misses makes it tuning data.
/// </summary>
public sealed class BlindBank17Tests(ITestOutputHelper output)
{
    [BankFileFact(PhraseBank.Bank17)]
    public void The_seventeenth_blind_bank_holds_its_one_measurement()
    {
        var (items, misses, _) = PhraseBank.Report(PhraseBank.Bank17, output);
        Assert.Equal(438, items.Length);

        var bar = PhraseBank.BarMisses(items).ToList();
        foreach (var miss in bar) output.WriteLine("issue bar not met: " + miss);
        var wrongfulFails = misses.Count(m => m.Item.Expected != EligibilityStatuses.Failed && m.Got == EligibilityStatuses.Failed);
        output.WriteLine($"right {items.Length - misses.Count}; wrongful fails {wrongfulFails}");
        Assert.True(items.Length - misses.Count >= 423, $"{items.Length - misses.Count} of {items.Length} right, below the one measurement (423)");
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
