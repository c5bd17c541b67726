using PilotEval.Scoring;
using Xunit.Abstractions;

namespace PilotEval.Tests.Scoring;

/// <summary>
/// The twenty-fourth blind phrase bank (<c>Fixtures/eligibility-bank/bank24.tsv</c>; columns as <c>fresh.tsv</c>: id,
/// check, expected, text, why; ids Q001…; who wrote it and how: <c>bank24-README.md</c>), written by a session that never
/// saw the rules, the samples or the earlier banks (nor bank 23, written beside it), while the rules were tuned on banks
/// 17 to 23. It is the held-back measurement of this stop, run once when that tuning ended:
/// <c>dotnet test tests/PilotEval.Tests --filter "FullyQualifiedName~BlindBank24" --logger "console;verbosity=detailed"</c>.
/// Measured on 2026-12-01 at 14:49 UTC (commit 64a4bc6's rules, those of 0de6611): 410 of 427 (96.0 %); failed recall
/// 94 % registered (48 of 51) / 94 % incident (48 of 51) / 92 % operation (48 of 52); precision of failed 100 / 96 /
/// 100 %; two wrongful fails (an affiliate's penalty, 「公司关联方某某云计算有限公司…被处以罚款」, the placeholder name read as
/// the applicant's; a 2019 event's penalty in the clause after it, 「2019年公司曾发生一起较大数据安全事件，受到警告处罚」).
/// The bar is not met. This test holds that one measurement as a floor so the rules cannot silently get worse on it;
/// tuning on its misses makes it tuning data.
/// </summary>
public sealed class BlindBank24Tests(ITestOutputHelper output)
{
    [BankFileFact(PhraseBank.Bank24)]
    public void The_twenty_fourth_blind_bank_holds_its_one_measurement()
    {
        var (items, misses, _) = PhraseBank.Report(PhraseBank.Bank24, output);
        Assert.Equal(427, items.Length);

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
