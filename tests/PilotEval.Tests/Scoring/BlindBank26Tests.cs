using PilotEval.Scoring;
using Xunit.Abstractions;

namespace PilotEval.Tests.Scoring;

/// <summary>
/// The twenty-sixth blind phrase bank (<c>Fixtures/eligibility-bank/bank26.tsv</c>; columns as <c>fresh.tsv</c>: id,
/// check, expected, text, why; ids Q001…; who wrote it and how: <c>bank26-README.md</c>), written by a session that never
/// saw the rules, the samples or the earlier banks (nor bank 25, written beside it), while the rules were tuned on banks
/// 17 to 25. Run once on the committed rules before anything is tuned on it:
/// <c>dotnet test tests/PilotEval.Tests --filter "FullyQualifiedName~BlindBank26" --logger "console;verbosity=detailed"</c>.
/// Measured on 2026-12-01 at 15:09 UTC (commit 235492a's rules, those of 08dc82e): 341 of 356 (95.8 %); failed recall
/// 98 % registered (42 of 43) / 93 % incident (41 of 44) / 91 % operation (40 of 44); precision of failed 100 / 98 /
/// 95 %; three wrongful fails (a form's blank choice, 「近三年（是/否）发生…」; a new feature's go-live planned in the clause
/// after; an undated building period described). The bar is not met. This test holds that one measurement as a floor so
/// the rules cannot silently get worse on it; tuning on its misses makes it tuning data.
/// </summary>
public sealed class BlindBank26Tests(ITestOutputHelper output)
{
    [BankFileFact(PhraseBank.Bank26)]
    public void The_twenty_sixth_blind_bank_holds_its_one_measurement()
    {
        var (items, misses, _) = PhraseBank.Report(PhraseBank.Bank26, output);
        Assert.Equal(356, items.Length);

        var bar = PhraseBank.BarMisses(items).ToList();
        foreach (var miss in bar) output.WriteLine("issue bar not met: " + miss);
        var wrongfulFails = misses.Count(m => m.Item.Expected != EligibilityStatuses.Failed && m.Got == EligibilityStatuses.Failed);
        output.WriteLine($"right {items.Length - misses.Count}; wrongful fails {wrongfulFails}");
        Assert.True(items.Length - misses.Count >= 341, $"{items.Length - misses.Count} of {items.Length} right, below the one measurement (341)");
        Assert.True(wrongfulFails <= 3, $"{wrongfulFails} passages labelled passed or unconfirmed judged failed, above the one measurement (3)");
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
