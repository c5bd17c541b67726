using Xunit.Abstractions;

namespace PilotEval.Tests.Scoring;

/// <summary>
/// The third blind phrase bank (<c>Fixtures/eligibility-bank/bank3.tsv</c>; columns as <c>fresh.tsv</c>: id, check,
/// expected, text, why; ids G001…), written by a session that never saw the rules, the samples or the earlier banks'
/// misses, after the tuning on tune, heldback and fresh ended. The lead drops it in and runs this test ONCE:
/// <c>dotnet test tests/PilotEval.Tests --filter "FullyQualifiedName~BlindBank3" --logger "console;verbosity=detailed"</c>.
/// It prints precision and recall per check and outcome, every miss, and every way the issue's bar is missed, and
/// asserts the bar: nothing labelled passed or unconfirmed judged failed, failed found with ≥ 95 % recall per check.
/// Skipped, saying why, while the file is absent.
/// </summary>
public sealed class BlindBank3Tests(ITestOutputHelper output)
{
    [BankFileFact(PhraseBank.Bank3)]
    public void The_third_blind_bank_meets_the_issue_bar()
    {
        var (items, _, _) = PhraseBank.Report(PhraseBank.Bank3, output);
        Assert.NotEmpty(items);

        var bar = PhraseBank.BarMisses(items).ToList();
        foreach (var miss in bar) output.WriteLine("issue bar not met: " + miss);

        Assert.Empty(bar);
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
