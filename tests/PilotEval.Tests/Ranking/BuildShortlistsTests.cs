using System.Collections.Immutable;
using PilotEval.Documents;
using PilotEval.Evidence;
using PilotEval.Integrity;
using PilotEval.Pipeline;
using PilotEval.Ranking;
using PilotEval.Rubrics;
using PilotEval.Scoring;
using PilotEval.Tests.Support;

namespace PilotEval.Tests.Ranking;

public sealed class BuildShortlistsTests
{
    private static readonly RubricSet Rubrics = TestHost.RepoRubrics();

    /// <summary>A scored talent application whose evidence quotes stand in its one document, unless told otherwise.</summary>
    private static SubmissionAssessment Scored(string source, double total, double coverage = 1.0, int evidence = 3,
        int unverifiable = 0, string? track = "talent", bool eligible = true, string level = "A")
    {
        var file = source;
        var blocks = Enumerable.Range(1, evidence).Select(i => new Block(BlockKind.Paragraph, $"第{i}条成效：培训学员{i * 100}人次。", new SourceLocation(file, null, i))).ToList();
        var quotes = blocks.Select(b => new PilotEval.Evidence.Evidence(b.Text, b.Location, "s"))
            .Concat(Enumerable.Range(1, unverifiable).Select(i => new PilotEval.Evidence.Evidence($"文中没有的话{i}。", new SourceLocation(file, null, 1), "s")))
            .ToImmutableArray();
        return new SubmissionAssessment(new SubmissionSource(source, "/in", [file]))
        {
            Documents = [new DocumentText(file, "docx", null, [.. blocks], [], [])],
            Track = new TrackDecision(track, track is null ? null : "cover", 1, track is null ? "封面未写明申报方向，正文也无法判断" : "封面"),
            Eligibility = [new EligibilityResult("registered-in-beijing", "在北京注册", eligible, eligible ? "注册地在北京" : "注册地不在北京", null)],
            Scorecard = track is null ? null : new Scorecard(track, total, coverage,
                [new CriterionScore("c", "培养体系", 100, level, total, 1, "rule", quotes, [])]),
            Completed = [Stage.Ingest, Stage.ScreenIntegrity, Stage.ExtractEvidence, Stage.Score],
        };
    }

    // Arrays, not ImmutableArray: xunit 2 compares ImmutableArray structurally only as arrays.
    private static string[] Order(BuildShortlists.Result result, string track = "talent") =>
        [.. result.Shortlists.Single(s => s.Track == track).Entries.Select(e => e.Source)];

    [Fact]
    public void Equal_scores_are_ordered_by_coverage_then_verified_evidence_then_source()
    {
        var assessments = new[]
        {
            Scored("e.docx", 80, coverage: 0.8, evidence: 9),
            Scored("d.docx", 80, coverage: 1.0, evidence: 2),
            Scored("c.docx", 80, coverage: 1.0, evidence: 4),
            // More quotes, but two of them cannot be found in the file: only verified evidence counts.
            Scored("b.docx", 80, coverage: 1.0, evidence: 3, unverifiable: 2),
            Scored("a.docx", 80, coverage: 1.0, evidence: 3),
            Scored("z.docx", 90, coverage: 0.2, evidence: 1),
        };

        var result = BuildShortlists.Build(assessments, Rubrics, new ShortlistOptions());

        Assert.Equal(["z.docx", "c.docx", "a.docx", "b.docx", "d.docx", "e.docx"], Order(result));
        Assert.Equal([1, 2, 3, 4, 5, 6], result.Shortlists.Single(s => s.Track == "talent").Entries.Select(e => e.Rank));
        Assert.Equal(3, result.Shortlists.Single(s => s.Track == "talent").Entries.Single(e => e.Source == "b.docx").EvidenceCount);
    }

    [Fact]
    public void Scores_that_differ_only_below_the_shown_precision_are_ties()
    {
        var result = BuildShortlists.Build([Scored("b.docx", 72.2000000001, coverage: 1.0), Scored("a.docx", 72.2, coverage: 0.6)],
            Rubrics, new ShortlistOptions());

        Assert.Equal(["b.docx", "a.docx"], Order(result));
    }

    [Fact]
    public void The_same_input_in_any_order_gives_the_same_ranking()
    {
        var assessments = Enumerable.Range(0, 12)
            .Select(i => Scored($"s{i:D2}.docx", 70 + i % 3, coverage: 0.5 + i % 2 * 0.5, evidence: 1 + i % 4))
            .ToList();

        var expected = Order(BuildShortlists.Build(assessments, Rubrics, new ShortlistOptions()));
        for (var seed = 0; seed < 5; seed++)
        {
            var shuffled = assessments.ToList();
            new Random(seed).Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(shuffled));
            Assert.Equal(expected, Order(BuildShortlists.Build(shuffled, Rubrics, new ShortlistOptions())));
        }
    }

    [Fact]
    public void Every_kind_of_exclusion_is_listed_with_its_reason()
    {
        var unreadable = new SubmissionAssessment(new SubmissionSource("locked.pdf", "/in", ["locked.pdf"]))
        {
            Documents = [DocumentText.Failed("locked.pdf", "pdf", FileErrorCodes.Encrypted, "locked.pdf: 文件已加密，无法读取")],
            Errors = [new FileError("locked.pdf", FileErrorCodes.Encrypted, "locked.pdf: 文件已加密，无法读取")],
            Completed = [Stage.Ingest],
        };
        var assessments = new[]
        {
            unreadable,
            Scored("unknown.docx", 0, track: null),
            Scored("tianjin.docx", 88, eligible: false),
            Scored("weak.docx", 35),
            Scored("first.docx", 90),
            Scored("second.docx", 85),
            Scored("third.docx", 70),
        };

        var result = BuildShortlists.Build(assessments, Rubrics, new ShortlistOptions { Quota = 2, MinimumScore = 40 });
        var bySource = result.Exclusions.ToDictionary(e => e.Source);

        Assert.Equal(["first.docx", "second.docx"], Order(result));
        Assert.Equal(ExclusionReasons.Unreadable, bySource["locked.pdf"].Reason);
        Assert.Equal(["encrypted"], bySource["locked.pdf"].Codes.ToArray());
        Assert.Contains("locked.pdf", bySource["locked.pdf"].Detail);
        Assert.DoesNotContain("encrypted", bySource["locked.pdf"].Detail);
        Assert.Equal(ExclusionReasons.TrackUnknown, bySource["unknown.docx"].Reason);
        Assert.Contains("申报方向", bySource["unknown.docx"].Detail);
        Assert.Equal(ExclusionReasons.Ineligible, bySource["tianjin.docx"].Reason);
        Assert.Equal(["registered-in-beijing"], bySource["tianjin.docx"].Codes.ToArray());
        Assert.Contains("注册地不在北京", bySource["tianjin.docx"].Detail);
        Assert.Equal(88, bySource["tianjin.docx"].Score);
        Assert.Equal(ExclusionReasons.BelowMinimum, bySource["weak.docx"].Reason);
        Assert.Contains("40", bySource["weak.docx"].Detail);
        Assert.Equal(ExclusionReasons.OverQuota, bySource["third.docx"].Reason);
        Assert.Equal(5, result.Exclusions.Length);
        Assert.Equal(result.Exclusions.Select(e => e.Source).Order(StringComparer.Ordinal), result.Exclusions.Select(e => e.Source));
    }

    [Fact]
    public void Flagged_submissions_stay_visible_and_marked_ranked_or_excluded()
    {
        var injection = new DocumentFlag(FlagCodes.PromptInjection, "正文中含有向评审人员或模型发出的指令", new SourceLocation("x.docx", null, 3));
        var ranked = Scored("flagged.docx", 90).WithFlags([injection, DetectDuplicates.Flag("copy.docx", 0.93)]);
        var excluded = Scored("copy.docx", 85, eligible: false).WithFlags([DetectDuplicates.Flag("flagged.docx", 0.93)]);

        var result = BuildShortlists.Build([ranked, excluded], Rubrics, new ShortlistOptions());

        var entry = Assert.Single(result.Shortlists.Single(s => s.Track == "talent").Entries);
        Assert.Equal("flagged.docx", entry.Source);
        Assert.Equal([FlagCodes.NearDuplicate, FlagCodes.PromptInjection], entry.Flags.ToArray());
        Assert.Equal([FlagCodes.NearDuplicate], Assert.Single(result.Exclusions).Flags.ToArray());
    }

    [Fact]
    public void Unusable_options_are_refused_with_the_reason()
    {
        Assert.NotNull(new ShortlistOptions { Quota = 0 }.Problem());
        Assert.NotNull(new ShortlistOptions { MinimumScore = 120 }.Problem());
        Assert.Null(new ShortlistOptions { Quota = 3, MinimumScore = 60 }.Problem());
        Assert.Throws<ArgumentException>(() => BuildShortlists.Build([], Rubrics, new ShortlistOptions { Quota = -1 }));
    }

    [Fact]
    public void An_application_with_every_criterion_at_the_lowest_level_is_no_candidate_unless_the_floor_is_off()
    {
        SubmissionAssessment[] assessments = [Scored("good.docx", 80), Scored("nothing.docx", 12, level: "D")];

        var floored = BuildShortlists.Build(assessments, Rubrics, new ShortlistOptions());
        var off = BuildShortlists.Build(assessments, Rubrics, new ShortlistOptions { MinimumCriteriaAboveLowest = 0 });

        Assert.Equal(["good.docx"], Order(floored));
        var excluded = Assert.Single(floored.Exclusions);
        Assert.Equal(ExclusionReasons.BelowFloor, excluded.Reason);
        Assert.Contains("最低等级（D）", excluded.Detail);
        Assert.Equal(12, excluded.Score);
        Assert.Equal(["good.docx", "nothing.docx"], Order(off));
    }
}
