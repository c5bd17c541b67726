using System.Text.Json;
using DocumentFormat.OpenXml.Packaging;
using PilotEval.Documents;
using PilotEval.Pipeline;
using PilotEval.Ranking;
using PilotEval.Tests.Support;
using UglyToad.PdfPig;

namespace PilotEval.Tests.Pipeline;

public sealed class SampleEvaluationTests(SampleRunFixture run) : IClassFixture<SampleRunFixture>
{
    private SubmissionAssessment Get(string source) => run.Result.Run.Full().Single(a => a.Source == source);

    public static TheoryData<string> Tracks() => [.. SampleRunFixture.Tiers.Select(t => t.Track)];

    [Theory]
    [MemberData(nameof(Tracks))]
    public void Strong_outranks_medium_which_outranks_weak_in_every_track(string track)
    {
        var tier = SampleRunFixture.Tiers.Single(t => t.Track == track);
        var (strong, medium, weak) = (Get(tier.Strong), Get(tier.Medium), Get(tier.Weak));

        Assert.All([strong, medium, weak], a => Assert.Equal(track, a.Track?.Track));
        Assert.True(strong.Scorecard!.Total > medium.Scorecard!.Total, $"{tier.Strong} {strong.Scorecard.Total} ≤ {tier.Medium} {medium.Scorecard.Total}");
        Assert.True(medium.Scorecard.Total > weak.Scorecard!.Total, $"{tier.Medium} {medium.Scorecard.Total} ≤ {tier.Weak} {weak.Scorecard.Total}");

        // The weak sample is ranked third, or — when every criterion of it is at the lowest level — kept off the
        // shortlist by the floor, never ranked above the others. The blind rewrites (-rw-) rank among them; their
        // levels are measured beside their originals elsewhere.
        var shortlist = run.Result.Run.Shortlists.Single(s => s.Track == track);
        var floor = run.Result.Run.Exclusions.Any(e => e.Source == tier.Weak && e.Reason == ExclusionReasons.BelowFloor);
        Assert.Equal(floor ? [tier.Strong, tier.Medium] : [tier.Strong, tier.Medium, tier.Weak],
            shortlist.Entries.Select(e => e.Source).Where(s => !s.Contains("-rw-", StringComparison.Ordinal)));
    }

    [Fact]
    public void Every_criterion_quote_says_its_signal_kind_section_and_how_it_counted()
    {
        var quotes = run.Result.Run.Full().SelectMany(a => a.Scorecard?.Criteria.SelectMany(c => c.Evidence) ?? []).ToList();

        Assert.All(quotes, q =>
        {
            Assert.Contains(q.Counted, new[] { "full", "half: plan", "half: slogan" });
            Assert.False(string.IsNullOrEmpty(q.Kind));
            Assert.False(string.IsNullOrEmpty(q.Why));
        });
        // Cover rows come before the first heading; everything scored stands in a numbered section.
        Assert.True(quotes.Count(q => q.Section is not null) >= quotes.Count * 0.95, "quotes without a section");
        Assert.Contains(quotes, q => q.Kind == "certification");
        Assert.Contains(quotes, q => q.Kind == "patent");
        Assert.Contains(quotes, q => q.Kind == "standard");
        Assert.Contains(quotes, q => q.Counted == "half: plan");
    }

    [Fact]
    public void No_sample_lacks_a_required_section_or_contradicts_its_cover_and_all_credit_codes_check()
    {
        // The blind rewrites (-rw-) use other section titles and cover layouts on purpose (issue 10, item 5).
        Assert.All(run.Result.Run.Full().Where(a => !a.Source.Contains("-rw-", StringComparison.Ordinal)), a =>
        {
            Assert.DoesNotContain(a.Flags, f => f.Code is "missing-section" or "track-mismatch" or "invalid-credit-code");
            Assert.True(a.Cover.CreditCodeValid, a.Source);
            Assert.NotNull(a.Cover.Contact);
            Assert.NotNull(a.Cover.Date);
        });
    }

    [Fact]
    public void A_level_above_the_lowest_always_rests_on_a_quote_and_coverage_counts_criteria_with_quotes()
    {
        foreach (var scorecard in run.Result.Run.Full().Select(a => a.Scorecard).OfType<PilotEval.Scoring.Scorecard>())
        {
            Assert.All(scorecard.Criteria.Where(c => c.Level != "D"), c => Assert.NotEmpty(c.Evidence));
            Assert.All(scorecard.Criteria.Where(c => c.Evidence.IsEmpty), c => Assert.Equal(0, c.Score));
            Assert.Equal(Math.Round((double)scorecard.Criteria.Count(c => !c.Evidence.IsEmpty) / scorecard.Criteria.Length, 3), scorecard.Coverage);
        }
    }

    [Fact]
    public void A_weak_application_is_told_what_each_criterion_lacked()
    {
        var weak = Get("talent-xingqiao-net.docx").Scorecard!;

        Assert.All(weak.Criteria.Where(c => c.Level != "A"), c => Assert.NotEmpty(c.Lacking));
        Assert.Contains(weak.Criteria.SelectMany(c => c.Lacking), l => l.Contains("可达", StringComparison.Ordinal));
        Assert.InRange(weak.Coverage, 0, 0.99);
    }

    [Fact]
    public void Every_sample_is_read_and_the_two_ineligible_ones_are_excluded_with_their_check()
    {
        // 17 originals and 10 rewrites (five medium, five strong), the two ineligible originals among them.
        Assert.Equal(27, run.Result.Run.Assessments.Length);
        Assert.All(run.Result.Run.Assessments, a => Assert.False(a.Failed, a.Source));

        var exclusions = run.Result.Run.Exclusions.ToDictionary(e => e.Source);
        Assert.Equal(["registered-in-beijing"], Get("risk-haichen-port.pdf").Eligibility.Where(e => !e.Passed).Select(e => e.Check));
        Assert.Equal(["in-operation"], Get("tech-hongyi-posture.docx").Eligibility.Where(e => !e.Passed).Select(e => e.Check));
        Assert.Equal("ineligible", exclusions["risk-haichen-port.pdf"].Reason);
        Assert.Contains("项目已建成并投入运行", exclusions["tech-hongyi-posture.docx"].Detail);
        Assert.Equal(2, exclusions.Values.Count(e => e.Reason == ExclusionReasons.Ineligible));
        // The rest are weak samples with every criterion at the lowest level: not candidates at all.
        Assert.All(exclusions.Values.Where(e => e.Reason != ExclusionReasons.Ineligible), e => Assert.Equal(ExclusionReasons.BelowFloor, e.Reason));
        // Every other sample, the blind rewrites included, states all three conditions: none is left 待核实.
        Assert.All(run.Result.Run.Full().Where(a => a.Source is not ("risk-haichen-port.pdf" or "tech-hongyi-posture.docx")),
            a => Assert.True(a.Eligible == true, $"{a.Source}: {string.Join("；", a.Eligibility.Where(e => !e.Passed).Select(e => e.Reason))}"));
    }

    [Fact]
    public void Cover_fields_are_read_from_tables_paragraphs_and_letter_spaced_labels()
    {
        Assert.Equal("北京华翎数智教育科技有限公司", Get("talent-hualing-academy.docx").Cover.Enterprise);
        Assert.Equal("云平台数据安全风险自评估体系建设项目", Get("risk-yunxiu-cloud.docx").Cover.Project);
        Assert.Equal("数据安全事件应急响应服务体系建设", Get("incident-anlan-response.docx").Cover.Project);
        Assert.Equal("北京数融汇通科技有限公司", Get("dataflow-shurong-fusion.pdf").Cover.Enterprise);
        // A PDF cover table whose project name wraps beside its letter-spaced, centred label.
        Assert.Equal("面向电信和互联网企业的数据安全风险评估平台及评估服务体系", Get("risk-zhiheng-assess.pdf").Cover.Project);
        Assert.All(run.Result.Run.Assessments, a => Assert.Equal("cover", a.Track?.Source));
    }

    [Fact]
    public void The_folder_submission_counts_its_attachment_as_evidence()
    {
        var folder = Get("dataflow-jinghe-space");

        Assert.Equal(2, folder.Submission.Files.Length);
        Assert.EndsWith("application.docx", folder.Submission.Files[0]);
        Assert.Contains(folder.Scorecard!.Criteria.SelectMany(c => c.Evidence), e => e.Location.File.EndsWith(".pdf", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Every_quote_occurs_verbatim_in_the_cited_file_page_and_paragraph()
    {
        var reread = new Dictionary<string, DocumentText>();
        var checkedQuotes = 0;
        foreach (var assessment in run.Result.Run.Full())
        {
            var quotes = assessment.Scorecard?.Criteria.SelectMany(c => c.Evidence) ?? [];
            quotes = quotes.Concat(assessment.Eligibility.Where(e => e.Evidence is not null).Select(e => e.Evidence!));
            foreach (var quote in quotes)
            {
                var path = Path.Combine(RepoPaths.Samples, quote.Location.File);
                if (!reread.TryGetValue(path, out var document))
                {
                    reread[path] = document = await TestHost.ReadAsync(path);
                }

                // The cited block, read again, holds the quote verbatim.
                var block = document.Blocks[quote.Location.Paragraph - 1];
                Assert.Equal((quote.Location.Page, quote.Location.Paragraph), (block.Location.Page, block.Location.Paragraph));
                Assert.Contains(quote.Quote, block.Text);

                // And the file itself holds it, read by other means than PilotEval's reader: the whole quote in
                // a .docx; on a PDF page each run between layout gaps (a table cell may wrap onto its own line).
                if (path.EndsWith(".pdf", StringComparison.Ordinal))
                {
                    var raw = PdfPageText(path, quote.Location.Page!.Value);
                    Assert.All(quote.Quote.Split(' ', StringSplitOptions.RemoveEmptyEntries), run => Assert.Contains(run, raw));
                }
                else
                {
                    Assert.Contains(TextNormalizer.WithoutWhiteSpace(quote.Quote), DocxText(path));
                }
                checkedQuotes++;
            }
        }
        Assert.True(checkedQuotes > 200, $"only {checkedQuotes} quotes checked");
    }

    [Fact]
    public void Results_json_follows_the_contract()
    {
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(run.OutputDirectory, "results.json")));
        var root = json.RootElement;

        Assert.Equal(1, root.GetProperty("schemaVersion").GetInt32());
        Assert.Equal(5, root.GetProperty("rubrics").GetArrayLength());
        var submissions = root.GetProperty("submissions").EnumerateArray().ToList();
        Assert.Equal(27, submissions.Count);
        foreach (var s in submissions)
        {
            foreach (var field in new[] { "source", "files", "status", "track", "trackSource", "enterprise", "project", "eligible",
                         "eligibility", "flags", "score", "rank", "criteria", "summary", "errors" })
            {
                Assert.True(s.TryGetProperty(field, out _), $"{s.GetProperty("source")} lacks {field}");
            }
            Assert.Equal("extractive", s.GetProperty("summary").GetProperty("method").GetString());
            Assert.False(string.IsNullOrEmpty(s.GetProperty("summary").GetProperty("text").GetString()));
        }

        // Sorted by track, then rank (unranked last), then source.
        var order = submissions.Select(s => (Track: s.GetProperty("track").GetString(),
            Rank: s.GetProperty("rank").ValueKind == JsonValueKind.Null ? int.MaxValue : s.GetProperty("rank").GetInt32(),
            Source: s.GetProperty("source").GetString())).ToList();
        Assert.Equal(order.OrderBy(o => o.Track, StringComparer.Ordinal).ThenBy(o => o.Rank).ThenBy(o => o.Source, StringComparer.Ordinal), order);

        var criterion = submissions[0].GetProperty("criteria")[0];
        var evidence = criterion.GetProperty("evidence")[0];
        Assert.True(evidence.TryGetProperty("quote", out _) && evidence.TryGetProperty("paragraph", out _) && evidence.TryGetProperty("page", out _));
        foreach (var extra in new[] { "signal", "section", "kind", "why", "counted" }) Assert.True(evidence.TryGetProperty(extra, out _), extra);
        Assert.True(criterion.TryGetProperty("points", out _) && criterion.TryGetProperty("descriptor", out _) && criterion.TryGetProperty("lacking", out _));
        var cover = submissions[0].GetProperty("cover");
        Assert.Equal(JsonValueKind.True, cover.GetProperty("creditCodeValid").ValueKind);
        Assert.Matches(@"^\d{4}-\d{2}-\d{2}$", cover.GetProperty("date").GetString());
        Assert.True(submissions[0].TryGetProperty("trackConfidence", out _) && submissions[0].TryGetProperty("contentTrack", out _));
        Assert.Equal(5, root.GetProperty("shortlists").GetArrayLength());
    }

    [Fact]
    public void Shortlist_markdown_lists_each_track_and_the_exclusions()
    {
        var md = File.ReadAllText(Path.Combine(run.OutputDirectory, "shortlist.md"));

        Assert.Contains("## 人才培养", md);
        Assert.DoesNotContain("（talent）", md);
        Assert.Contains("北京华翎数智教育科技有限公司", md);
        Assert.Contains("## 未入围及原因", md);
        Assert.Contains("risk-haichen-port.pdf", md);
    }

    private static string DocxText(string path)
    {
        using var document = WordprocessingDocument.Open(path, false);
        return TextNormalizer.WithoutWhiteSpace(string.Concat(document.MainDocumentPart!.Document!.Body!
            .Descendants<DocumentFormat.OpenXml.Wordprocessing.Text>().Select(t => t.Text)));
    }

    private static string PdfPageText(string path, int page)
    {
        using var pdf = PdfDocument.Open(path);
        return TextNormalizer.WithoutWhiteSpace(string.Concat(pdf.GetPage(page).Letters.Select(l => l.Value)));
    }
}
