using PilotEval.Scoring;
using Xunit.Abstractions;

namespace PilotEval.Tests.Scoring;

/// <summary>
/// The twenty-first blind phrase bank (<c>Fixtures/eligibility-bank/bank21.tsv</c>; columns as <c>fresh.tsv</c>: id,
/// check, expected, text, why; ids Q001…; who wrote it and how: <c>bank21-README.md</c>), written by a session that never
/// saw the rules, the samples or the earlier banks, while the rules were tuned on banks 17 to 20. It is run once when
/// that tuning ended:
/// <c>dotnet test tests/PilotEval.Tests --filter "FullyQualifiedName~BlindBank21" --logger "console;verbosity=detailed"</c>.
/// Measured on 2026-12-01 at 12:17 UTC (commit 4f62ece's rules): 439 of 452 (97.1 %); failed recall 98 % registered
/// (53 of 54) / 98 % incident (53 of 54) / 96 % operation (52 of 54) — at least 95 % on every check for the first time
/// on a first run; precision of failed 96 / 100 / 98 %; three wrongful fails (two applicants registered elsewhere holding
/// a licence issued by 北京市通信管理局, told as 京B2证 and after 不过; a system said to be 不再是试运行). The bar is not
/// met because of those. This test holds that one measurement as a floor so the rules cannot silently get worse on it;
/// tuning on its misses makes it tuning data.
/// </summary>
public sealed class BlindBank21Tests(ITestOutputHelper output)
{
    [BankFileFact(PhraseBank.Bank21)]
    public void The_twenty_first_blind_bank_holds_its_one_measurement()
    {
        var (items, misses, _) = PhraseBank.Report(PhraseBank.Bank21, output);
        Assert.Equal(452, items.Length);

        var bar = PhraseBank.BarMisses(items).ToList();
        foreach (var miss in bar) output.WriteLine("issue bar not met: " + miss);
        var wrongfulFails = misses.Count(m => m.Item.Expected != EligibilityStatuses.Failed && m.Got == EligibilityStatuses.Failed);
        output.WriteLine($"right {items.Length - misses.Count}; wrongful fails {wrongfulFails}");
        Assert.True(items.Length - misses.Count >= 439, $"{items.Length - misses.Count} of {items.Length} right, below the one measurement (439)");
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
