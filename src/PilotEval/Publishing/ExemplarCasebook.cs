using System.Collections.Immutable;
using DocumentFormat.OpenXml.Wordprocessing;
using PilotEval.Documents;
using PilotEval.Evidence;
using PilotEval.Language;

namespace PilotEval.Publishing;

/// <summary>
/// <c>exemplars.docx</c>: the 可复制、可推广 casebook the regulator promotes, one page per selected project — what it
/// did, its results with numbers, and why it can be replicated — each built only from the application's own sentences,
/// cited with file and paragraph, so an editor can check every line before release.
/// </summary>
/// <remarks>
/// Each part comes from the section of the form that is about it, as the form's headings name it (the lexicon's
/// <c>formSections</c>, the list the <c>missing-section</c> flag reads): 主要做法 from the technical or implementation
/// plan, 应用成效 from the results, the replicable experience from the promotion section. A sentence about the company
/// (its profile, its head count) never stands in for what the project did; an application without such a section is
/// told so in its entry rather than given another section's sentences.
/// </remarks>
public static class ExemplarCasebook
{
    // Sized so a case fits one A4 page, the form the regulator's casebooks take.
    private const int MaxPractices = 3;
    private const int MaxResults = 3;
    private const int MaxReplicability = 2;

    /// <summary>A case page's content, chosen from one application's evidence.</summary>
    /// <param name="Practices">主要做法: sentences of the solution section.</param>
    /// <param name="Results">应用成效: sentences of the results section that state an achieved number.</param>
    /// <param name="Replicability">可复制、可推广的经验: sentences of the promotion section.</param>
    /// <param name="Gaps">Part → what the application lacks for it, said in the entry instead of sentences.</param>
    public sealed record Case(
        ResultsDocument.SubmissionResult Submission,
        ImmutableArray<ResultsDocument.Quote> Practices,
        ImmutableArray<ResultsDocument.Quote> Results,
        ImmutableArray<ResultsDocument.Quote> Replicability,
        ImmutableDictionary<string, string> Gaps);

    /// <summary>The three parts of a case, by the form section each is taken from.</summary>
    public const string PracticesPart = "一、主要做法";
    public const string ResultsPart = "二、应用成效";
    public const string ReplicabilityPart = "三、可复制、可推广的经验";

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
            var c = Select(submission, options.Lexicon);
            doc.Heading(1, $"案例{ReportText.ChineseNumber(++number)}：{submission.Project ?? submission.Source}", pageBreakBefore: true);
            doc.Labelled("申报单位：", ReportText.OrDash(submission.Enterprise));
            if (!string.IsNullOrEmpty(submission.Partners)) doc.Labelled("联合申报单位：", submission.Partners);
            doc.Labelled("方向：", ReportText.TrackName(results, submission.Track));

            Part(doc, PracticesPart, c.Practices, c.Gaps);
            Part(doc, ResultsPart, c.Results, c.Gaps);
            Part(doc, ReplicabilityPart, c.Replicability, c.Gaps);
        }
        return doc;
    }

    private static void Part(WordDocument doc, string part, ImmutableArray<ResultsDocument.Quote> quotes, ImmutableDictionary<string, string> gaps)
    {
        doc.Heading(2, part);
        if (gaps.TryGetValue(part, out var gap)) doc.Paragraph(gap, indentFirstLine: true);
        foreach (var q in quotes) doc.Bullet(q.Quote_, ReportText.Location(q));
    }

    /// <summary>
    /// The sentences of each part, from the quotes of the part's form section: a quote's section is what the outermost
    /// heading of its path that names a form section names (「三、主要做法 / （二）教学组织」 is the solution), so a results-sounding
    /// sub-heading inside the company profile stays the company profile.
    /// </summary>
    public static Case Select(ResultsDocument.SubmissionResult submission, EvidenceLexicon lexicon)
    {
        var solution = lexicon.FormSection(FormSection.Solution);
        var resultsSection = lexicon.FormSection(FormSection.Results);
        var promotion = lexicon.FormSection(FormSection.Promotion);

        // A quote found by several criteria counts once; the number of signals it satisfied says how central it is.
        var quotes = submission.Criteria
            .SelectMany(c => c.Evidence)
            .GroupBy(q => (q.Quote_, q.File, q.Paragraph))
            .Select(g => (Quote: g.First(), Signals: g.Count(), Planned: g.All(q => q.Counted?.StartsWith("half", StringComparison.Ordinal) == true)))
            .Where(x => !IsStaffCount(x.Quote.Quote_, lexicon))
            .Select(x => (x.Quote, x.Signals, x.Planned, Sections: SectionsOf(x.Quote, lexicon.FormSections)))
            .ToList();
        var gaps = ImmutableDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);

        // Results: sentences of the results section with an achieved number (not a baseline, not a target), most numbers first.
        var results = InReadingOrder(quotes
            .Where(x => x.Sections.Contains(resultsSection) && !x.Planned)
            .Select(x => (x.Quote, Count: Achieved(x.Quote.Quote_, lexicon)))
            .Where(x => x.Count > 0)
            .OrderByDescending(x => IsProse(x.Quote.Quote_)).ThenByDescending(x => x.Count)
            .ThenBy(x => x.Quote.File, StringComparer.Ordinal).ThenBy(x => x.Quote.Paragraph)
            .Select(x => x.Quote)
            .Take(MaxResults));
        if (results.IsEmpty) gaps[ResultsPart] = Missing(resultsSection, submission, "量化成效");

        // What it did: the plan's sentences the rubric's signals point at most, achieved before planned. A section titled
        // for both (「三、实施方案与应用成效」) gives its results to 应用成效 and the rest to 主要做法.
        var practices = InReadingOrder(quotes
            .Where(x => x.Sections.Contains(solution) && !results.Contains(x.Quote))
            .OrderBy(x => x.Planned).ThenByDescending(x => IsProse(x.Quote.Quote_)).ThenByDescending(x => x.Signals)
            .ThenBy(x => x.Quote.File, StringComparer.Ordinal).ThenBy(x => x.Quote.Paragraph)
            .Select(x => x.Quote)
            .Take(MaxPractices));
        if (practices.IsEmpty) gaps[PracticesPart] = Missing(solution, submission, "做法");

        // Replication: what the promotion section says has been done, before what it plans.
        var replicability = InReadingOrder(quotes
            .Where(x => x.Sections.Contains(promotion))
            .OrderBy(x => x.Planned).ThenByDescending(x => IsProse(x.Quote.Quote_)).ThenByDescending(x => x.Signals)
            .ThenBy(x => x.Quote.File, StringComparer.Ordinal).ThenBy(x => x.Quote.Paragraph)
            .Select(x => x.Quote)
            .Take(MaxReplicability));
        if (replicability.IsEmpty) gaps[ReplicabilityPart] = Missing(promotion, submission, "推广情况或复制条件");

        return new Case(submission, practices, results, replicability, gaps.ToImmutable());
    }

    /// <summary>
    /// Why a part is empty: the form section is not there (the run flagged it <c>missing-section</c>), or it is there and
    /// states nothing the review could quote.
    /// </summary>
    private static string Missing(FormSection section, ResultsDocument.SubmissionResult submission, string what) =>
        submission.Flags.Any(f => f.Code == FlagCodes.MissingSection && f.Detail.Contains($"“{section.Name}”", StringComparison.Ordinal))
            ? $"申报材料未设“{section.Name}”部分，本项暂缺，请编辑时向申报单位补充。"
            : $"申报材料“{section.Name}”部分未给出可摘录的{what}。";

    private static ImmutableArray<ResultsDocument.Quote> InReadingOrder(IEnumerable<ResultsDocument.Quote> quotes) =>
        [.. quotes.OrderBy(q => q.File, StringComparer.Ordinal).ThenBy(q => q.Paragraph)];

    /// <summary>
    /// The form sections a quote stands in: those the outermost heading of its path names (「三、实施方案与应用成效」
    /// names two). Empty before the first heading (the cover) or under headings that name none.
    /// </summary>
    public static ImmutableArray<FormSection> SectionsOf(ResultsDocument.Quote quote, ImmutableArray<FormSection> form)
    {
        if (quote.Section is not { } path) return [];
        foreach (var heading in path.Split(" / "))
        {
            var named = form.Where(s => s.Names(heading)).ToImmutableArray();
            if (!named.IsEmpty) return named;
        }
        return [];
    }

    /// <summary>
    /// A whole sentence a reader can take alone, before a table row (「告警准确率 71% 96.5%」 needs its column labels) or a
    /// list item cut at its enumeration (「（4）数据处理活动情况；」).
    /// </summary>
    private static bool IsProse(string quote) => quote.Length >= MinProse && quote[^1] is '。' or '！' or '？' or '”' or '）';

    private const int MinProse = 20;

    /// <summary>Achieved quantities of the lexicon's units in the sentence; baselines and targets are not results.</summary>
    private static int Achieved(string sentence, EvidenceLexicon lexicon) =>
        lexicon.Quantities.Find(sentence).Count(q => q.Role == QuantityRole.Achieved) + lexicon.Quantities.FindChanges(sentence).Count();

    /// <summary>
    /// A head count of the applicant's own people (「项目团队22人」「专职讲师21人」): it describes the company, not what the
    /// project did or achieved. A people count in a clause naming the staff (the lexicon's <c>staffWords</c>).
    /// </summary>
    public static bool IsStaffCount(string sentence, EvidenceLexicon lexicon)
    {
        foreach (var (_, clause) in Sentences.Clauses(sentence))
        {
            if (!lexicon.StaffWords.Any(w => clause.Contains(w, StringComparison.Ordinal))) continue;
            if (lexicon.Quantities.Find(clause).Any(q => q.Dimension == UnitTable.People)) return true;
        }
        return false;
    }
}
