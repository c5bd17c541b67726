using System.Globalization;
using System.Text.RegularExpressions;
using PilotEval.Evidence;
using PilotEval.Tests.Support;

namespace PilotEval.Tests.Pipeline;

/// <summary>
/// What the shipped sample results say must be true of their own quotes: every quantity a `why` prints, read again from
/// its words and converted, satisfies the bound printed beside it, and stands in the quote; every shortfall a feedback
/// letter reports is really short of its bound. Checked independently of the matcher, by reading the printed text.
/// </summary>
public sealed partial class QuoteConsistencyTests(SampleRunFixture run) : IClassFixture<SampleRunFixture>
{
    [SamplesFact]
    public void Every_quantity_quote_satisfies_the_bound_its_why_prints()
    {
        var quotes = run.Result.Run.Full()
            .SelectMany(a => a.Scorecard?.Criteria.SelectMany(c => c.Evidence) ?? [])
            .Where(e => e.Why is not null && BoundPattern().IsMatch(e.Why))
            .ToList();
        Assert.NotEmpty(quotes);

        var wrong = new List<string>();
        foreach (var quote in quotes)
        {
            var m = BoundPattern().Match(quote.Why!);
            var written = m.Groups["q"].Value;
            var measure = m.Groups["measure"].Success ? m.Groups["measure"].Value : null;
            var quantity = QuantityReader.Default.Read(written, measure).FirstOrDefault();
            var unit = m.Groups["unit"].Value;
            if (quantity is null || !ChineseQuantity.Units.IsKnown(unit))
            {
                wrong.Add($"{quote.Signal}: cannot read “{written}” ({unit}) again: {quote.Why}");
                continue;
            }
            var bound = double.Parse(m.Groups["n"].Value, CultureInfo.InvariantCulture) * ChineseQuantity.Units.Factor(unit);
            var ok = m.Groups["op"].Value == "≥" ? quantity.BaseValue >= bound - 1e-9 : quantity.BaseUpTo <= bound + 1e-9;
            if (!ok) wrong.Add($"{quote.Signal}: “{written}” = {quantity.BaseValue} {ChineseQuantity.Units.BaseUnit(quantity.Unit)} does not satisfy {m.Groups["op"].Value} {m.Groups["n"].Value} {unit}: {quote.Quote}");
            if (measure is null && !Normal(quote.Quote).Contains(Normal(written), StringComparison.Ordinal))
                wrong.Add($"{quote.Signal}: “{written}” is not in its quote: {quote.Quote}");
        }
        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
    }

    [SamplesFact]
    public void Every_shortfall_a_letter_reports_is_really_short_of_its_bound()
    {
        var lacking = run.Result.Run.Full().SelectMany(a => a.Scorecard?.Criteria.SelectMany(c => c.Lacking) ?? []).ToList();
        var wrong = new List<string>();
        foreach (Match m in lacking.Select(l => ShortfallPattern().Match(l)).Where(m => m.Success))
        {
            var quantity = ChineseQuantity.Find(m.Groups["q"].Value).FirstOrDefault();
            var unit = m.Groups["unit"].Value;
            if (quantity is null) { wrong.Add($"cannot read “{m.Groups["q"].Value}” again: {m.Value}"); continue; }
            var bound = double.Parse(m.Groups["n"].Value, CultureInfo.InvariantCulture) * ChineseQuantity.Units.Factor(unit);
            var really = m.Groups["op"].Value == "未达到" ? quantity.BaseValue < bound : quantity.BaseUpTo > bound;
            if (!really) wrong.Add(m.Value);
        }
        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
    }

    [SamplesFact]
    public void Letters_do_not_claim_missing_what_the_issue_found_stated()
    {
        var letters = Directory.GetFiles(Path.Combine(run.OutputDirectory, "feedback"), "*.md").ToDictionary(f => Path.GetFileName(f), File.ReadAllText);

        // The strongest data-flow sample states 「促成数据交易金额4.8亿元」.
        Assert.DoesNotContain("未给出交易额", letters.Single(l => l.Key.StartsWith("dataflow-jinghe-space", StringComparison.Ordinal)).Value);
        // 「第三名」 is a rank, never a head count.
        Assert.All(letters.Values, text => Assert.DoesNotContain("“三名”", text));
    }

    private static string Normal(string text) => text.Replace(" ", "").Replace("，", ",");

    [GeneratedRegex(@"“(?<q>[^”]+)”(?:（(?<measure>[^）]+)）)?(?:，折合 [\d.]+ \S+)?\s?(?<op>≥|≤) (?<n>[\d.]+) (?<unit>[^；，\s]+)")]
    private static partial Regex BoundPattern();

    [GeneratedRegex(@"申报书写明“(?<q>[^”]+)”(?:，折合 [\d.]+ \S+)?，(?<op>未达到|超过要求的) (?<n>[\d.]+) (?<unit>[^，；\s]+)")]
    private static partial Regex ShortfallPattern();
}
