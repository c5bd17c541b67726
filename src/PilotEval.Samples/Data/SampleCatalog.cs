using System.Text.RegularExpressions;
using PilotEval.Samples.Model;

namespace PilotEval.Samples.Data;

/// <summary>Every sample submission, plus self-checks on the invariants tests rely on.</summary>
public static partial class SampleCatalog
{
    public static IReadOnlyList<Submission> All =>
    [
        .. TalentSamples.All,
        .. RiskAssessmentSamples.All,
        .. IncidentHandlingSamples.All,
        .. TechnologyApplicationSamples.All,
        .. DataElementFlowSamples.All,
        .. ExcludedSamples.All,
        .. RewrittenSamples.All,
        .. HeldBackRewrites.All,
    ];

    /// <summary>
    /// Fails fast when an edit breaks something downstream tests assume: eligibility wording,
    /// valid credit codes, unique ASCII names, prose ending in 。, and no recycled paragraphs
    /// (the product flags near-duplicates, so shared text between samples would be a false signal).
    /// Rewrites say the eligibility facts in their own words, so the verbatim checks give way for them to
    /// checks that they retell an existing sample of the same track and tier under another company name.
    /// </summary>
    public static void Validate(IReadOnlyList<Submission> submissions)
    {
        var problems = new List<string>();
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

        foreach (var s in submissions)
        {
            var where = s.Name;
            if (!names.Add(s.Name))
            {
                problems.Add($"{where}: duplicate name");
            }

            if (!AsciiName().IsMatch(s.Name))
            {
                problems.Add($"{where}: name must be lower-case ASCII");
            }

            if (s.Cover.Track != Tracks.CoverName(s.TrackId))
            {
                problems.Add($"{where}: cover track does not match track id");
            }

            var text = string.Concat(Paragraphs(s.Application));
            // A rewrite may give the code in a table row 「统一社会信用代码 | 9111…」, so cells count here too.
            var textWithTables = text + string.Concat(TableCells(s.Application));
            foreach (Match m in CodeAfterLabel().Matches(textWithTables))
            {
                if (!CreditCode.IsValid(m.Groups[1].Value))
                {
                    problems.Add($"{where}: invalid credit code {m.Groups[1].Value}");
                }
            }

            if (!CodeAfterLabel().IsMatch(textWithTables))
            {
                problems.Add($"{where}: no 统一社会信用代码");
            }

            if (s.RewriteOf is not null)
            {
                problems.AddRange(RewriteProblems(s, submissions, textWithTables));
                continue;
            }

            var outsideBeijing = s.Quality == Quality.ExcludedOutsideBeijing;
            if (text.Contains("注册地：北京市", StringComparison.Ordinal) == outsideBeijing)
            {
                problems.Add($"{where}: 注册地 does not fit quality {s.Quality}");
            }

            var lastSection = s.Application.Sections[^1];
            if (!lastSection.Heading.StartsWith("十、", StringComparison.Ordinal)
                || !string.Concat(Paragraphs(lastSection)).Contains(Dsl.Pledge, StringComparison.Ordinal))
            {
                problems.Add($"{where}: section 十 lacks the pledge");
            }

            var inConstruction = text.Contains("处于建设阶段", StringComparison.Ordinal);
            if (inConstruction != (s.Quality == Quality.ExcludedInConstruction))
            {
                problems.Add($"{where}: construction status does not fit quality {s.Quality}");
            }

            if (!inConstruction && !text.Contains("投入使用", StringComparison.Ordinal))
            {
                problems.Add($"{where}: does not say the project is in use");
            }

            foreach (var doc in s.Attachments.Select(a => a.Document).Prepend(s.Application))
            {
                foreach (var p in doc.Sections.SelectMany(x => x.Blocks).OfType<Para>())
                {
                    if (!p.Text.EndsWith('。'))
                    {
                        problems.Add($"{where}: paragraph does not end with 。: {p.Text[..Math.Min(20, p.Text.Length)]}");
                    }
                }
            }
        }

        if (submissions.Count(s => s.Format == OutputFormat.Pdf) < 6)
        {
            problems.Add("fewer than 6 PDF submissions");
        }

        // A rewrite of the folder submission is itself a folder, so only originals count here.
        if (submissions.Count(s => s.IsFolder && s.RewriteOf is null) != 1)
        {
            problems.Add("there must be exactly one folder submission among the originals");
        }

        problems.AddRange(NearDuplicates(submissions));

        if (problems.Count > 0)
        {
            throw new InvalidOperationException("sample catalog is inconsistent:\n  " + string.Join("\n  ", problems));
        }
    }

    private static IEnumerable<string> RewriteProblems(Submission s, IReadOnlyList<Submission> all, string text)
    {
        var where = s.Name;
        var original = all.FirstOrDefault(o => o.Name == s.RewriteOf && o.RewriteOf is null);
        if (original is null)
        {
            yield return $"{where}: rewrites unknown sample {s.RewriteOf}";
            yield break;
        }

        if (original.TrackId != s.TrackId || original.Quality != s.Quality)
        {
            yield return $"{where}: track or quality differs from its original {original.Name}";
        }

        if (original.Cover.Applicant == s.Cover.Applicant || original.Cover.Contact == s.Cover.Contact)
        {
            yield return $"{where}: must be another enterprise with another contact than {original.Name}";
        }

        if (!text.Contains("北京市", StringComparison.Ordinal))
        {
            yield return $"{where}: does not say where in Beijing it is registered";
        }

        // The pledge is to carry the same meaning in the rewriter's own words, not the template sentence.
        if (text.Contains(Dsl.Pledge, StringComparison.Ordinal))
        {
            yield return $"{where}: repeats the pledge verbatim";
        }

        foreach (var p in s.Application.Sections.SelectMany(x => x.Blocks).OfType<Para>())
        {
            // Lists in official style end their items with ；and introduce them with ：.
            if (!p.Text.EndsWith('。') && !p.Text.EndsWith('；') && !p.Text.EndsWith('：'))
            {
                yield return $"{where}: paragraph does not end with 。, ； or ：: {p.Text[..Math.Min(20, p.Text.Length)]}";
            }
        }
    }

    private static IEnumerable<string> Paragraphs(DocumentSpec doc) => doc.Sections.SelectMany(Paragraphs);

    private static IEnumerable<string> TableCells(DocumentSpec doc) =>
        doc.Sections.SelectMany(x => x.Blocks).OfType<TableBlock>().SelectMany(t => t.Rows).Select(r => string.Concat(r));

    private static IEnumerable<string> Paragraphs(Section s) => s.Blocks.OfType<Para>().Select(p => p.Text);

    // Character 4-gram Jaccard between paragraphs of different submissions; the pledge sentence is
    // removed first because it is meant to be identical everywhere.
    private static IEnumerable<string> NearDuplicates(IReadOnlyList<Submission> submissions)
    {
        var items = submissions
            .SelectMany(s => Paragraphs(s.Application).Select(p => (s.Name, Text: p.Replace(Dsl.Pledge, string.Empty, StringComparison.Ordinal))))
            .Where(x => x.Text.Length >= 40)
            .Select(x => (x.Name, x.Text, Grams: Grams(x.Text)))
            .ToList();

        for (var i = 0; i < items.Count; i++)
        {
            for (var j = i + 1; j < items.Count; j++)
            {
                if (items[i].Name == items[j].Name)
                {
                    continue;
                }

                var a = items[i].Grams;
                var b = items[j].Grams;
                var inter = a.Count(b.Contains);
                var jaccard = (double)inter / (a.Count + b.Count - inter);
                if (jaccard > 0.35)
                {
                    yield return $"{items[i].Name} ~ {items[j].Name} ({jaccard:F2}): {items[i].Text[..20]}";
                }
            }
        }
    }

    private static HashSet<string> Grams(string text)
    {
        var set = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i + 4 <= text.Length; i++)
        {
            set.Add(text.Substring(i, 4));
        }

        return set;
    }

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex AsciiName();

    [GeneratedRegex("统一社会信用代码[：:为]?([0-9A-Z]{18})")]
    private static partial Regex CodeAfterLabel();
}
