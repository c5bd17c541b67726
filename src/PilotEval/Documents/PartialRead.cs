using System.Globalization;
using System.Text.RegularExpressions;

namespace PilotEval.Documents;

/// <summary>
/// The <c>partially-read</c> flag: a file of which some pages (or pictures) were never read, and why. Its detail names
/// the pages in a fixed form (「未读取的页：12–24」) so that a later stage — eligibility above all — can tell what was
/// not seen from what was not there, and never judge the applicant on content nobody read.
/// </summary>
public static partial class PartialRead
{
    private const string PagesLabel = "未读取的页：";

    /// <summary>The flag's detail: why reading stopped and which pages were left, as ranges.</summary>
    public static string Detail(string reason, IReadOnlyCollection<int> pages) =>
        pages.Count == 0 ? $"只读取了部分内容（{reason}）" : $"只读取了部分内容（{reason}）；{PagesLabel}{Ranges(pages)}";

    /// <summary>The pages a <c>partially-read</c> flag names as not read (empty when it names none).</summary>
    public static IReadOnlyList<int> UnreadPages(DocumentFlag flag)
    {
        if (flag.Code != FlagCodes.PartiallyRead) return [];
        var at = flag.Detail.IndexOf(PagesLabel, StringComparison.Ordinal);
        if (at < 0) return [];
        var pages = new List<int>();
        foreach (Match range in RangePattern().Matches(flag.Detail[(at + PagesLabel.Length)..]))
        {
            var first = int.Parse(range.Groups[1].Value, CultureInfo.InvariantCulture);
            var last = range.Groups[2].Success ? int.Parse(range.Groups[2].Value, CultureInfo.InvariantCulture) : first;
            for (var page = first; page <= last; page++) pages.Add(page);
        }
        return pages;
    }

    private static string Ranges(IEnumerable<int> pages)
    {
        var sorted = pages.Distinct().Order().ToList();
        var parts = new List<string>();
        for (var i = 0; i < sorted.Count;)
        {
            var j = i;
            while (j + 1 < sorted.Count && sorted[j + 1] == sorted[j] + 1) j++;
            parts.Add(j == i ? sorted[i].ToString(CultureInfo.InvariantCulture)
                : string.Create(CultureInfo.InvariantCulture, $"{sorted[i]}–{sorted[j]}"));
            i = j + 1;
        }
        return string.Join('、', parts);
    }

    [GeneratedRegex(@"(\d+)(?:–(\d+))?")]
    private static partial Regex RangePattern();
}
