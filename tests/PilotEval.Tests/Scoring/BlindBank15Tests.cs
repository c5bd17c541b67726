using PilotEval.Scoring;
using Xunit.Abstractions;

namespace PilotEval.Tests.Scoring;

/// <summary>
/// The fifteenth blind phrase bank (<c>Fixtures/eligibility-bank/bank15.tsv</c>; columns as <c>fresh.tsv</c>: id, check,
/// expected, text, why; ids Q001…; who wrote it and how: <c>bank15-README.md</c>), written by a session that never saw
/// the rules, the samples or the earlier banks (bank 14's author worked beside it, neither reading the other), while the
/// rules were tuned on banks 13 and 14. It is the held-back measurement of this stop, run once when that tuning ended:
/// <c>dotnet test tests/PilotEval.Tests --filter "FullyQualifiedName~BlindBank15" --logger "console;verbosity=detailed"</c>.
/// Measured on 2026-12-01 at 09:15 UTC (commit 79df3de): 427 of 450 (94.9 %); failed recall 100 % registered (54 of 54)
/// / 89 % incident (48 of 54) / 85 % operation (46 of 54); two wrongful fails (「本单位无论在注册地还是在各地分支机构，均…」
/// read as a branch; 「该事件处置平台已累计处置客户侧较大数据安全事件37起、重大事件5起」, customers' events counted after
/// a 、 read as the applicant's). The bar is not met. This test holds that one measurement as a floor so the rules
/// cannot silently get worse on it; tuning on its misses makes it tuning data.
/// </summary>
public sealed class BlindBank15Tests(ITestOutputHelper output)
{
    [BankFileFact(PhraseBank.Bank15)]
    public void The_fifteenth_blind_bank_holds_its_one_measurement()
    {
        var (items, misses, _) = PhraseBank.Report(PhraseBank.Bank15, output);
        Assert.Equal(450, items.Length);

        var bar = PhraseBank.BarMisses(items).ToList();
        foreach (var miss in bar) output.WriteLine("issue bar not met: " + miss);
        var wrongfulFails = misses.Count(m => m.Item.Expected != EligibilityStatuses.Failed && m.Got == EligibilityStatuses.Failed);
        output.WriteLine($"right {items.Length - misses.Count}; wrongful fails {wrongfulFails}");
        Assert.True(items.Length - misses.Count >= 427, $"{items.Length - misses.Count} of {items.Length} right, below the one measurement (427)");
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
