namespace PilotEval.Tests.Scoring;

/// <summary>
/// The tuning half of the first blind phrase bank: every passage, written by someone who never saw the rules, must get
/// the outcome its author gave it. The held-back half and the fresh bank are tuning data too now, held as a whole
/// (<see cref="PhraseBankTuningBanksTests"/>); what the rules were not tuned on is the newest blind bank
/// (<see cref="BlindBank26Tests"/>).
/// </summary>
public sealed class PhraseBankTuneTests
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
}
