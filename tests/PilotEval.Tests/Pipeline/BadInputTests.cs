using Microsoft.Extensions.DependencyInjection;
using PilotEval.Pipeline;
using PilotEval.Tests.Support;

namespace PilotEval.Tests.Pipeline;

public sealed class BadInputTests
{
    [Fact]
    public async Task Bad_files_get_their_codes_while_the_rest_of_the_batch_is_scored()
    {
        using var submissions = new TempDirectory();
        using var output = new TempDirectory();
        File.Copy(Path.Combine(RepoPaths.Samples, "talent-hualing-academy.docx"), submissions.File("good.docx"));
        File.Copy(Path.Combine(RepoPaths.Fixtures, "encrypted.pdf"), submissions.File("locked.pdf"));
        var docx = await File.ReadAllBytesAsync(Path.Combine(RepoPaths.Samples, "risk-yunxiu-cloud.docx"));
        await File.WriteAllBytesAsync(submissions.File("truncated.docx"), docx[..(docx.Length / 3)]);
        await File.WriteAllBytesAsync(submissions.File("photo.pdf"), [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3]);

        using var provider = TestHost.Create();
        var result = await provider.Mediator().Send(new EvaluateSubmissions.Command(submissions.Path, RepoPaths.Rubrics, output.Path));

        var bySource = result.Run.Assessments.ToDictionary(a => a.Source);
        Assert.Equal("encrypted", Assert.Single(bySource["locked.pdf"].Errors).Code);
        Assert.Equal("corrupt", Assert.Single(bySource["truncated.docx"].Errors).Code);
        Assert.Equal("unsupported-format", Assert.Single(bySource["photo.pdf"].Errors).Code);
        Assert.All(["locked.pdf", "truncated.docx", "photo.pdf"], s =>
        {
            Assert.True(bySource[s].Failed);
            Assert.Contains(s, bySource[s].Errors[0].Message);
        });
        Assert.NotNull(bySource["good.docx"].Scorecard);
        Assert.Equal(1, result.Run.Shortlists.Single(s => s.Track == "talent").Entries.Single().Rank);

        var json = await File.ReadAllTextAsync(Path.Combine(output.Path, "results.json"));
        Assert.Contains("\"status\": \"failed\"", json);
        Assert.Contains("\"code\": \"encrypted\"", json);
        Assert.Equal(3, result.Run.Exclusions.Count(e => e.Reason == "unreadable"));
    }

    [Theory]
    [InlineData(2)] // the first submission to start: the bookkeeping before its stages
    [InlineData(3)] // the other one starting, or the first one's first stage, as the scheduler has it
    public async Task A_failure_inside_a_stage_is_recorded_on_that_submission_and_the_batch_goes_on(int failOnCall)
    {
        using var submissions = new TempDirectory();
        using var output = new TempDirectory();
        File.Copy(Path.Combine(RepoPaths.Samples, "talent-xingqiao-net.docx"), submissions.File("a.docx"));
        File.Copy(Path.Combine(RepoPaths.Samples, "talent-hualing-academy.docx"), submissions.File("b.docx"));

        // A clock that throws on one reading breaks one submission: inside one of its stages or in the bookkeeping
        // around them, as the two submissions happen to interleave; either way that one is recorded and the other scored.
        using var provider = TestHost.Create(s => s.AddSingleton<TimeProvider>(new FailingClock(failOnCall)));
        var result = await provider.Mediator().Send(new EvaluateSubmissions.Command(submissions.Path, RepoPaths.Rubrics, output.Path));

        Assert.Equal(2, result.Run.Assessments.Length);
        Assert.Single(result.Run.Assessments, a => a.Errors.Any(e => e.Code == "internal-error"));
        Assert.Single(result.Run.Assessments, a => a.Scorecard is not null);
    }

    private sealed class FailingClock(int failOnCall) : TimeProvider
    {
        private int _calls;

        public override DateTimeOffset GetUtcNow() =>
            Interlocked.Increment(ref _calls) == failOnCall ? throw new InvalidOperationException("clock failure") : base.GetUtcNow();
    }
}
