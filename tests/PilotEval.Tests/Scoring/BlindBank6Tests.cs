using PilotEval.Scoring;
using Xunit.Abstractions;

namespace PilotEval.Tests.Scoring;

/// <summary>
/// The sixth blind phrase bank (<c>Fixtures/eligibility-bank/bank6.tsv</c>; columns as <c>fresh.tsv</c>: id, check,
/// expected, text, why; ids G001…; who wrote it and how: <c>bank6-README.md</c>), written by a session that never saw
/// the rules, the samples or the earlier banks, while the rules were tuned on banks 4 and 5 (each measured once before
/// its tuning: 424 of 460, 329 of 360). It is the held-back measurement of issue 10, run once when that tuning ended:
/// <c>dotnet test tests/PilotEval.Tests --filter "FullyQualifiedName~BlindBank6" --logger "console;verbosity=detailed"</c>.
/// Measured on 2026-12-01: 403 of 434; failed recall 96 % registered / 92 % incident / 85 % operation; two wrongful
/// fails (a 2021 incident whose 一起 the window reader took for 「2021年起」 — a bug fixed right after, not a rule tuned —
/// and another member of the applicant's group). The bar is not met. This test holds that measurement as a floor so
/// the rules cannot silently get worse on it; tuning on its misses would make it tuning data like the others.
/// </summary>
public sealed class BlindBank6Tests(ITestOutputHelper output)
{
    [BankFileFact(PhraseBank.Bank6)]
    public void The_sixth_blind_bank_holds_its_one_measurement()
    {
        var (items, misses, _) = PhraseBank.Report(PhraseBank.Bank6, output);
        Assert.Equal(434, items.Length);

        var bar = PhraseBank.BarMisses(items).ToList();
        foreach (var miss in bar) output.WriteLine("issue bar not met: " + miss);
        var wrongfulFails = misses.Count(m => m.Item.Expected != EligibilityStatuses.Failed && m.Got == EligibilityStatuses.Failed);
        output.WriteLine($"right {items.Length - misses.Count}; wrongful fails {wrongfulFails}");
        Assert.True(items.Length - misses.Count >= 403, $"{items.Length - misses.Count} of {items.Length} right, below the one measurement (403)");
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
