using PilotEval.Panel;

namespace PilotEval.Tests.Panel;

/// <summary>The rules' aggregation, computed by hand: with five or more scores one highest and one lowest are dropped.</summary>
public sealed class AggregationTests
{
    public static TheoryData<double[], double?, double?> Cases => new()
    {
        // totals                               trimmed mean (by hand)           spread
        { [],                                   null,                            null },
        { [80],                                 80,                              0 },
        { [80, 90],                             85,                              10 },
        { [70, 80, 90, 100],                    85,                              30 },             // four: plain mean
        { [70, 80, 90, 100, 60],                80,                              40 },             // drop 100 and 60: (70+80+90)/3
        { [88, 88, 88, 88, 88],                 88,                              0 },
        { [50, 90, 91, 92, 99],                 91,                              49 },             // (90+91+92)/3
        { [60, 60, 70, 80, 95, 95],             76.25,                           35 },             // drop one 60 and one 95: (60+70+80+95)/4
        { [72.5, 81, 77.5, 90, 68, 85, 79],     (72.5 + 81 + 77.5 + 85 + 79) / 5, 22 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Trimmed_mean_and_spread_match_the_hand_computed_values(double[] totals, double? trimmed, double? spread)
    {
        Assert.Equal(trimmed, Aggregation.TrimmedMean(totals) is { } t ? Math.Round(t, 6) : null);
        Assert.Equal(spread, Aggregation.Spread(totals));
    }

    [Fact]
    public void Spearman_is_one_for_the_same_order_minus_one_for_the_reverse_and_uses_average_ranks_for_ties()
    {
        Assert.Equal(1, Aggregation.Spearman([(1, 10), (2, 20), (3, 30), (4, 40)]));
        Assert.Equal(-1, Aggregation.Spearman([(1, 40), (2, 30), (3, 20), (4, 10)]));
        // x ranks 1,2.5,2.5,4 against y ranks 1,2,3,4 (by hand: ρ = 0.9487)
        Assert.Equal(0.9487, Math.Round(Aggregation.Spearman([(4, 4), (2, 3), (2, 2), (1, 1)])!.Value, 4));
        Assert.Null(Aggregation.Spearman([(1, 1), (2, 2)]));
    }

    [Fact]
    public void Discussion_marks_an_application_whose_spread_exceeds_the_configured_limit()
    {
        var snapshot = SmallSnapshot([("a", "x.docx", 60), ("b", "x.docx", 80), ("a", "y.docx", 70), ("b", "y.docx", 75)]);

        var strict = PanelResults.Compute(snapshot, new PanelOptions(DiscussionSpread: 10));
        var lenient = PanelResults.Compute(snapshot, new PanelOptions(DiscussionSpread: 25));

        Assert.True(strict.Tracks[0].Entries.Single(e => e.Source == "x.docx").Discussion);
        Assert.False(strict.Tracks[0].Entries.Single(e => e.Source == "y.docx").Discussion);
        Assert.False(lenient.Tracks[0].Entries.Single(e => e.Source == "x.docx").Discussion);
    }

    internal static PanelResults.Snapshot SmallSnapshot(IEnumerable<(string Expert, string Source, double Total)> totals)
    {
        var list = totals.ToList();
        var apps = list.Select(t => t.Source).Distinct().Select((s, i) => new PilotEval.Panel.Store.ApplicationRow { Source = s, Track = "talent", MachineScore = 90 - i, Entry = "shortlisted" }).ToList();
        var experts = list.Select(t => t.Expert).Distinct().Select(e => new PilotEval.Panel.Store.ExpertRow { Name = e, Organisation = "大学", Tracks = "talent" }).ToList();
        return new PanelResults.Snapshot(apps, [new() { Track = "talent", Id = "all", Name = "总分", Weight = 100 }], experts,
            [.. list.Select(t => new PilotEval.Panel.Store.AssignmentRow { Expert = t.Expert, Source = t.Source })],
            [.. list.Select(t => new PilotEval.Panel.Store.ScoreRow { Expert = t.Expert, Source = t.Source, Criterion = "all", Value = t.Total })],
            [], [new() { Track = "talent", Name = "人才培养", Sha256 = "" }], [], []);
    }
}
