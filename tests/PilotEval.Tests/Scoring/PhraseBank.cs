using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using PilotEval.Documents;
using PilotEval.Evidence;
using PilotEval.Pipeline;
using PilotEval.Scoring;
using PilotEval.Tests.Support;

namespace PilotEval.Tests.Scoring;

/// <summary>One labelled passage of the blind eligibility phrase bank (Fixtures/eligibility-bank/README.md).</summary>
public sealed record BankItem(string Id, string Check, string Expected, string Text, string Why)
{
    /// <summary>The day the passage is read on: the deadline its bank's author assumed.</summary>
    public DateOnly AsOf { get; init; } = PhraseBank.AsOf;

    public override string ToString() => $"{Id} {Check} {Expected}";
}

/// <summary>
/// The phrase bank read and judged: each passage is a one-passage application (one paragraph of one .docx) run
/// through the real checker, read on the bank's own date (2024-09-01, the deadline its author assumed).
/// </summary>
public static class PhraseBank
{
    public static readonly DateOnly AsOf = new(2024, 9, 1);

    /// <summary>The fresh bank: measured once blind, tuning data since (<see cref="PhraseBankTuningBanksTests"/>).</summary>
    public const string Fresh = "fresh";

    /// <summary>The third blind bank: measured once, tuning data since (<see cref="PhraseBankTuningBanksTests"/>).</summary>
    public const string Bank3 = "bank3";

    /// <summary>The fourth blind bank: measured once, tuning data since (<see cref="PhraseBankTuningBanksTests"/>).</summary>
    public const string Bank4 = "bank4";

    /// <summary>The fifth blind bank: measured once, tuning data since (<see cref="PhraseBankTuningBanksTests"/>).</summary>
    public const string Bank5 = "bank5";

    /// <summary>The sixth blind bank: measured once, tuning data since (<see cref="PhraseBankTuningBanksTests"/>).</summary>
    public const string Bank6 = "bank6";

    /// <summary>The seventh blind bank: measured once, tuning data since (<see cref="PhraseBankTuningBanksTests"/>).</summary>
    public const string Bank7 = "bank7";

    /// <summary>The eighth blind bank: measured once, tuning data since (<see cref="PhraseBankTuningBanksTests"/>).</summary>
    public const string Bank8 = "bank8";

    /// <summary>The ninth blind bank: measured once, tuning data since (<see cref="PhraseBankTuningBanksTests"/>).</summary>
    public const string Bank9 = "bank9";

    /// <summary>The tenth blind bank: measured once, tuning data since (<see cref="PhraseBankTuningBanksTests"/>).</summary>
    public const string Bank10 = "bank10";

    /// <summary>The eleventh blind bank: measured once, tuning data since (<see cref="PhraseBankTuningBanksTests"/>).</summary>
    public const string Bank11 = "bank11";

    /// <summary>The twelfth blind bank: measured once, tuning data since (<see cref="PhraseBankTuningBanksTests"/>).</summary>
    public const string Bank12 = "bank12";

    /// <summary>The thirteenth blind bank: measured once, tuning data since (<see cref="PhraseBankTuningBanksTests"/>).</summary>
    public const string Bank13 = "bank13";

    /// <summary>The fourteenth blind bank: measured once, tuning data since (<see cref="PhraseBankTuningBanksTests"/>).</summary>
    public const string Bank14 = "bank14";

    /// <summary>The fifteenth blind bank: measured once, tuning data since (<see cref="PhraseBankTuningBanksTests"/>).</summary>
    public const string Bank15 = "bank15";

    /// <summary>The sixteenth blind bank: measured once, tuning data since (<see cref="PhraseBankTuningBanksTests"/>).</summary>
    public const string Bank16 = "bank16";

    /// <summary>The seventeenth blind bank: measured once, tuning data since (<see cref="PhraseBankTuningBanksTests"/>).</summary>
    public const string Bank17 = "bank17";

    /// <summary>The eighteenth blind bank: measured once, tuning data since (<see cref="PhraseBankTuningBanksTests"/>).</summary>
    public const string Bank18 = "bank18";

    /// <summary>The nineteenth blind bank: measured once, tuning data since (<see cref="PhraseBankTuningBanksTests"/>).</summary>
    public const string Bank19 = "bank19";

    /// <summary>The twentieth blind bank: measured once, tuning data since (<see cref="PhraseBankTuningBanksTests"/>).</summary>
    public const string Bank20 = "bank20";

    /// <summary>The twenty-first blind bank: measured once, tuning data since (<see cref="PhraseBankTuningBanksTests"/>).</summary>
    public const string Bank21 = "bank21";

    /// <summary>The twenty-second blind bank: measured once, tuning data since (<see cref="PhraseBankTuningBanksTests"/>).</summary>
    public const string Bank22 = "bank22";

    /// <summary>The twenty-third blind bank: measured once, tuning data since (<see cref="PhraseBankTuningBanksTests"/>).</summary>
    public const string Bank23 = "bank23";

    /// <summary>The twenty-fourth blind bank: measured once, tuning data since (<see cref="PhraseBankTuningBanksTests"/>).</summary>
    public const string Bank24 = "bank24";

    /// <summary>The twenty-fifth blind bank: measured once, tuning data since (<see cref="PhraseBankTuningBanksTests"/>).</summary>
    public const string Bank25 = "bank25";

    /// <summary>The twenty-sixth blind bank, measured once by the lead (<see cref="BlindBank26Tests"/>).</summary>
    public const string Bank26 = "bank26";

    /// <summary>
    /// Bank 4's author dated its incidents 2024–2025, its passed windows from 2021 and its future operation 2027 or
    /// later, "for any application dated 2024–2026" (bank4-README.md); banks 5 and 6's authors were told to read as of
    /// 2026-06-30. So are banks 7 to 26, whose authors were told the same.
    /// </summary>
    private static DateOnly AsOfFor(string half) => half is Bank4 or Bank5 or Bank6 or Bank7 or Bank8 or Bank9 or Bank10 or Bank11 or Bank12 or Bank13 or Bank14 or Bank15 or Bank16 or Bank17 or Bank18 or Bank19 or Bank20 or Bank21 or Bank22 or Bank23 or Bank24 or Bank25 or Bank26 ? new(2026, 6, 30) : AsOf;

    public static string PathOf(string half) => Path.Combine(RepoPaths.Fixtures, "eligibility-bank", half + ".tsv");

    public static ImmutableArray<BankItem> Load(string half) =>
    [
        .. File.ReadAllLines(PathOf(half), Encoding.UTF8).Skip(1).Where(l => l.Trim().Length > 0).Select(line =>
        {
            var f = line.Split('\t');
            return new BankItem(f[0], f[1], f[2], f[3], f.Length > 4 ? f[4] : "") { AsOf = AsOfFor(half) };
        }),
    ];

    private static readonly Lazy<PilotEval.Rubrics.RubricSet> Rubrics = new(TestHost.RepoRubrics);

    /// <summary>The status the checker gives the passage for the item's check.</summary>
    public static string Judge(BankItem item) => EligibilityStatuses.Code(Result(item).Status);

    public static EligibilityResult Result(BankItem item)
    {
        var block = new Block(BlockKind.Paragraph, item.Text, new SourceLocation("bank.docx", null, 1));
        var document = new DocumentText("bank.docx", "docx", null, [block], [], []);
        var assessment = new SubmissionAssessment(new SubmissionSource("bank.docx", ".", ["bank.docx"]))
        {
            Documents = [document],
            Cover = CoverReader.Read([document]),
        };
        return ScoreSubmission.Eligibility(assessment, Rubrics.Value, [], item.AsOf).Single(r => r.Check == item.Check);
    }

    /// <summary>Precision and recall per check and outcome, as a Markdown table; the misses after it.</summary>
    public static (string Table, IReadOnlyList<(BankItem Item, string Got)> Misses) Measure(IEnumerable<BankItem> items)
    {
        var judged = items.Select(i => (Item: i, Got: Judge(i))).ToList();
        var table = new StringBuilder("| check | outcome | labelled | judged | right | precision | recall |\n|---|---|---:|---:|---:|---:|---:|\n");
        foreach (var check in judged.Select(j => j.Item.Check).Distinct())
        {
            foreach (var outcome in new[] { EligibilityStatuses.Passed, EligibilityStatuses.Failed, EligibilityStatuses.Unconfirmed })
            {
                var mine = judged.Where(j => j.Item.Check == check).ToList();
                var labelled = mine.Count(j => j.Item.Expected == outcome);
                var given = mine.Count(j => j.Got == outcome);
                var right = mine.Count(j => j.Got == outcome && j.Item.Expected == outcome);
                table.Append(CultureInfo.InvariantCulture,
                    $"| {check} | {outcome} | {labelled} | {given} | {right} | {Share(right, given)} | {Share(right, labelled)} |\n");
            }
        }
        return (table.ToString(), [.. judged.Where(j => j.Got != j.Item.Expected)]);
    }

    /// <summary>Loads a half, measures it and prints the table and every miss to the test's output (the one copy).</summary>
    public static (ImmutableArray<BankItem> Items, IReadOnlyList<(BankItem Item, string Got)> Misses, string Table) Report(
        string half, Xunit.Abstractions.ITestOutputHelper output)
    {
        var items = Load(half);
        var (table, misses) = Measure(items);
        output.WriteLine($"{half}: {items.Length} passages, {items.Length - misses.Count} judged right");
        output.WriteLine(table);
        foreach (var (item, got) in misses) output.WriteLine($"{item.Id} {item.Check} expected {item.Expected} got {got}: {item.Text}");
        return (items, misses, table);
    }

    /// <summary>The bar: nothing labelled passed or unconfirmed is failed; failed found with ≥ 95 % recall per check.</summary>
    public static IEnumerable<string> BarMisses(IEnumerable<BankItem> items)
    {
        var judged = items.Select(i => (Item: i, Got: Judge(i))).ToList();
        foreach (var (item, got) in judged.Where(j => j.Item.Expected != EligibilityStatuses.Failed && j.Got == EligibilityStatuses.Failed))
            yield return $"{item.Id} labelled {item.Expected} but failed: {item.Text}";
        foreach (var check in judged.GroupBy(j => j.Item.Check))
        {
            var failed = check.Where(j => j.Item.Expected == EligibilityStatuses.Failed).ToList();
            var recall = failed.Count == 0 ? 1 : failed.Count(j => j.Got == EligibilityStatuses.Failed) / (double)failed.Count;
            if (recall < 0.95) yield return string.Create(CultureInfo.InvariantCulture, $"{check.Key}: failed recall {recall:P0} < 95 %");
        }
    }

    private static string Share(int part, int whole) =>
        whole == 0 ? "—" : (part / (double)whole).ToString("P0", CultureInfo.InvariantCulture);
}
