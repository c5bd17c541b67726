using System.Diagnostics;
using System.Text.Json;
using PilotEval.Cli.Benchmarks;

namespace PilotEval.Tests.Cli;

/// <summary>
/// The benchmark's worker killer: it compares a disturbed run's <c>results.json</c> with the undisturbed one entry by
/// entry, and it kills reader workers — only those, only once they have lived past its minimum age — of the process
/// tree it is given, never anything else.
/// </summary>
public sealed class WorkerKillerTests
{
    private const string Truth = """
        {"run":{"id":"a"},"submissions":[
          {"source":"a.docx","status":"scored","score":61.5,"errors":[]},
          {"source":"b.pdf","status":"scored","score":48.0,"errors":[]},
          {"source":"c.pdf","status":"failed","score":null,"errors":[{"code":"corrupt"}]}],
         "shortlists":[{"track":"talent","sources":["a.docx"]}]}
        """;

    [Fact]
    public void Runs_that_differ_only_in_their_run_block_misreport_nothing()
    {
        using var truth = JsonDocument.Parse(Truth);
        using var same = JsonDocument.Parse(Truth.Replace("\"id\":\"a\"", "\"id\":\"b\"", StringComparison.Ordinal));

        Assert.Empty(WorkerKiller.Misreported(truth.RootElement, same.RootElement));
        Assert.Empty(WorkerKiller.RunLevelDifferences(truth.RootElement, same.RootElement));
    }

    [Fact]
    public void A_file_blamed_for_a_dead_worker_a_missing_one_and_a_changed_shortlist_are_each_named()
    {
        using var truth = JsonDocument.Parse(Truth);
        using var disturbed = JsonDocument.Parse("""
            {"run":{"id":"b"},"submissions":[
              {"source":"a.docx","status":"scored","score":61.5,"errors":[]},
              {"source":"c.pdf","status":"failed","score":null,"errors":[{"code":"timeout"}]},
              {"source":"d.docx","status":"scored","score":1.0,"errors":[]}],
             "shortlists":[]}
            """);

        var misreported = WorkerKiller.Misreported(truth.RootElement, disturbed.RootElement);

        Assert.Equal(["b.pdf: missing", "c.pdf: errors", "d.docx: not in the undisturbed run"], misreported);
        Assert.Equal(["shortlists"], WorkerKiller.RunLevelDifferences(truth.RootElement, disturbed.RootElement));
    }

    [Fact]
    public async Task Only_a_reader_worker_of_the_given_tree_is_killed_and_only_once_it_is_old_enough()
    {
        if (!OperatingSystem.IsLinux()) return;
        // A tree of a shell, a reader worker and a sleeping bystander; the worker waits on the shell's stdin, which
        // the test holds open, so it lives until it is killed.
        var cli = Path.Combine(AppContext.BaseDirectory, "PilotEval.Cli.dll");
        var start = new ProcessStartInfo("sh") { RedirectStandardInput = true, UseShellExecute = false };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add($"exec 3<&0; dotnet '{cli}' read-worker <&3 & sleep 600 & wait");
        start.Environment["PILOTEVAL_READER_PARENT"] = Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        using var shell = Process.Start(start)!;
        try
        {
            var killer = new WorkerKiller(limit: 1, seed: 14);
            // Counted polls, not a deadline: the worker must be seen, grow old and be killed; 6,000 polls of 50 ms
            // leave five minutes for a loaded machine to start it.
            var sawWorkerYoung = false;
            for (var poll = 0; poll < 6000 && killer.Killed == 0; poll++)
            {
                var workers = WorkerKiller.ReaderWorkers(shell.Id);
                killer.Tick(shell.Id);
                if (workers.Count > 0 && killer.Killed == 0) sawWorkerYoung = true;
                await Task.Delay(50);
            }

            Assert.Equal(1, killer.Killed);
            Assert.True(sawWorkerYoung, "the worker was killed on the first poll that saw it, before it was old enough");
            for (var poll = 0; poll < 600 && WorkerKiller.ReaderWorkers(shell.Id).Count > 0; poll++) await Task.Delay(50);
            Assert.Empty(WorkerKiller.ReaderWorkers(shell.Id));
            Assert.False(shell.HasExited, "the shell and its sleeping bystander were not the killer's to kill");
            Assert.Contains(BenchTools.ProcessTree(shell.Id), pid => BenchTools.CommandLine(pid).Contains("sleep"));
            killer.Tick(shell.Id);
            Assert.Equal(1, killer.Killed);
        }
        finally
        {
            foreach (var pid in BenchTools.ProcessTree(shell.Id).Reverse().ToList())
            {
                try { Process.GetProcessById(pid).Kill(); } catch (Exception ex) when (ex is ArgumentException or InvalidOperationException) { }
            }
        }
    }
}
