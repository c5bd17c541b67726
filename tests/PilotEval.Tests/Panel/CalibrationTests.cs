using PilotEval.Panel;

namespace PilotEval.Tests.Panel;

/// <summary>Additive-severity calibration: exact on noise-free data, withheld on a disconnected graph, better than the raw mean on simulated panels.</summary>
public sealed class CalibrationTests
{
    [Fact]
    public void Noise_free_scores_give_back_the_planted_severities_with_mean_zero_and_the_true_qualities()
    {
        var quality = new Dictionary<string, double> { ["a"] = 80, ["b"] = 70, ["c"] = 60, ["d"] = 75 };
        var severity = new Dictionary<string, double> { ["x"] = 6, ["y"] = -2, ["z"] = -4 };
        var pairs = new[] { ("x", "a"), ("x", "b"), ("y", "b"), ("y", "c"), ("z", "c"), ("z", "d"), ("x", "d") };

        var fit = Calibration.Solve([.. pairs.Select(p => (p.Item1, p.Item2, quality[p.Item2] + severity[p.Item1]))]);

        foreach (var (e, b) in severity) Assert.Equal(b, fit.Severity[e], 6);
        foreach (var (a, q) in quality) Assert.Equal(q, fit.Quality[a], 6);
    }

    [Fact]
    public void A_track_whose_expert_application_graph_is_not_connected_gets_no_calibrated_scores()
    {
        // Experts a and b never share an application: their severities cannot be compared.
        var snapshot = AggregationTests.SmallSnapshot([("a", "x.docx", 80), ("a", "y.docx", 70), ("b", "z.docx", 90), ("b", "w.docx", 60)]);

        var results = PanelResults.Compute(snapshot, new PanelOptions(RankBy: "calibrated"));

        var track = results.Tracks.Single();
        Assert.Contains("互不相连", track.CalibrationNote);
        Assert.All(track.Entries, e => Assert.Null(e.Calibrated));
        // Ranking falls back to the trimmed mean rather than to nothing.
        Assert.Equal(["z.docx", "x.docx", "y.docx", "w.docx"], track.Entries.Select(e => e.Source));
    }

    [Fact]
    public void On_simulated_panels_fitted_severities_track_the_planted_ones_and_calibration_recovers_the_top_k_more_often()
    {
        // The README's figures come from 200 seeds (piloteval panel simulate); 40 keep the test quick, the margins wide.
        var outcome = CalibrationSimulation.Run(40, new CalibrationSimulation.Settings());

        Assert.True(outcome.SeverityCorrelation > 0.8, $"severity correlation {outcome.SeverityCorrelation:0.000}");
        Assert.True(outcome.CalibratedOverlap > outcome.RawOverlap + 0.03, $"calibrated {outcome.CalibratedOverlap:0.000} vs raw {outcome.RawOverlap:0.000}");
        Assert.True(outcome.CalibratedBetter > 2 * outcome.RawBetter, $"calibrated better on {outcome.CalibratedBetter} seeds, raw on {outcome.RawBetter}");
    }
}
