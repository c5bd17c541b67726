using PilotEval.Scoring;
using Xunit.Abstractions;

namespace PilotEval.Tests.Scoring;

/// <summary>
/// The sixteenth blind phrase bank (<c>Fixtures/eligibility-bank/bank16.tsv</c>; columns as <c>fresh.tsv</c>: id, check,
/// expected, text, why; ids Q001…; who wrote it and how: <c>bank16-README.md</c>), written by a session that never saw
/// the rules, the samples or the earlier banks (bank 17's author worked beside it, neither reading the other), while the
/// rules were tuned on bank 15. Run once when that tuning ended:
/// <c>dotnet test tests/PilotEval.Tests --filter "FullyQualifiedName~BlindBank16" --logger "console;verbosity=detailed"</c>.
/// Measured on 2026-12-01 at 09:32 UTC (commit 1debaec): 329 of 348 (94.5 %); failed recall 98 % registered (41 of 42)
/// / 88 % incident (38 of 43) / 89 % operation (40 of 45); one wrongful fail (a project started in 2023, built and
/// tested in 2024 and live since 「同年11月」, read as under construction). The bar is not met. This test holds that one
/// measurement as a floor so the rules cannot silently get worse on it; tuning on its misses makes it tuning data.
/// </summary>
public sealed class BlindBank16Tests(ITestOutputHelper output)
{
    [BankFileFact(PhraseBank.Bank16)]
    public void The_sixteenth_blind_bank_holds_its_one_measurement()
    {
        var (items, misses, _) = PhraseBank.Report(PhraseBank.Bank16, output);
        Assert.Equal(348, items.Length);

        var bar = PhraseBank.BarMisses(items).ToList();
        foreach (var miss in bar) output.WriteLine("issue bar not met: " + miss);
        var wrongfulFails = misses.Count(m => m.Item.Expected != EligibilityStatuses.Failed && m.Got == EligibilityStatuses.Failed);
        output.WriteLine($"right {items.Length - misses.Count}; wrongful fails {wrongfulFails}");
        Assert.True(items.Length - misses.Count >= 329, $"{items.Length - misses.Count} of {items.Length} right, below the one measurement (329)");
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
