using Xunit.Abstractions;

namespace PilotEval.Tests.Scoring;

/// <summary>
/// The fresh blind phrase bank (<c>Fixtures/eligibility-bank/fresh.tsv</c>, same columns as <c>tune.tsv</c>; who wrote it
/// and from what: <c>fresh-README.md</c>): written by a session blind to the rules after they were tuned on both halves of
/// the first bank, dropped in by the lead and measured once on 2026-11-30: 282 of 323 judged right, failed recall
/// 94 % / 74 % / 75 % (incident / registered / operation), five passages labelled passed or unconfirmed judged failed.
/// The bar (no wrongful fail, failed recall ≥ 95 % per check) is NOT met. This test prints the table, the
/// misses and every way the bar is missed, and holds that first measurement as a floor so no change makes it worse;
/// the bank is spent now, and the next change to the rules must be measured on another bank written blind.
/// </summary>
public sealed class FreshBlindBankTests(ITestOutputHelper output)
{
    private const int RightAtFirstMeasurement = 282;
    private const int WrongfulFailsAtFirstMeasurement = 5;

    [FreshBankFact]
    public void The_fresh_blind_bank_prints_its_table_and_holds_its_first_measurement()
    {
        var (items, misses, _) = PhraseBank.Report(PhraseBank.Fresh, output);
        Assert.NotEmpty(items);

        var bar = PhraseBank.BarMisses(items).ToList();
        foreach (var miss in bar) output.WriteLine("issue bar not met: " + miss);

        var right = items.Length - misses.Count;
        var wrongfulFails = misses.Count(m => m.Got == "failed" && m.Item.Expected != "failed");
        Assert.True(right >= RightAtFirstMeasurement, $"{right} judged right, fewer than the {RightAtFirstMeasurement} of the first measurement");
        Assert.True(wrongfulFails <= WrongfulFailsAtFirstMeasurement,
            $"{wrongfulFails} passages labelled passed or unconfirmed judged failed, more than the {WrongfulFailsAtFirstMeasurement} of the first measurement");
    }
}

/// <summary>A fact over the fresh blind bank, skipped, saying why, when <c>fresh.tsv</c> is absent.</summary>
public sealed class FreshBankFactAttribute : FactAttribute
{
    public FreshBankFactAttribute()
    {
        if (!File.Exists(PhraseBank.PathOf(PhraseBank.Fresh)))
            Skip = $"the fresh blind phrase bank is not present ({PhraseBank.PathOf(PhraseBank.Fresh)})";
    }
}
