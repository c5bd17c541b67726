using PilotEval.Cli.Benchmarks;
using PilotEval.Tests.Support;

namespace PilotEval.Tests.Web.Load;

/// <summary>
/// Nine experts saving at once, over real HTTP to the site on 127.0.0.1, on one SQLite file: every value each of
/// them sent is in the store afterwards, and no request failed (no "database is locked", no refusal, no server
/// error). Correctness only: the latency of a save is measured by <c>piloteval panel bench-web</c>, never here.
/// </summary>
public sealed class WebLoadTests
{
    [Fact]
    public async Task Nine_experts_saving_a_hundred_applications_at_once_lose_no_write_and_meet_no_lock()
    {
        using var dir = new TempDirectory();
        using var services = TestHost.Create();
        var round = await WebLoad.OpenAsync(services.Mediator(), dir.Path, new WebLoad.Options(Experts: 9, Applications: 100, PerApplication: 5), CancellationToken.None);

        WebLoad.Outcome outcome;
        IReadOnlyCollection<string> errors;
        await using (var site = await LiveSite.StartAsync(round.Db))
        {
            outcome = await WebLoad.RunAsync(site.Address, round, CancellationToken.None);
            errors = site.Errors;
        }

        Assert.Empty(outcome.Problems);
        Assert.Empty(errors);
        // Each expert saw exactly its share as the panel's assignment placed it, and never its conflicted application.
        Assert.Equal(9, outcome.Listed.Count);
        foreach (var (expert, assigned) in round.Assigned) Assert.Equal(assigned.Order(), outcome.Listed[expert].Order());
        Assert.Equal(100 * 5, round.Assigned.Values.Sum(a => a.Count));
        Assert.DoesNotContain(round.Conflict.Source, outcome.Listed[round.Conflict.Expert]);
        // A draft and a submission per pair, and the submitted value of every criterion read back from the store.
        Assert.Equal(2 * 500, outcome.Saves.Length);
        Assert.Equal(500 * 5, outcome.Expected.Length);
        Assert.Empty(await WebLoad.LostWritesAsync(round.Db, outcome.Expected, CancellationToken.None));
    }
}
