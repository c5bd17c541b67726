using Xunit.Abstractions;

namespace PilotEval.Tests.Scoring;

/// <summary>
/// The tuning half of the first blind phrase bank: every passage, written by someone who never saw the rules, must get
/// the outcome its author gave it. The former held-back half is tuning data too now
/// (<see cref="PhraseBankSpentHeldBackTests"/>), and so is the fresh bank (<see cref="FreshBankTuningTests"/>); what
/// the rules were not tuned on is the third blind bank (<see cref="BlindBank3Tests"/>).
/// </summary>
public sealed class PhraseBankTuneTests(ITestOutputHelper output)
{
    public static TheoryData<BankItem> Items() => [.. PhraseBank.Load("tune")];

    [Theory]
    [MemberData(nameof(Items))]
    public void Each_tune_passage_gets_its_labelled_outcome(BankItem item)
    {
        var result = PhraseBank.Result(item);

        Assert.True(item.Expected == PilotEval.Scoring.EligibilityStatuses.Code(result.Status),
            $"{item.Id} {item.Check}: expected {item.Expected}, got {PilotEval.Scoring.EligibilityStatuses.Code(result.Status)} ({result.Reason}) for 「{item.Text}」 — {item.Why}");
    }

    [Fact]
    public void The_tune_half_meets_the_bar_and_prints_its_table()
    {
        var (items, _, _) = PhraseBank.Report("tune", output);

        Assert.Empty(PhraseBank.BarMisses(items));
    }
}
