using System.Collections.Immutable;
using System.Text.RegularExpressions;
using DocumentFormat.OpenXml.Wordprocessing;
using PilotEval.Evidence;

namespace PilotEval.Publishing;

/// <summary>
/// <c>exemplars.docx</c>: the 可复制、可推广 casebook the regulator promotes, one page per selected project —
/// what it did (its summary), its results with numbers, and why it can be replicated — each built only from the
/// application's own sentences, cited with file and paragraph, so an editor can check every line before release.
/// </summary>
public static partial class ExemplarCasebook
{
    // Sized so a case fits one A4 page, the form the regulator's casebooks take.
    private const int MaxResults = 3;
    private const int MaxReplicability = 2;
    private const int MaxOverviewChars = 180;

    /// <summary>A case page's content, chosen from one application's evidence.</summary>
    public sealed record Case(
        ResultsDocument.SubmissionResult Submission,
        string WhatItDid,
        ImmutableArray<ResultsDocument.Quote> Results,
        ImmutableArray<ResultsDocument.Quote> Replicability);

    public static WordDocument Build(ResultsDocument results, ImmutableArray<ResultsDocument.SubmissionResult> chosen, NoticeOptions options)
    {
        var doc = new WordDocument();
        doc.Title($"{options.Year}年度北京地区电信和互联网行业");
        doc.Title($"{ReportText.Programme}典型案例集");
        doc.Paragraph($"本案例集收录 {chosen.Length} 个拟入选项目，内容均摘自申报材料原文，括号内注明出处，发布前请核实。", JustificationValues.Center);
        doc.Paragraph(options.Issuer, JustificationValues.Center);
        doc.Paragraph(PublicNotice.Chinese(options.Date), JustificationValues.Center);

        var number = 0;
        foreach (var submission in chosen)
        {
            var c = Select(submission);
            doc.Heading(1, $"案例{ReportText.ChineseNumber(++number)}：{submission.Project ?? submission.Source}", pageBreakBefore: true);
            doc.Labelled("申报单位：", ReportText.OrDash(submission.Enterprise));
            if (!string.IsNullOrEmpty(submission.Partners)) doc.Labelled("联合申报单位：", submission.Partners);
            doc.Labelled("方向：", ReportText.TrackName(results, submission.Track));

            doc.Heading(2, "一、主要做法");
            doc.Paragraph(c.WhatItDid, indentFirstLine: true);

            doc.Heading(2, "二、应用成效");
            if (c.Results.IsEmpty) doc.Paragraph("申报材料未给出量化的应用成效。", indentFirstLine: true);
            foreach (var q in c.Results) doc.Bullet(q.Quote_, ReportText.Location(q));

            doc.Heading(2, "三、可复制、可推广的经验");
            if (c.Replicability.IsEmpty) doc.Paragraph("申报材料未说明推广情况或复制条件。", indentFirstLine: true);
            foreach (var q in c.Replicability) doc.Bullet(q.Quote_, ReportText.Location(q));
        }
        return doc;
    }

    /// <summary>
    /// Results are the quotes with a quantity and a unit (人次, 家, %, TB, 小时 …), most quantities first;
    /// replicability is what the 推广 / 示范 criteria found plus any sentence about replication or roll-out.
    /// Cover-table rows are never quoted: 「项目名称 …」 is not an achievement.
    /// </summary>
    public static Case Select(ResultsDocument.SubmissionResult submission)
    {
        var all = submission.Criteria
            .SelectMany(c => c.Evidence.Select(q => (Criterion: c, Quote: q)))
            .Where(x => !IsCoverRow(x.Quote.Quote_))
            .ToList();
        // A quote found by several criteria counts once, with the strongest replication signal of any of them.
        var distinct = all
            .GroupBy(x => x.Quote.Quote_, StringComparer.Ordinal)
            .Select(g => (g.First().Quote, Replication: g.Max(x => ReplicationWeight(x.Criterion.Name, x.Quote.Quote_))))
            .ToList();

        // Replication first: a sentence about roll-out belongs to 「why replicable」 even when it has numbers.
        var replicability = distinct
            .Where(x => x.Replication > 0)
            .OrderByDescending(x => x.Replication)
            .ThenBy(x => x.Quote.File, StringComparer.Ordinal).ThenBy(x => x.Quote.Paragraph)
            .Take(MaxReplicability)
            .Select(x => x.Quote)
            .OrderBy(q => q.File, StringComparer.Ordinal).ThenBy(q => q.Paragraph)
            .ToImmutableArray();

        var whatItDid = submission.Summary?.Text is { Length: > 0 } text ? Overview(text) : "申报材料未提供可摘录的项目概述。";
        var used = replicability.Select(q => q.Quote_).ToHashSet(StringComparer.Ordinal);
        var results = distinct
            // A sentence the overview already tells is not repeated as a result.
            .Where(x => !used.Contains(x.Quote.Quote_) && !whatItDid.Contains(x.Quote.Quote_, StringComparison.Ordinal))
            .Select(x => (x.Quote, Count: Quantity().Count(x.Quote.Quote_)))
            .Where(x => x.Count > 0)
            .OrderByDescending(x => x.Count)
            .ThenBy(x => x.Quote.File, StringComparer.Ordinal).ThenBy(x => x.Quote.Paragraph)
            .Take(MaxResults)
            .Select(x => x.Quote)
            .OrderBy(q => q.File, StringComparer.Ordinal).ThenBy(q => q.Paragraph)
            .ToImmutableArray();

        return new Case(submission, whatItDid, results, replicability);
    }

    /// <summary>Whole sentences of the summary up to the length a page allows; never a sentence cut in half.</summary>
    private static string Overview(string summary)
    {
        // The form's title line (「…项目申报书」) has no full stop, so an extractive summary can glue it to the next sentence.
        summary = FormTitle().Replace(summary, "");
        var sentences = SentenceEnd().Split(summary).Where(x => x.Length > 0).ToList();
        var kept = new System.Text.StringBuilder();
        foreach (var sentence in sentences)
        {
            if (kept.Length > 0 && kept.Length + sentence.Length > MaxOverviewChars) break;
            kept.Append(sentence);
        }
        return kept.ToString();
    }

    [GeneratedRegex("^[^。！？；]*?申报书(?=.)")]
    private static partial Regex FormTitle();

    [GeneratedRegex("(?<=[。！？；])")]
    private static partial Regex SentenceEnd();

    private static int ReplicationWeight(string criterion, string quote) =>
        (ReplicabilityCriterion().IsMatch(criterion) ? 1 : 0) + (ReplicabilityWords().IsMatch(quote) ? 2 : 0);

    private static bool IsCoverRow(string quote) =>
        CoverLabels.All.SelectMany(l => l.Spellings).Any(label => quote.StartsWith(label, StringComparison.Ordinal));

    [GeneratedRegex(@"\d[\d.,，]*\s*(%|％|万|亿|人次|人|家|个|次|项|TB|PB|GB|小时|分钟|秒|倍|个?行业|个?省|场|套|条|款|元|户)")]
    private static partial Regex Quantity();

    [GeneratedRegex("推广|示范")]
    private static partial Regex ReplicabilityCriterion();

    [GeneratedRegex("推广|复制|可借鉴|对外|输出|复用")]
    private static partial Regex ReplicabilityWords();
}
