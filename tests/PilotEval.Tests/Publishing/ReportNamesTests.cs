using System.Reflection;
using System.Text.RegularExpressions;
using PilotEval.Documents;
using PilotEval.Publishing;
using PilotEval.Ranking;

namespace PilotEval.Tests.Publishing;

/// <summary>
/// One table of display names for every report: every code constant of the product has a Chinese name there, so no
/// raw code (<c>invalid-credit-code</c>, <c>track-mismatch</c>) reaches a Chinese document, and no report keeps its own.
/// </summary>
public sealed partial class ReportNamesTests
{
    public static TheoryData<string> ProductCodes() =>
    [
        .. new[] { typeof(FileErrorCodes), typeof(FlagCodes), typeof(ExclusionReasons) }
            .SelectMany(t => t.GetFields(BindingFlags.Public | BindingFlags.Static))
            .Where(f => f.IsLiteral && f.FieldType == typeof(string))
            .Select(f => (string)f.GetValue(null)!)
            // Codes the contract (DESIGN.md) names that live in other modules.
            .Concat(["eligibility-unconfirmed", "partially-read", "text-reuse", "llm-disagreement", "access-denied"])
            .Distinct(),
    ];

    [Theory]
    [MemberData(nameof(ProductCodes))]
    public void Every_code_has_one_chinese_name(string code)
    {
        Assert.True(ReportText.HasName(code), $"ReportText has no Chinese name for '{code}'");
        Assert.DoesNotMatch(AsciiWord(), ReportText.Name(code));
    }

    [Fact]
    public void No_report_keeps_a_table_of_names_of_its_own()
    {
        var publishing = Path.Combine(Support.RepoPaths.Root, "src", "PilotEval", "Publishing");
        foreach (var file in Directory.GetFiles(publishing, "*.cs").Where(f => Path.GetFileName(f) != "ReportText.cs"))
        {
            var text = File.ReadAllText(file);
            Assert.DoesNotMatch(@"FlagCodes\.\w+\s*=>\s*""", text);
            Assert.DoesNotMatch(@"""(prompt-injection|near-duplicate|hidden-text|invalid-credit-code|track-mismatch)""\s*=>", text);
        }
    }

    [GeneratedRegex("[A-Za-z]{2,}")]
    private static partial Regex AsciiWord();
}
