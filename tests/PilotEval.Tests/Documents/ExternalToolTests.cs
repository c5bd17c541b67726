using System.Diagnostics;
using PilotEval.Documents;

namespace PilotEval.Tests.Documents;

/// <summary>
/// Helper processes die with their reader: a tool that hangs, grows, is cancelled, or whose starter dies leaves no
/// process of its group behind. Processes are found by the tag in their environment, so a test sees only its own.
/// </summary>
public sealed class ExternalToolTests
{
    private static readonly string? Shell = ExternalTool.OnPath("sh");

    private static Dictionary<string, string> Tag(out string tag)
    {
        tag = Guid.NewGuid().ToString("N");
        return new Dictionary<string, string> { [ExternalTool.TagVariable] = tag };
    }

    [LinuxFact]
    public void A_hanging_tool_and_its_children_are_killed_when_the_limit_passes()
    {
        var environment = Tag(out var tag);

        var result = ExternalTool.Run(Shell!, ["-c", "sleep 600 & sleep 600; wait"], TimeSpan.FromSeconds(1), long.MaxValue,
            CancellationToken.None, environment);

        Assert.Equal(ExternalTool.Outcome.TimedOut, result.Outcome);
        Assert.Empty(Leftovers.AfterSettling(tag));
    }

    [LinuxFact]
    public void A_tool_that_grows_past_its_memory_limit_is_killed()
    {
        var environment = Tag(out var tag);

        // tail buffers an endless line without a newline: it grows until something stops it.
        var result = ExternalTool.Run("tail", ["/dev/zero"], TimeSpan.FromMinutes(5), 64L * 1024 * 1024, CancellationToken.None, environment);

        Assert.Equal(ExternalTool.Outcome.OverMemory, result.Outcome);
        Assert.Empty(Leftovers.AfterSettling(tag));
    }

    [LinuxFact]
    public void A_cancelled_run_kills_the_tool_group()
    {
        var environment = Tag(out var tag);
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(1));

        Assert.ThrowsAny<OperationCanceledException>(() =>
            ExternalTool.Run(Shell!, ["-c", "sleep 600 & sleep 600; wait"], TimeSpan.FromMinutes(5), long.MaxValue, cancel.Token, environment));

        Assert.Empty(Leftovers.AfterSettling(tag));
    }

    [LinuxFact]
    public void A_tool_whose_reader_dies_is_killed_with_its_group()
    {
        var environment = Tag(out var tag);
        // A stand-in for a reader worker: it starts the tool as ExternalTool would, then is killed outright.
        var start = new ProcessStartInfo(Shell!) { UseShellExecute = false, RedirectStandardOutput = true };
        foreach (var argument in (string[])["-c", "\"$@\" & exec sleep 600", "sh", .. ExternalTool.CommandLine(Shell!, ["-c", "sleep 600 & sleep 600; wait"])])
        {
            start.ArgumentList.Add(argument);
        }
        start.Environment[ExternalTool.TagVariable] = tag;
        using var reader = Process.Start(start)!;
        for (var poll = 0; poll < 120 && ExternalTool.Tagged(tag).Count < 4; poll++) Thread.Sleep(250);
        Assert.True(ExternalTool.Tagged(tag).Count >= 4, "the tool did not start");

        reader.Kill();
        reader.WaitForExit();

        Assert.Empty(Leftovers.AfterSettling(tag));
        _ = environment;
    }
}

/// <summary>A fact about process groups and /proc: Linux only (CI and the reader's home), skipped elsewhere saying so.</summary>
public sealed class LinuxFactAttribute : FactAttribute
{
    public LinuxFactAttribute()
    {
        if (!OperatingSystem.IsLinux() || ExternalTool.OnPath("setsid") is null || ExternalTool.OnPath("sh") is null)
        {
            Skip = "needs Linux with setsid and sh (util-linux)";
        }
    }
}
