using PilotEval.Scoring;
using Xunit.Abstractions;

namespace PilotEval.Tests.Scoring;

/// <summary>
/// The eighth blind phrase bank (<c>Fixtures/eligibility-bank/bank8.tsv</c>; columns as <c>fresh.tsv</c>: id, check,
/// expected, text, why; ids K001…; who wrote it and how: <c>bank8-README.md</c>), written by a session that never saw
/// the rules, the samples or the earlier banks, while the rules were tuned on bank 7 (measured once before its tuning:
/// 407 of 446). It is the held-back measurement of this round, run once when that tuning ended:
/// <c>dotnet test tests/PilotEval.Tests --filter "FullyQualifiedName~BlindBank8" --logger "console;verbosity=detailed"</c>.
/// Measured on 2026-12-01 at 03:59 UTC (commit 2fb051f): 426 of 466; failed recall 91 % registered / 88 % incident /
/// 80 % operation; three wrongful fails (a grading rule of the incident plan quoted, the applicant's new R&amp;D building
/// and a companion operations-centre building under construction). The bar is not met. This test holds that one measurement as a floor so the rules cannot silently get worse on it; tuning on its misses
/// would make it tuning data like the others.
/// </summary>
public sealed class BlindBank8Tests(ITestOutputHelper output)
{
    [BankFileFact(PhraseBank.Bank8)]
    public void The_eighth_blind_bank_holds_its_one_measurement()
    {
        var (items, misses, _) = PhraseBank.Report(PhraseBank.Bank8, output);
        Assert.Equal(466, items.Length);

        var bar = PhraseBank.BarMisses(items).ToList();
        foreach (var miss in bar) output.WriteLine("issue bar not met: " + miss);
        var wrongfulFails = misses.Count(m => m.Item.Expected != EligibilityStatuses.Failed && m.Got == EligibilityStatuses.Failed);
        output.WriteLine($"right {items.Length - misses.Count}; wrongful fails {wrongfulFails}");
        Assert.True(items.Length - misses.Count >= 426, $"{items.Length - misses.Count} of {items.Length} right, below the one measurement (426)");
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
