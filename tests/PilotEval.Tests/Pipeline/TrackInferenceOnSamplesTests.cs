using PilotEval.Evidence;
using PilotEval.Tests.Support;
using Xunit.Abstractions;

namespace PilotEval.Tests.Pipeline;

/// <summary>Hides each sample's 申报方向 and checks the track the content alone points to.</summary>
public sealed class TrackInferenceOnSamplesTests(SampleRunFixture run, ITestOutputHelper output) : IClassFixture<SampleRunFixture>
{
    [Fact]
    public async Task Without_the_cover_at_least_13_of_the_17_samples_are_inferred_right()
    {
        var rubrics = TestHost.RepoRubrics();
        // The run lets go of each submission's blocks once it is scored (they stay in its store): read them again.
        var documents = new Dictionary<string, PilotEval.Documents.DocumentText>();
        foreach (var file in run.Result.Run.Assessments.SelectMany(a => a.Submission.Files))
            documents[file] = await TestHost.ReadAsync(Path.Combine(RepoPaths.Samples, file));
        var outcomes = run.Result.Run.Assessments.Select(a =>
        {
            var withoutDirection = new CoverFields([.. a.Cover.Fields.Where(f => f.Label != CoverLabels.Direction)]);
            var text = a with { Documents = [.. a.Submission.Files.Select(f => documents[f])] };
            var decision = TrackInference.Decide(withoutDirection, text.Sentences(), rubrics);
            output.WriteLine($"{a.Source}: {decision.Track ?? "unknown"} ({decision.Confidence:0.00}), cover {a.Track?.Track}");
            return (Expected: a.Track!.Track, decision.Track, decision.Source);
        }).ToList();

        var right = outcomes.Count(o => o.Track == o.Expected);
        Assert.True(right >= 13, $"{right}/{outcomes.Count} inferred right");
        Assert.All(outcomes.Where(o => o.Track is not null), o => Assert.Equal("inferred", o.Source));
    }

    [Fact]
    public void The_samples_tracks_agree_with_their_content_where_the_content_is_clear()
    {
        // The strong sample of every track names the track its content points to.
        foreach (var tier in SampleRunFixture.Tiers)
        {
            var strong = run.Result.Run.Assessments.Single(a => a.Source == tier.Strong);
            Assert.Equal(tier.Track, strong.Track!.ContentTrack);
        }
    }
}
